// The training settings' one schema: used by the engine before training, by the model-file and project readers,
// and (limits, field by field) by the trainer. Settings saved before head kinds had settings of their own (one
// flat bag) are migrated here, wherever they were saved.
import * as v from 'valibot';
import { EngineError } from './errors';
import { HEAD_KIND_SPECS, HEAD_KINDS } from './heads/kinds';
import { describeIssue, firstProblem, isRecord, limitedNumber } from './schema';
import type { HeadSettings, TrainingSettings } from './types';

export const VALIDATION_RATE_LIMIT = { min: 0, max: 0.5, integer: false } as const;

/** `stopAtAccuracy`: above 0 (a target of 0% would stop after the first epoch whatever happened) and at most 1. */
export const STOP_AT_ACCURACY_LIMITS = { above: 0, max: 1 } as const;

export function isValidStopAtAccuracy(value: number): boolean {
  return Number.isFinite(value) && value > STOP_AT_ACCURACY_LIMITS.above && value <= STOP_AT_ACCURACY_LIMITS.max;
}

/**
 * Defaults a child can train with without touching "Advanced" (each kind's own are in engine/heads/<kind>-kind.ts):
 * 15% of each class held out, so the chart can show how well the model does on pictures it has not learned from.
 */
export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  validationRate: 0.15,
  head: HEAD_KIND_SPECS.dense.defaults,
  otherHeads: HEAD_KINDS.filter((kind) => kind !== 'dense').map((kind) => HEAD_KIND_SPECS[kind].defaults),
};

// Each kind's schema is typed in HEAD_KIND_SPECS; valibot cannot follow a list built from the registry, hence the casts.
const headSchema = v.variant(
  'kind',
  HEAD_KINDS.map((kind) => HEAD_KIND_SPECS[kind].schema) as unknown as v.VariantOptions<'kind'>,
  (issue) => `${JSON.stringify(issue.input)} is not ${HEAD_KINDS.map((kind) => `'${kind}'`).join(' or ')}`,
) as unknown as v.GenericSchema<unknown, HeadSettings>;

const trainingSettingsSchema: v.GenericSchema<unknown, TrainingSettings> = v.object(
  {
    validationRate: limitedNumber(VALIDATION_RATE_LIMIT),
    stopAtAccuracy: v.optional(
      v.pipe(
        v.number(),
        v.check(
          isValidStopAtAccuracy,
          (issue) =>
            `${String(issue.input)} must be a number above ${STOP_AT_ACCURACY_LIMITS.above} and at most ${STOP_AT_ACCURACY_LIMITS.max}`,
        ),
      ),
    ),
    head: headSchema,
    otherHeads: v.optional(v.array(headSchema)),
  },
  'settings are missing',
);

/**
 * Settings as this version lays them out. Settings saved by earlier versions were one flat bag ({method, epochs,
 * batchSize, learningRate, validationRate, knnK, hiddenLayers?, stopAtAccuracy?}): the chosen method's values become
 * `head`, the other method's `otherHeads`. Anything else comes back as it is, for the schema to judge.
 */
export function migrateSettings(value: unknown): unknown {
  if (!isRecord(value) || 'head' in value || !('method' in value)) return value;
  const { method, epochs, batchSize, learningRate, validationRate, knnK, hiddenLayers, stopAtAccuracy } = value;
  const heads = [
    { kind: 'dense', epochs, batchSize, learningRate, ...(hiddenLayers !== undefined && { hiddenLayers }) },
    { kind: 'knn', k: knnK },
  ];
  return {
    validationRate,
    ...(stopAtAccuracy !== undefined && { stopAtAccuracy }),
    head: heads.find((head) => head.kind === method) ?? { kind: method },
    otherHeads: heads.filter((head) => head.kind !== method),
  };
}

/** The settings (migrated if saved by an earlier version) with only their known fields, or what is wrong with them. */
export function parseSettings(value: unknown): { readonly settings: TrainingSettings } | { readonly problem: string } {
  const migrated = migrateSettings(value);
  const result = v.safeParse(trainingSettingsSchema, migrated);
  return result.success ? { settings: result.output } : { problem: describeIssue(result.issues[0]) };
}

/** Throws EngineError 'train/invalid-settings' naming the first bad setting. */
export function validateSettings(settings: TrainingSettings): void {
  const problem = firstProblem(trainingSettingsSchema, settings);
  if (problem) throw new EngineError('train/invalid-settings', problem);
}
