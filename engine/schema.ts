// The shared pieces of the one schema (valibot) that checks what a model file, a project and the trainer hold:
// number settings with their limits, and the layers of a saved block stack. Each head kind builds its settings
// from these (engine/heads/*-kind.ts); engine/training-settings.ts joins them. Plain data, no tfjs.
import * as v from 'valibot';
import type { DenseLayerSpec, HeadLayerSpec } from './types';

/** The accepted range of a number setting (inclusive); the trainer's inputs show the same limits. */
export interface SettingLimit {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

export function isWithin(limit: SettingLimit, value: number): boolean {
  return Number.isFinite(value) && value >= limit.min && value <= limit.max && (!limit.integer || Number.isInteger(value));
}

/** A number within `limit`; the message names the value and the range (the path is added by `firstProblem`). */
export function limitedNumber(limit: SettingLimit) {
  const message = (issue: v.BaseIssue<unknown>) =>
    `${String(issue.input)} must be ${limit.integer ? 'a whole number' : 'a number'} from ${limit.min} to ${limit.max}`;
  return v.pipe(
    v.number(message),
    v.check((value) => isWithin(limit, value), message),
  );
}

const finiteNumber = v.pipe(v.number(), v.finite());

/**
 * One block of the stack the child built, as it can be kept: a known block kind with finite numbers. A block that
 * cannot be trained yet (0 units, softmax in the middle…) is kept as it is, so the head editor can show the child
 * what to fix and Train waits (model-service/readiness.ts); engine/lab/head-stack.ts says what is wrong with it.
 */
const savedLayerSchema = v.variant(
  'type',
  [
    v.object({ type: v.literal('batchNorm') }),
    v.object({ type: v.literal('dropout'), rate: finiteNumber }),
    v.object({
      type: v.literal('dense'),
      units: finiteNumber,
      // Any text, cut short: an unknown activation is the head editor's to explain ('unknown-activation').
      activation: v.pipe(
        v.string(),
        v.transform((text) => text.slice(0, 20) as DenseLayerSpec['activation']),
      ),
    }),
  ],
  'is not a dense, dropout or batchNorm layer',
);

/** How many blocks may be kept depends on where (a project, the trainer's store), so each reader limits the length. */
export const savedStackSchema: v.GenericSchema<unknown, HeadLayerSpec[]> = v.array(savedLayerSchema, 'is not a list of layers');

/** "path message" of the first problem, or undefined when `value` fits `schema`. */
export function firstProblem(schema: v.GenericSchema, value: unknown): string | undefined {
  const result = v.safeParse(schema, value);
  return result.success ? undefined : describeIssue(result.issues[0]);
}

export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  return path ? `${path} ${issue.message}` : issue.message;
}
