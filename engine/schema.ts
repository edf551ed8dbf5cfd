// The one schema (valibot) that checks what a model file, a project and the trainer hold: lists of classes, the
// layers of a saved block stack and number settings with their limits. Each head kind builds its settings from
// these (engine/heads/*-kind.ts); engine/training-settings.ts joins them. Plain data, no tfjs.
import * as v from 'valibot';
import { FEATURE_SOURCES } from './feature-source';
import { MODEL_LIMITS } from './model-format/model-limits';
import type { ClassInfo, DenseLayerSpec, FeatureSource, HeadLayerSpec } from './types';

/** A JSON object (not null, not a list): what every reader of saved data checks before reading fields. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
 * what to fix and Train waits (model-service/readiness.ts); engine/heads/head-stack.ts says what is wrong with it.
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

/**
 * How many blocks of a child's stack are kept (in the store and in a project): more than any stack can train with
 * (the head editor says so), few enough that a hostile file stays small. A trained head's own limit is
 * MODEL_LIMITS.denseLayers.
 */
export const MAX_SAVED_STACK_LAYERS = 64;

export const savedStackSchema: v.GenericSchema<unknown, HeadLayerSpec[]> = v.array(savedLayerSchema, 'is not a list of layers');

/** What a model file or a training request says its numbers come from; files from before Hands models say nothing: Pictures. */
export const featureSourceSchema: v.GenericSchema<unknown, FeatureSource> = v.optional(
  v.picklist(FEATURE_SOURCES, (issue) => `featureSource ${JSON.stringify(issue.input)} is not one of ${FEATURE_SOURCES.join(', ')}`),
  'pictures',
);

/** "path message" of the first problem, or undefined when `value` fits `schema`. */
export function firstProblem(schema: v.GenericSchema, value: unknown): string | undefined {
  const result = v.safeParse(schema, value);
  return result.success ? undefined : describeIssue(result.issues[0]);
}

export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  return path ? `${path} ${issue.message}` : issue.message;
}

/** Property names that would reach Object.prototype if an id were ever used as a plain object's key. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

/** A short token of letters, digits, '-' and '_' (our ids are 24 hex digits) that is not a built-in name. */
export function isSafeId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) && !RESERVED.has(value);
}

/** Why a list of classes was refused: 'too-large' is more classes than a model may have. */
export type ClassListProblem = 'invalid' | 'too-large' | 'unsafe-id' | 'duplicate';

export interface ClassListRules {
  /** 2 for a trained model; the trainer's draft may have fewer. */
  readonly minClasses: number;
  /** Ids a project keeps must be safe tokens (`isSafeId`); a model file's may be any short text. */
  readonly safeIds: boolean;
}

/** Where the first repeated id is, or -1. */
const repeatedIdAt = (classes: readonly ClassInfo[]) =>
  classes.findIndex((info, i) => classes.findIndex((other) => other.id === info.id) !== i);

function classListSchema({ minClasses, safeIds }: ClassListRules) {
  const count = `classes must be a list of ${minClasses} to ${MODEL_LIMITS.classes} classes`;
  const needs = `needs a ${safeIds ? 'safe' : 'non-empty'} id and a name (text up to ${MODEL_LIMITS.textLength} characters)`;
  // Names are only short text here: engine/names.ts repairs blank and repeated ones.
  const text = v.pipe(v.string(needs), v.maxLength(MODEL_LIMITS.textLength, needs));
  const id = safeIds
    ? v.custom<string>(isSafeId, (issue) => `id ${JSON.stringify(issue.input)} is not a safe id`)
    : v.pipe(text, v.nonEmpty(needs));
  return v.pipe(
    // The count first: a list that is too long is refused as such, whatever its classes hold.
    v.array(v.unknown(), count),
    v.maxLength(MODEL_LIMITS.classes, count),
    v.minLength(minClasses, count),
    v.array(v.object({ id, name: text }, needs)),
    v.check(
      (classes) => repeatedIdAt(classes) < 0,
      ({ input }) => `classes[${repeatedIdAt(input)}].id ${JSON.stringify(input[repeatedIdAt(input)].id)} is repeated`,
    ),
  );
}

function classListProblem(issue: v.BaseIssue<unknown>): ClassListProblem {
  if (issue.type === 'max_length' && !issue.path) return 'too-large';
  if (issue.type === 'custom') return 'unsafe-id';
  return issue.type === 'check' ? 'duplicate' : 'invalid';
}

/** The classes (only `id` and `name`), or the first thing wrong with the list: the same check for model files and projects. */
export function readClassList(
  value: unknown,
  rules: ClassListRules,
): { readonly classes: ClassInfo[] } | { readonly problem: ClassListProblem; readonly detail: string } {
  const result = v.safeParse(classListSchema(rules), value);
  if (result.success) return { classes: result.output };
  const [issue] = result.issues;
  // A problem inside one class names that class, whichever of its fields it is in.
  const at = issue.path?.[0].key;
  return { problem: classListProblem(issue), detail: typeof at === 'number' ? `classes[${at}] ${issue.message}` : issue.message };
}
