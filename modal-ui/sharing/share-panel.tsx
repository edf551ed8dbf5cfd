import { useId, useState, type ChangeEvent } from 'react';
import { isImportError, importMessageKey, type NameChange } from '../../engine';
import { problemCode } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { downloadFile } from './download';
import { NameChanges } from './name-changes';

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly key: 'sharing.exporting' | 'sharing.importing' }
  | { readonly kind: 'done'; readonly text: string; readonly renamed?: readonly NameChange[] }
  | { readonly kind: 'failed'; readonly text: string };

/**
 * Sharing the model in use: whether its pictures travel in the .sb3 (private by default), exporting it as a
 * file (Teachable Machine's layout) and importing one (ours or Teachable Machine's) as a new model.
 */
export function SharePanel() {
  const { t } = useTranslation();
  const service = useModelService();
  const state = useServiceState(({ includePictures, trained, training, featureSource }) => ({
    includePictures,
    hands: featureSource === 'hands',
    method: trained?.method,
    running: training.status === 'running',
  }));
  const headingId = useId();
  const whyId = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'busy' || state.running;

  const failure = (error: unknown) => (isImportError(error) ? t(importMessageKey(error.problem)) : t(`errors.${problemCode(error)}`));

  const exportModel = async () => {
    setStatus({ kind: 'busy', key: 'sharing.exporting' });
    // Teachable Machine has no KNN: the file answers by each class's average picture there (engine/interchange);
    // and no Hands models: those travel as our model file alone.
    const doneKey = state.hands ? 'sharing.exportedHands' : state.method === 'knn' ? 'sharing.exportedKnn' : 'sharing.exported';
    try {
      const file = await service.exportModelFile();
      downloadFile(file.fileName, file.bytes as Uint8Array<ArrayBuffer>, state.hands ? 'application/octet-stream' : 'application/zip');
      setStatus({ kind: 'done', text: t(doneKey, { file: file.fileName }) });
    } catch (error) {
      console.warn('[image-model] export failed', error);
      setStatus({ kind: 'failed', text: failure(error) });
    }
  };

  const importModel = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (chosen.length === 0) return;
    setStatus({ kind: 'busy', key: 'sharing.importing' });
    try {
      const files = await Promise.all(chosen.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const renamed = await service.importModel(files);
      setStatus({ kind: 'done', text: t('sharing.imported', { name: service.getState().name }), renamed });
    } catch (error) {
      if (!isImportError(error)) console.warn('[image-model] import failed', error);
      setStatus({ kind: 'failed', text: failure(error) });
    }
  };

  return (
    <section className="imt-panel imt-share" aria-labelledby={headingId}>
      <h3 id={headingId} className="imt-heading">
        {t('sharing.shareHeading')}
      </h3>
      <label className="imt-share__include">
        <input
          type="checkbox"
          checked={state.includePictures}
          aria-describedby={whyId}
          onChange={(event) => service.setIncludePictures(event.currentTarget.checked)}
        />
        {t('sharing.includePictures')}
      </label>
      <p id={whyId} className="imt-field-help">
        {t('sharing.includePicturesWhy')}
      </p>
      <div className="imt-share__row">
        <button
          type="button"
          className="imt-button imt-button--secondary"
          disabled={busy || !state.method}
          onClick={() => void exportModel()}
        >
          {t('sharing.exportModel')}
        </button>
        <label className={`imt-button imt-button--secondary imt-file-button${busy ? ' imt-file-button--disabled' : ''}`}>
          {t('sharing.importModel')}
          <input
            className="imt-visually-hidden"
            type="file"
            multiple
            accept=".zip,.json,.bin,application/zip,application/json"
            disabled={busy}
            onChange={(event) => void importModel(event)}
          />
        </label>
      </div>
      {!state.method && <p className="imt-field-help">{t('sharing.exportNeedsTraining')}</p>}
      {status.kind === 'busy' && (
        <p className="imt-note" role="status">
          {t(status.key)}
        </p>
      )}
      {status.kind === 'done' && (
        <div className="imt-note imt-note--good" role="status">
          <p>{status.text}</p>
          {status.renamed && <NameChanges renamed={status.renamed} />}
        </div>
      )}
      {status.kind === 'failed' && (
        <p className="imt-note imt-note--bad" role="alert">
          {status.text}
        </p>
      )}
    </section>
  );
}
