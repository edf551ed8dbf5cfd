import { problemMessageKey } from '../../project-file';
import type { OpenedProjectNotice as Notice } from '../../model-service';
import { t as translate } from '../../locales';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { showModelCard } from '../trainer/model-card';
import { NameChanges } from './name-changes';

/**
 * The notice's lines: each model that could not be opened with its reason, then (because such a model is never
 * stored, so saving the project leaves it out) a warning about saving, then the pictures left out.
 */
export function openedProjectNoticeLines(notice: Notice, t: typeof translate = translate): string[] {
  const broken = notice.broken.map((model) => {
    const reason = t(problemMessageKey(model.problem));
    return model.name ? t('sharing.brokenModel', { name: model.name, reason }) : reason;
  });
  return [
    ...broken,
    ...(broken.length > 0 ? [t('sharing.brokenLeftOutOnSave')] : []),
    ...(notice.droppedPictures > 0 ? [t('sharing.droppedPictures', { count: notice.droppedPictures })] : []),
    ...(notice.unreadableCards ? [t('sharing.cardUnreadable')] : []),
  ];
}

/**
 * What the last opened project left out (models that could not be opened, pictures that could not be read) and
 * which names were changed so the blocks can tell them apart.
 */
export function OpenedProjectNotice() {
  const { t } = useTranslation();
  const service = useModelService();
  const notice = useServiceState((state) => state.openedProject);
  if (!notice) return null;
  const lines = openedProjectNoticeLines(notice, t);
  const problems = lines.length > 0 || notice.renamed.length > 0;
  return (
    <div className={problems ? 'imt-problem' : 'imt-banner imt-banner--good'} role={problems ? 'alert' : 'status'}>
      {notice.trainedModel && <ModelCardLink />}
      {lines.length > 0 && (
        <ul className="imt-opened">
          {lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      <NameChanges renamed={notice.renamed} />
      <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => service.dismissOpenedProject()}>
        {t('sharing.dismiss')}
      </button>
    </div>
  );
}

/** "This project came with a trained model. See the model card" */
function ModelCardLink() {
  const { t } = useTranslation();
  return (
    <p className="imt-opened__card">
      {t('trainer.card.openedWithModel')}{' '}
      <button type="button" className="imt-button imt-button--small" onClick={showModelCard}>
        {t('trainer.card.see')}
      </button>
    </p>
  );
}
