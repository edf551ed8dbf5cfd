// The training settings the child may change in the trainer's "Advanced" part, checked against the engine's own
// limits so a value the engine would refuse is refused in the trainer, with a message, before any training.
import {
  STOP_AT_ACCURACY_LIMITS, TRAINING_SETTING_LIMITS, type DenseLayerSpec, type HeadKind, type HeadLayerSpec, type TrainingSettings,
} from '../engine';

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

/** More blocks than any stack can train with (the head editor says so), few enough that a hostile file stays small. */
export const MAX_SAVED_STACK_LAYERS = 64;

/**
 * The block stack the child built, as it can be kept: known block kinds with finite numbers. A stack that cannot
 * be trained yet (0 units, softmax in the middle…) is kept as it is, so the head editor can show the child what to
 * fix and Train waits (readiness.ts); anything else (not a list, an unknown block, text for a number) is refused.
 */
function cleanStack(value: unknown): HeadLayerSpec[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_SAVED_STACK_LAYERS) return undefined;
  const stack: HeadLayerSpec[] = [];
  for (const layer of value as unknown[]) {
    const fields = (typeof layer === 'object' && layer !== null ? layer : {}) as Record<string, unknown>;
    const finite = (name: string) => typeof fields[name] === 'number' && Number.isFinite(fields[name]);
    if (fields.type === 'batchNorm') stack.push({ type: 'batchNorm' });
    else if (fields.type === 'dropout' && finite('rate')) stack.push({ type: 'dropout', rate: fields.rate as number });
    else if (fields.type === 'dense' && finite('units') && typeof fields.activation === 'string') {
      stack.push({ type: 'dense', units: fields.units as number, activation: fields.activation.slice(0, 20) as DenseLayerSpec['activation'] });
    } else return undefined;
  }
  return stack;
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
  const stack = changes?.hiddenLayers && cleanStack(changes.hiddenLayers);
  if (stack) next.hiddenLayers = stack;
  if (changes && 'stopAtAccuracy' in changes) {
    const target = changes.stopAtAccuracy;
    if (target === undefined) delete next.stopAtAccuracy;
    else if (typeof target === 'number' && isValidStopAtAccuracy(target)) next.stopAtAccuracy = target;
  }
  return next;
}
