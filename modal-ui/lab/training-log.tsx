import { useEffect, useId, useState } from 'react';
import type { EarlyStop } from '../../engine';
import type { t as translate } from '../../locales';
import { isValidStopAtAccuracy } from '../../model-service';
import { useModelService, useServiceState } from '../service';
import { percent } from '../trainer/hint-text';
import { TrainingChart } from '../trainer/training-chart';
import { useTranslation } from '../use-translation';

/** The target a child sees when they switch early stopping on. */
const DEFAULT_TARGET_PERCENT = 90;

/** "Stop when accuracy reaches [90]%": a checkbox and the target in percent. */
function StopAtAccuracy({ disabled }: { readonly disabled: boolean }) {
  const { t } = useTranslation();
  const service = useModelService();
  const settings = useServiceState((state) => state.settings);
  const inputId = useId();
  const helpId = useId();
  const on = settings.stopAtAccuracy !== undefined;
  const [text, setText] = useState(String(on ? percent(settings.stopAtAccuracy!) : DEFAULT_TARGET_PERCENT));
  const target = Number(text) / 100;
  const valid = text.trim() !== '' && isValidStopAtAccuracy(target) && target >= 0.01;

  useEffect(() => {
    if (settings.stopAtAccuracy !== undefined)
      setText((current) => (Number(current) / 100 === settings.stopAtAccuracy ? current : String(percent(settings.stopAtAccuracy!))));
  }, [settings.stopAtAccuracy]);

  return (
    <fieldset className="iml-stop" disabled={disabled || settings.head.kind !== 'dense'}>
      <label className="iml-stop__switch">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) => service.updateSettings({ stopAtAccuracy: event.target.checked && valid ? target : undefined })}
        />
        {t('lab.log.stopAt')}
      </label>
      <label htmlFor={inputId} className="imt-visually-hidden">
        {t('lab.log.stopAtPercent')}
      </label>
      <input
        id={inputId}
        type="number"
        min={1}
        max={100}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={helpId}
        onChange={(event) => {
          setText(event.target.value);
          const next = Number(event.target.value) / 100;
          if (on && event.target.value.trim() !== '' && isValidStopAtAccuracy(next) && next >= 0.01)
            service.updateSettings({ stopAtAccuracy: next });
        }}
      />
      <span aria-hidden="true">%</span>
      <p id={helpId} className={valid ? 'imt-field-help' : 'imt-field-error'}>
        {!valid ? t('lab.log.stopAtInvalid') : settings.head.kind === 'dense' ? t('lab.log.stopAtHelp') : t('lab.log.stopAtDenseOnly')}
      </p>
    </fieldset>
  );
}

export function stoppedEarlyText(t: typeof translate, stop: EarlyStop): string {
  return t(stop.watched === 'valAcc' ? 'lab.log.stoppedEarlyVal' : 'lab.log.stoppedEarlyAcc', {
    epoch: stop.epoch,
    percent: percent(stop.accuracy),
  });
}

/** Per-epoch numbers beside the chart, the early-stop option, and why training ended early when it did. */
export function TrainingLog() {
  const { t } = useTranslation();
  // The training under way, else the trained model's.
  const { history, totalEpochs, stoppedEarly, running } = useServiceState(({ training, trained }) =>
    training.status === 'running'
      ? { history: training.history, totalEpochs: training.totalEpochs, stoppedEarly: undefined, running: true }
      : { history: trained?.history ?? [], totalEpochs: trained?.history.length ?? 0, stoppedEarly: trained?.stoppedEarly, running: false },
  );
  const headingId = useId();
  const number = (value: number | undefined, show: (value: number) => string) => (value === undefined ? t('lab.log.noValue') : show(value));
  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="imt-heading">
        {t('lab.log.heading')}
      </h4>
      <StopAtAccuracy disabled={running} />
      {stoppedEarly && !running && (
        <p className="imt-note imt-note--good" role="status">
          {stoppedEarlyText(t, stoppedEarly)}
        </p>
      )}
      {history.length === 0 ? (
        <p className="imt-field-help">{t('lab.log.none')}</p>
      ) : (
        <div className="iml-log">
          <TrainingChart history={history} totalEpochs={totalEpochs} />
          <div className="iml-log__table">
            <table>
              <caption>{t('lab.log.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lab.log.epoch')}</th>
                  <th scope="col">{t('lab.log.loss')}</th>
                  <th scope="col">{t('lab.log.accuracy')}</th>
                  <th scope="col">{t('lab.log.valAccuracy')}</th>
                  <th scope="col">{t('lab.log.time')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((metrics) => (
                  <tr key={metrics.epoch}>
                    <th scope="row">{metrics.epoch}</th>
                    <td>{metrics.loss.toFixed(3)}</td>
                    <td>{`${percent(metrics.acc)}%`}</td>
                    <td>{number(metrics.valAcc, (value) => `${percent(value)}%`)}</td>
                    <td>{t('lab.log.seconds', { seconds: (metrics.ms / 1000).toFixed(2) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
