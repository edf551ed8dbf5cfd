import { useEffect, useId, useRef } from 'react';
import { useModelService, useServiceState } from '../service';
import { useTranslation } from '../use-translation';
import { readinessHint, worksWithoutPictures } from './hint-text';
import { Icon } from './icons';
import { SettingsPanel } from './settings-panel';
import { TrainingChart } from './training-chart';

/** Train / Stop, the hint saying what is missing, the progress, the live chart and the Advanced settings. */
export function TrainPanel() {
  const { t } = useTranslation();
  const service = useModelService();
  const state = useServiceState(({ training, trained, engine, addingPictures, readiness }) => ({
    training,
    trained,
    engine,
    addingPictures,
    readiness,
  }));
  const sharedModel = useServiceState(worksWithoutPictures);
  const headingId = useId();
  const hintId = useId();
  const doneRef = useRef<HTMLDivElement>(null);
  const { training, trained, engine } = state;
  const running = training.status === 'running';
  const waiting = training.status === 'waiting';

  let hint: string;
  if (waiting)
    hint = t(state.addingPictures === 1 ? 'trainer.waitingForPicturesOne' : 'trainer.waitingForPicturesOther', {
      count: state.addingPictures,
    });
  else if (running && training.copies) hint = t('lab.copies.making', { done: training.copies.done, total: training.copies.total });
  else if (running)
    hint =
      training.method === 'knn' ? t('trainer.trainingKnn') : t('trainer.epochOf', { epoch: training.epoch, total: training.totalEpochs });
  else if (engine.status === 'failed') hint = t(`errors.${engine.problem}`);
  else if (sharedModel) hint = t('trainer.hintSharedModel');
  else if (!state.readiness.ready) hint = readinessHint(t, state.readiness);
  else if (engine.status === 'starting') hint = t('trainer.engineStarting');
  else if (trained && !trained.outOfDate) hint = t('trainer.hintTrained');
  else hint = t('trainer.hintReady');
  const canTrain = state.readiness.ready && engine.status === 'ready' && !running && !waiting;

  const chartHistory = running ? training.history : (trained?.history ?? []);
  const chartEpochs = running ? training.totalEpochs : chartHistory.length;
  const showChart = running ? training.method === 'dense' : trained?.method === 'dense' && chartHistory.length > 0;

  // The end of training is brought into view (and announced by its status role), wherever the child scrolled to.
  useEffect(() => {
    if (training.status === 'done') doneRef.current?.scrollIntoView({ block: 'nearest' });
  }, [training.status]);

  return (
    <section className="imt-panel imt-train" aria-labelledby={headingId}>
      <h3 id={headingId} className="imt-heading">
        {t('trainer.trainHeading')}
      </h3>
      <div className="imt-train__row">
        {running || waiting ? (
          <button
            type="button"
            className="imt-button imt-button--stop imt-button--big"
            onClick={() => service.stopTraining()}
            disabled={running && training.stopping}
          >
            <Icon name="stop" />
            {t('trainer.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="imt-button imt-button--train imt-button--big"
            onClick={() => void service.train()}
            disabled={!canTrain}
            aria-describedby={hintId}
          >
            <Icon name="play" />
            {t('trainer.train')}
          </button>
        )}
        <p id={hintId} className="imt-train__hint" aria-live="polite">
          {hint}
        </p>
      </div>
      {(running || waiting) && (
        <progress
          className="imt-progress"
          aria-label={t('trainer.trainingProgress')}
          value={running && training.method === 'dense' ? training.epoch : undefined}
          max={running ? training.totalEpochs : 1}
        />
      )}
      {training.status === 'done' && (
        <div ref={doneRef}>
          <progress className="imt-progress" aria-label={t('trainer.trainingProgress')} value={1} max={1} />
          <p className="imt-note imt-note--good" role="status">
            {t('trainer.trainingDone')}
            {trained && trained.learnedFrom.pictures > 0 && <> {t('trainer.learnedFrom', trained.learnedFrom)}</>}
          </p>
        </div>
      )}
      {training.status === 'stopped' && (
        <p className="imt-note" role="status">
          {t('trainer.trainingStopped')}
        </p>
      )}
      {training.status === 'failed' && (
        <p className="imt-note imt-note--bad" role="alert">
          {t('trainer.trainingFailed', { reason: t(`errors.${training.problem}`) })}
        </p>
      )}
      {trained?.outOfDate && !running && !waiting && <p className="imt-note imt-note--warn">{t('trainer.outOfDate')}</p>}
      {showChart && <TrainingChart history={chartHistory} totalEpochs={chartEpochs} />}
      {!running && trained?.method === 'knn' && <p className="imt-field-help">{t('trainer.knnNoChart')}</p>}
      <SettingsPanel disabled={running || waiting} />
    </section>
  );
}
