// Turns per-epoch metrics into SVG path data for the training chart (no chart library: three lines and axes).
import type { EpochMetrics } from '../../engine';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room left for axis labels. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface ChartLines {
  readonly accuracy: string;
  /** Empty when no pictures were held out. */
  readonly validationAccuracy: string;
  readonly loss: string;
  /** The loss value at the top of the chart (loss has its own scale; accuracy is 0..100%). */
  readonly lossTop: number;
  /** x of each epoch label shown under the chart. */
  readonly epochTicks: readonly { readonly epoch: number; readonly x: number }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

function path(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
}

/** A "nice" upper bound for the loss axis: 0.5, 1, 2, 5… so the scale does not jump every epoch. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

export function chartLines(history: readonly EpochMetrics[], totalEpochs: number, box: ChartBox): ChartLines {
  const lastEpoch = Math.max(totalEpochs, history.length, 1);
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const x = (epoch: number) => box.left + (lastEpoch === 1 ? plotWidth / 2 : ((epoch - 1) / (lastEpoch - 1)) * plotWidth);
  const yOf = (fraction: number) => box.top + (1 - Math.min(Math.max(fraction, 0), 1)) * plotHeight;
  const lossTop = niceCeiling(Math.max(0, ...history.map((metrics) => metrics.loss).filter(Number.isFinite)));
  const withValidation = history.filter((metrics) => typeof metrics.valAcc === 'number');
  const tickCount = Math.min(lastEpoch, 5);
  const epochTicks = Array.from({ length: tickCount }, (_, index) => {
    const epoch = tickCount === 1 ? 1 : Math.round(1 + (index * (lastEpoch - 1)) / (tickCount - 1));
    return { epoch, x: round(x(epoch)) };
  });
  return {
    accuracy: path(history.map((metrics) => [x(metrics.epoch), yOf(metrics.acc)])),
    validationAccuracy: path(withValidation.map((metrics) => [x(metrics.epoch), yOf(metrics.valAcc!)])),
    loss: path(
      history.filter((metrics) => Number.isFinite(metrics.loss)).map((metrics) => [x(metrics.epoch), yOf(metrics.loss / lossTop)]),
    ),
    lossTop,
    epochTicks,
  };
}
