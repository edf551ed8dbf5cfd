// The model card: what a trained model is, in words a child can read and a teacher can keep. Most of it comes from
// the model itself (classes, settings, date, base model); the rest, which cannot be worked out again once the
// pictures are gone, is kept beside the model as its `ModelCardFacts` (picture counts and how well it did), and
// travels with it in the project. Plain data, no tfjs.
import * as v from 'valibot';
import { MODEL_LIMITS } from './model-format/model-limits';
import { isRecord } from './schema';
import type { HeadKind, ModelMetadata, TrainingSettings } from './types';

/** Which pictures the accuracy was measured on (the Lab's words for each say how far to trust it). */
export type CardMeasuredOn = 'held-out' | 'leave-one-out' | 'practice';

/** The model took pictures of class `really` (an index into the model's classes) for `said`, `count` times. */
export interface CardMixUp {
  readonly really: number;
  readonly said: number;
  readonly count: number;
}

export interface CardMeasure {
  readonly measuredOn: CardMeasuredOn;
  readonly tested: number;
  readonly right: number;
  /** So few pictures were tested that the number could easily be different. */
  readonly shaky: boolean;
  /** The most frequent mix-ups, most first (at most TOP_MIX_UPS); empty when it mixed nothing up. */
  readonly mixUps: readonly CardMixUp[];
}

/** What the card needs beyond the model: kept with the trained model, in the store and in the project. */
export interface ModelCardFacts {
  /** Pictures it learnt from, per class in the model's order; absent when not known (an imported model). */
  readonly pictures?: readonly number[];
  /** Absent: not measured yet. */
  readonly measure?: CardMeasure;
}

export interface ModelCard {
  readonly modelName: string;
  readonly classes: readonly { readonly name: string; readonly pictures: number | null }[];
  readonly measure: CardMeasure | null;
  readonly method: HeadKind;
  readonly settings: TrainingSettings;
  readonly trainedAt: string;
  readonly baseModel: string;
  /** The child ticked "Include my pictures": the pictures go with the project. */
  readonly picturesTravel: boolean;
}

export const TOP_MIX_UPS = 3;

/** The card's measure from an evaluation's counts: `confusion[really][said]`, the diagonal right answers. */
export function cardMeasure(
  measuredOn: CardMeasuredOn,
  evaluation: {
    readonly total: number;
    readonly right: number;
    readonly shaky: boolean;
    readonly confusion: readonly (readonly number[])[];
  },
): CardMeasure {
  const mixUps = evaluation.confusion
    .flatMap((row, really) => row.map((count, said) => ({ really, said, count })))
    .filter((cell) => cell.really !== cell.said && cell.count > 0)
    .sort((a, b) => b.count - a.count || a.really - b.really || a.said - b.said)
    .slice(0, TOP_MIX_UPS);
  return { measuredOn, tested: evaluation.total, right: evaluation.right, shaky: evaluation.shaky, mixUps };
}

/** How many of `classIds` (the trained pictures' classes) are in each of the model's classes. */
export function picturesPerClass(metadata: Pick<ModelMetadata, 'classes'>, classIds: readonly string[]): number[] {
  return metadata.classes.map((info) => classIds.filter((id) => id === info.id).length);
}

export function buildModelCard(input: {
  readonly metadata: ModelMetadata;
  readonly facts: ModelCardFacts | undefined;
  /** The model's name and its classes' names as they are now (renamed since training). */
  readonly modelName: string;
  readonly classNames: readonly string[];
  readonly picturesTravel: boolean;
}): ModelCard {
  const { metadata, facts } = input;
  return {
    modelName: input.modelName,
    classes: metadata.classes.map((info, i) => ({ name: input.classNames[i] ?? info.name, pictures: facts?.pictures?.[i] ?? null })),
    measure: facts?.measure ?? null,
    method: metadata.head.kind,
    settings: metadata.settings,
    trainedAt: metadata.trainedAt,
    baseModel: metadata.baseModel.id,
    picturesTravel: input.picturesTravel,
  };
}

/** Counts far beyond any real project's are refused, like every other size in a file. */
const MAX_COUNT = 1_000_000;
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_COUNT));

function factsSchema(classCount: number) {
  const index = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(classCount - 1));
  const measure = v.pipe(
    v.strictObject({
      measuredOn: v.picklist(['held-out', 'leave-one-out', 'practice']),
      tested: count,
      right: count,
      shaky: v.boolean(),
      mixUps: v.pipe(
        v.array(v.strictObject({ really: index, said: index, count: v.pipe(count, v.minValue(1)) })),
        v.maxLength(TOP_MIX_UPS),
      ),
    }),
    v.check(
      (value) => value.right <= value.tested && value.mixUps.every((cell) => cell.really !== cell.said && cell.count <= value.tested),
    ),
  );
  return v.strictObject({
    pictures: v.optional(v.pipe(v.array(count), v.length(classCount))),
    measure: v.optional(measure),
  });
}

/**
 * The facts of a card read from a file, checked against the model they belong to; 'unreadable' for anything that
 * is not exactly a card of this model (the model still opens, without its card's facts).
 */
export function readModelCardFacts(value: unknown, metadata: Pick<ModelMetadata, 'classes'>): ModelCardFacts | 'unreadable' {
  const classCount = metadata.classes.length;
  if (!isRecord(value) || classCount < 1 || classCount > MODEL_LIMITS.classes) return 'unreadable';
  const result = v.safeParse(factsSchema(classCount), value);
  if (!result.success) return 'unreadable';
  const { pictures, measure } = result.output;
  return { ...(pictures && { pictures }), ...(measure && { measure }) };
}
