// The bar at the bottom of the editor while a game page is written and after: the save notice's look
// (editor/overlays/save-notice.css), a live region, so a screen reader hears "Saving…" and the result.
import { useSyncExternalStore } from 'react';
import { useTranslation } from '../../modal-ui/use-translation';
import type { WebPageStatus } from './web-page-status';
import '../overlays/save-notice.css';

export function WebPageNotice({ status }: { readonly status: WebPageStatus }) {
  const { t } = useTranslation();
  const current = useSyncExternalStore(status.subscribe, status.current);
  const text =
    current?.kind === 'saving'
      ? t('webPage.saving')
      : current?.kind === 'saved'
        ? t('webPage.saved')
        : current
          ? [t(current.message), current.reason && t(current.reason)].filter(Boolean).join(' ')
          : '';
  return (
    <div className={`imh-save-notice${current ? '' : ' imh-save-notice--empty'}`} role="status">
      {current && (
        <>
          <span>{text}</span>
          {current.kind !== 'saving' && (
            <button type="button" className="imh-save-notice__button" onClick={() => status.set(null)}>
              {t('webPage.ok')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
