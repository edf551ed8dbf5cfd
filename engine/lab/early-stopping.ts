// "Stop when accuracy reaches 90%": decided after each epoch from the metrics so far, as a pure function so the
// training loop only asks and the rule is tested on known sequences.
import { EngineError } from '../errors';
import type { EarlyStop, EpochMetrics } from '../types';

export type { EarlyStop } from '../types';

export interface EarlyStopRule {
  /** 0..1, e.g. 0.9 for the child's "90%". */
  readonly targetAccuracy: number;
  /**
   * Patience: the watched accuracy must be at or above the target for this many epochs in a row (default 1: stop
   * at the first epoch that reaches it). With a handful of validation pictures one lucky epoch can touch 100%, so
   * asking for 2-3 epochs in a row avoids stopping on luck. It is not Keras's "no improvement for N epochs": the
   * child asked for a target, so the rule only ever stops because the target was met.
   */
  readonly epochsInARow?: number;
}

/**
 * Training accuracy is averaged from per-batch float32 accuracies, so 27 right out of 30 can arrive as 0.89999998;
 * a child who asked for 90% and sees "90%" expects a stop. One picture in a million is still far above this.
 */
const TOLERANCE = 1e-6;

/**
 * Validation accuracy when pictures were held out (it says how the model does on pictures it has not learned
 * from), otherwise training accuracy.
 */
export function watchedAccuracy(metrics: EpochMetrics): { watched: EarlyStop['watched']; accuracy: number } {
  return metrics.valAcc !== undefined ? { watched: 'valAcc', accuracy: metrics.valAcc } : { watched: 'acc', accuracy: metrics.acc };
}

/** Call after each epoch with the history so far: the stop to announce, or undefined to keep training. */
export function earlyStop(history: readonly EpochMetrics[], rule: EarlyStopRule): EarlyStop | undefined {
  const needed = rule.epochsInARow ?? 1;
  // A target of 0% would stop after the first epoch whatever happened: a mistake, not a wish.
  if (!(rule.targetAccuracy > 0 && rule.targetAccuracy <= 1) || !Number.isInteger(needed) || needed < 1) {
    throw new EngineError(
      'train/invalid-settings',
      `early stop at ${rule.targetAccuracy} for ${needed} epoch(s) in a row; the target must be in (0, 1] and the count a whole number from 1`,
    );
  }
  if (history.length < needed) return undefined;
  const recent = history.slice(-needed).map(watchedAccuracy);
  if (!recent.every(({ accuracy }) => accuracy + TOLERANCE >= rule.targetAccuracy)) return undefined;
  const last = recent[recent.length - 1];
  return { epoch: history[history.length - 1].epoch, ...last };
}
