// The GUI's menu bar has no place for a host's own entry, and the GUI builds its whole page again whenever the
// language changes (its IntlProvider is keyed by the locale). So our entry is an element of ours, put right after
// the GUI's first group of menus (logo, Settings, File, Edit) and put back each time the menu bar is built again.
// It then scrolls and resizes with the bar, as the GUI's own items do.

/** The GUI's menu bar: <header role="banner"> (menu-bar.jsx, 15.1.1). */
const MENU_BAR = '[role="banner"]';
/** Its first group of menus; class names are hashed, their readable prefix is stable. */
const FIRST_MENU_GROUP = '[class*="menu-bar_file-group"]';

/** Keeps `entry` in the editor's menu bar; returns a function that stops. */
export function keepInMenuBar(editor: HTMLElement, entry: HTMLElement): () => void {
  const place = () => {
    if (entry.isConnected) return;
    const menuBar = editor.querySelector(MENU_BAR);
    if (!menuBar) return;
    const firstMenus = menuBar.querySelector(FIRST_MENU_GROUP);
    if (firstMenus) firstMenus.after(entry);
    else menuBar.prepend(entry);
  };
  // Only nodes coming and going matter (not attributes, which Blockly changes constantly); placing is a no-op
  // while the entry is in the page.
  const observer = new MutationObserver(place);
  observer.observe(editor, { childList: true, subtree: true });
  place();
  return () => observer.disconnect();
}
