// The one list of head kinds. A new kind is a <kind>-kind.ts (no tfjs; it also adds its settings and description
// to the unions of engine/types.ts) and a <kind>-head.ts (tfjs), and one line here and in runtimes.ts
// (engine/README.md).
import { EMBEDDING_SIZE, type HeadKind, type TrainingSettings, type WeightSpec } from '../types';
import { DENSE_KIND } from './dense-kind';
import type { HeadDescriptionOf, HeadKindSpec, HeadSettingsOf, NumberSetting, PortableLayer } from './head-kind';
import { KNN_KIND } from './knn-kind';

export const HEAD_KIND_SPECS: { readonly [K in HeadKind]: HeadKindSpec<K> } = { dense: DENSE_KIND, knn: KNN_KIND };

/** In the order the trainer offers them. */
export const HEAD_KINDS = Object.keys(HEAD_KIND_SPECS) as HeadKind[];

export const isHeadKind = (value: unknown): value is HeadKind => HEAD_KINDS.includes(value as HeadKind);

/** The settings of one kind, whether chosen or kept aside (its defaults when neither). */
export function headSettingsOf<K extends HeadKind>(settings: TrainingSettings, kind: K): HeadSettingsOf<K> {
  const found = [settings.head, ...(settings.otherHeads ?? [])].find((head): head is HeadSettingsOf<K> => head.kind === kind);
  return found ?? HEAD_KIND_SPECS[kind].defaults;
}

/** The trainer's number inputs for settings of one kind, each with its value there. */
export function numberInputsOf<K extends HeadKind>(
  settings: HeadSettingsOf<K>,
): { readonly setting: NumberSetting<K>; readonly value: number }[] {
  return HEAD_KIND_SPECS[settings.kind].numbers.map((setting) => {
    const value: unknown = settings[setting.field];
    // Always a number (`field` names only number fields); NaN shows a missing one as a value to correct.
    return { setting, value: typeof value === 'number' ? value : Number.NaN };
  });
}

/** Epochs the progress bar counts to for a head with these settings. */
export function totalEpochs<K extends HeadKind>(settings: HeadSettingsOf<K>): number {
  return HEAD_KIND_SPECS[settings.kind].totalEpochs(settings);
}

/**
 * Which tensors a head stores, derived from its description and the size of its input (`features`: a Pictures
 * model's 1280, a Hands model's landmark numbers). The trainer writes exactly these and the model-file reader
 * demands exactly these, so a file cannot smuggle in a shape its head does not use.
 */
export function expectedWeightSpecs<K extends HeadKind>(head: HeadDescriptionOf<K>, features = EMBEDDING_SIZE): WeightSpec[] {
  return HEAD_KIND_SPECS[head.kind].weightSpecs(head, features);
}

/** A model file's head, read and checked by the kind its settings name (throws ModelFormatError). */
export function readHeadDescription<K extends HeadKind>(
  head: Readonly<Record<string, unknown>>,
  classCount: number,
  settings: HeadSettingsOf<K>,
): HeadDescriptionOf<K> {
  return HEAD_KIND_SPECS[settings.kind].readDescription(head, classCount, settings);
}

/** A head as the plain layers Teachable Machine's library runs, with their tensors. */
export function portableLayersOf<K extends HeadKind>(head: HeadDescriptionOf<K>, tensors: readonly Float32Array[]): PortableLayer[] {
  return HEAD_KIND_SPECS[head.kind].portableLayers(head, tensors);
}
