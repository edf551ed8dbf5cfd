// The training settings the child may change in the trainer's "Advanced" part, checked against the engine's own
// limits so a value the engine would refuse is refused in the trainer, with a message, before any training.
import { STOP_AT_ACCURACY_LIMITS, TRAINING_SETTING_LIMITS } from '../engine/training-settings';
import type { HeadKind, TrainingSettings } from '../engine/types';

export type NumericSetting = keyof typeof TRAINING_SETTING_LIMITS;

export interface SettingLimit {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

export const SETTING_LIMITS: Readonly<Record<NumericSetting, SettingLimit>> = TRAINING_SETTING_LIMITS;

const METHODS: readonly HeadKind[] = ['knn', 'dense'];
const NUMERIC = Object.keys(SETTING_LIMITS) as NumericSetting[];

export function isValidSetting(name: NumericSetting, value: number): boolean {
  const limit = SETTING_LIMITS[name];
  return Number.isFinite(value) && value >= limit.min && value <= limit.max && (!limit.integer || Number.isInteger(value));
}

/** A target accuracy (0..1) the engine accepts for "stop when accuracy reaches …". */
export function isValidStopAtAccuracy(value: number): boolean {
  return Number.isFinite(value) && value > STOP_AT_ACCURACY_LIMITS.above && value <= STOP_AT_ACCURACY_LIMITS.max;
}

/**
 * Applies the valid changes only; an invalid or missing value keeps the one in `base`. `stopAtAccuracy` present
 * with the value undefined switches early stopping off.
 */
export function applySettingChanges(base: TrainingSettings, changes: Partial<TrainingSettings> | undefined): TrainingSettings {
  const next = { ...base };
  if (changes?.method && METHODS.includes(changes.method)) next.method = changes.method;
  for (const name of NUMERIC) {
    const value = changes?.[name];
    if (typeof value === 'number' && isValidSetting(name, value)) next[name] = value;
  }
  if (changes && 'stopAtAccuracy' in changes) {
    const target = changes.stopAtAccuracy;
    if (target === undefined) delete next.stopAtAccuracy;
    else if (typeof target === 'number' && isValidStopAtAccuracy(target)) next.stopAtAccuracy = target;
  }
  return next;
}
