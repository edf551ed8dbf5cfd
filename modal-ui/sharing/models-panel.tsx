import { useId, useState } from 'react';
import type { ModelService, ModelServiceState } from '../../model-service';
import { useTranslation } from '../use-translation';

/**
 * The project's models: one is in use (the trainer edits it, the blocks use it); new, duplicate and delete.
 * Nothing changes while training runs, because the training's result belongs to the model in use.
 */
export function ModelsPanel({ service, state }: { readonly service: ModelService; readonly state: ModelServiceState }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const busy = state.training.status === 'running';
  const active = state.models.find((model) => model.id === state.modelId);

  return (
    <section className="imt-models" aria-labelledby={headingId}>
      <h3 id={headingId} className="imt-heading">{t('sharing.modelsHeading')}</h3>
      <ul className="imt-models__list" aria-label={t('sharing.modelsList')}>
        {state.models.map((model) => (
          <li key={model.id}>
            <button
              type="button"
              className={`imt-models__item${model.id === state.modelId ? ' imt-models__item--active' : ''}`}
              aria-pressed={model.id === state.modelId}
              aria-label={t('sharing.useThisModel', { name: model.name })}
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                void service.switchModel(model.id);
              }}
            >
              {model.name}
              {model.id === state.modelId && <span className="imt-models__badge"> ({t('sharing.inUse')})</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="imt-models__actions">
        <button type="button" className="imt-button imt-button--secondary imt-button--small" disabled={busy}
          onClick={() => service.createModel(t('trainer.defaultModelName'))}>
          {t('sharing.newModel')}
        </button>
        <button type="button" className="imt-button imt-button--secondary imt-button--small" disabled={busy}
          onClick={() => service.duplicateModel(t('sharing.copyName', { name: state.name }))}>
          {t('sharing.duplicateModel')}
        </button>
        <button type="button" className="imt-button imt-button--quiet imt-button--small" disabled={busy} onClick={() => setConfirming(true)}>
          {t('sharing.deleteModel')}
        </button>
      </div>
      {busy && <p className="imt-field-help">{t('sharing.busyTraining')}</p>}
      {state.earlierModels > 0 && !busy && (
        <p className="imt-field-help">
          {t('sharing.bringBackWhy')}{' '}
          <button type="button" className="imt-button imt-button--quiet imt-button--small" onClick={() => void service.bringBackEarlierModels()}>
            {t('sharing.bringBack', { count: state.earlierModels })}
          </button>
        </p>
      )}
      {confirming && active && (
        <div className="imt-models__confirm" role="alertdialog" aria-label={t('sharing.deleteModel')}>
          <p>{t('sharing.confirmDeleteModel', { name: active.name })}</p>
          <button type="button" className="imt-button imt-button--stop imt-button--small"
            onClick={() => {
              setConfirming(false);
              service.deleteModel(active.id);
            }}>
            {t('sharing.yesDelete')}
          </button>
          <button type="button" className="imt-button imt-button--secondary imt-button--small" autoFocus onClick={() => setConfirming(false)}>
            {t('sharing.keepIt')}
          </button>
        </div>
      )}
    </section>
  );
}
