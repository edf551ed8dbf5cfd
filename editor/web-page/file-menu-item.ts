// "Save as a web page" in the GUI's File menu, under "Save to your computer". The GUI's menu has no place for a
// host's item, so editor/build/scratch-gui-patches.cjs adds one that asks this module for its words (at each
// render, so they follow the editor's language) and calls it when chosen. Kept tiny: it is in the editor's first
// chunks; the writer itself is loaded when the item is chosen (editor/app.tsx).
import { t } from '../../locales';

let chosen: (() => void) | null = null;

/** What the patched GUI calls. */
export const saveAsWebPageMenuItem = {
  label: (): string => t('webPage.menuItem'),
  choose: (): void => chosen?.(),
};

export function onSaveAsWebPage(handler: () => void): void {
  chosen = handler;
}
