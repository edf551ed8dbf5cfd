// The notice after a save (save-notice.ts) as a bar at the bottom of the editor, with the way to the trainer's
// "Include my pictures" when the pictures stayed behind.
import { useSyncExternalStore } from 'react';
import { useTranslation } from '../../modal-ui/use-translation';
import type { SaveNotice } from './save-notice';
import './save-notice.css';

export function SaveNoticeBar({ notice, onOpenTrainer }: { readonly notice: SaveNotice; onOpenTrainer(): void }) {
  const { t } = useTranslation();
  const kind = useSyncExternalStore(notice.subscribe, notice.current);
  // Always in the page, so a screen reader announces what appears in it.
  return (
    <div className={`imh-save-notice${kind ? '' : ' imh-save-notice--empty'}`} role="status">
      {kind && (
        <>
          <span>{t(kind === 'with-pictures' ? 'editor.savedWithPictures' : 'editor.savedWithoutPictures')}</span>
          {kind === 'without-pictures' && (
            <button
              type="button"
              className="imh-save-notice__button"
              onClick={() => {
                notice.dismiss();
                onOpenTrainer();
              }}
            >
              {t('editor.savedOpenTrainer')}
            </button>
          )}
          <button type="button" className="imh-save-notice__button" onClick={notice.dismiss}>
            {t('trainer.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
