// One line at the bottom of the editor: the new version's reload button, or that offline use is unavailable.
import { useSyncExternalStore } from 'react';
import { useTranslation } from '../../modal-ui/use-translation';
import type { OfflineStatus } from './offline-status';
import './offline-notice.css';

export interface OfflineNoticeProps {
  readonly status: OfflineStatus;
  readonly onReload: () => void;
}

export function OfflineNotice({ status, onReload }: OfflineNoticeProps) {
  const { t } = useTranslation();
  const view = useSyncExternalStore(status.subscribe, status.getView);
  return (
    <div className="imh-offline-notices" role="status">
      {view.updatePrompt && (
        <button type="button" className="imh-offline-notice imh-offline-notice--update" onClick={onReload}>
          {t('editor.updateReady')}
        </button>
      )}
      {view.noRoom && (
        <p className="imh-offline-notice">
          <span>{t('editor.offlineUnavailable')}</span>
          <button type="button" className="imh-offline-notice__close" onClick={status.dismissNoRoom}>
            {t('editor.offlineUnavailableOk')}
          </button>
        </p>
      )}
    </div>
  );
}
