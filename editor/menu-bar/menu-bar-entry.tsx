// "Image Model" in the editor's menu bar, beside File and Edit: one click opens the trainer (adding the extension
// first when needed). A way in that does not depend on the "Add Extension" button, which small screens cut off.
import { createRoot } from 'react-dom/client';
import { useTranslation } from '../../modal-ui/use-translation';
import iconUrl from '../library-tile/image-model-inset.svg';
import { keepInMenuBar } from './keep-in-menu-bar';
import './menu-bar-entry.css';

export interface MenuBarEntryProps {
  readonly onOpen: () => void;
}

export function MenuBarEntry({ onOpen }: MenuBarEntryProps) {
  const { t } = useTranslation();
  return (
    <button type="button" className="imh-menu-entry" title={t('editor.menuBarEntryHint')} onClick={onOpen}>
      <img className="imh-menu-entry__icon" src={iconUrl} alt="" draggable={false} />
      <span>{t('editor.menuBarEntry')}</span>
    </button>
  );
}

/** Renders the entry in a React root of its own and keeps it in the editor's menu bar. */
export function mountMenuBarEntry(editor: HTMLElement, onOpen: () => void): void {
  const slot = document.createElement('div');
  slot.className = 'imh-menu-bar-slot';
  createRoot(slot).render(<MenuBarEntry onOpen={onOpen} />);
  keepInMenuBar(editor, slot);
}
