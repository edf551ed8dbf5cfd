import { problemMessageKey } from '../../project-file';
import type { ModelService, ModelServiceState } from '../../model-service';
import { useTranslation } from '../use-translation';

/** What the last opened project left out: models that could not be opened, and pictures that could not be read. */
export function OpenedProjectNotice({ service, state }: { readonly service: ModelService; readonly state: ModelServiceState }) {
  const { t } = useTranslation();
  const notice = state.openedProject;
  if (!notice) return null;
  return (
    <div className="imt-problem" role="alert">
      <ul className="imt-opened">
        {notice.broken.map((broken, index) => {
          const reason = t(problemMessageKey(broken.problem));
          return <li key={index}>{broken.name ? t('sharing.brokenModel', { name: broken.name, reason }) : reason}</li>;
        })}
        {notice.droppedPictures > 0 && <li>{t('sharing.droppedPictures', { count: notice.droppedPictures })}</li>}
      </ul>
      <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => service.dismissOpenedProject()}>
        {t('sharing.dismiss')}
      </button>
    </div>
  );
}
