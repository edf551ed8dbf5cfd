import { useId } from 'react';
import type { EpochMetrics } from '../../engine';
import { useTranslation } from '../use-translation';
import { chartLines, type ChartBox } from './chart-geometry';
import { percent } from './hint-text';

const BOX: ChartBox = { width: 360, height: 180, left: 40, right: 40, top: 12, bottom: 28 };
const GRID = [0, 0.25, 0.5, 0.75, 1];

/** Accuracy, validation accuracy (left axis, %) and loss (right axis) per epoch, drawn as it trains. */
export function TrainingChart({ history, totalEpochs }: { readonly history: readonly EpochMetrics[]; readonly totalEpochs: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const lines = chartLines(history, totalEpochs, BOX);
  const last = history[history.length - 1];
  const plotHeight = BOX.height - BOX.top - BOX.bottom;
  const summary = !last
    ? t('trainer.chartWaiting')
    : t(last.valAcc === undefined ? 'trainer.chartSummaryNoValidation' : 'trainer.chartSummary', {
        epoch: last.epoch,
        acc: percent(last.acc),
        valAcc: percent(last.valAcc ?? 0),
        loss: last.loss.toFixed(2),
      });
  return (
    <figure className="imt-chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
        <title id={titleId}>{t('trainer.chartTitle')}</title>
        <desc id={descId}>{summary}</desc>
        {GRID.map((fraction) => {
          const y = BOX.top + (1 - fraction) * plotHeight;
          return (
            <g key={fraction} className="imt-chart__grid">
              <line x1={BOX.left} x2={BOX.width - BOX.right} y1={y} y2={y} />
              <text x={BOX.left - 6} y={y + 4} textAnchor="end">{`${fraction * 100}%`}</text>
              <text x={BOX.width - BOX.right + 6} y={y + 4} textAnchor="start">
                {Number((fraction * lines.lossTop).toPrecision(2))}
              </text>
            </g>
          );
        })}
        {lines.epochTicks.map((tick) => (
          <text key={tick.epoch} className="imt-chart__tick" x={tick.x} y={BOX.height - 8} textAnchor="middle">
            {tick.epoch}
          </text>
        ))}
        <path className="imt-chart__line imt-chart__line--loss" d={lines.loss} />
        <path className="imt-chart__line imt-chart__line--val" d={lines.validationAccuracy} />
        <path className="imt-chart__line imt-chart__line--acc" d={lines.accuracy} />
      </svg>
      <figcaption>
        <ul className="imt-chart__legend">
          <li>
            <span className="imt-swatch imt-swatch--acc" aria-hidden="true" />
            {t('trainer.legendAccuracy')}
          </li>
          <li>
            <span className="imt-swatch imt-swatch--val" aria-hidden="true" />
            {t('trainer.legendValAccuracy')}
          </li>
          <li>
            <span className="imt-swatch imt-swatch--loss" aria-hidden="true" />
            {t('trainer.legendLoss')}
          </li>
        </ul>
        <p className="imt-field-help">{summary}</p>
        <details className="imt-chart__help">
          <summary>{t('trainer.chartHelpSummary')}</summary>
          <p className="imt-field-help">{t('trainer.chartHelp')}</p>
        </details>
      </figcaption>
    </figure>
  );
}
