// The one list of head kinds. A new kind adds its settings and description to engine/types.ts, a <kind>-kind.ts
// (no tfjs) and a <kind>-head.ts (tfjs), and one line here and in runtimes.ts (engine/README.md).
import type { HeadKind, TrainingSettings, WeightSpec } from '../types';
import { DENSE_KIND } from './dense-kind';
import type { HeadDescriptionOf, HeadKindSpec, HeadSettingsOf } from './head-kind';
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

/** Epochs the progress bar counts to for a head with these settings. */
export function totalEpochs<K extends HeadKind>(settings: HeadSettingsOf<K>): number {
  return HEAD_KIND_SPECS[settings.kind].totalEpochs(settings);
}

/**
 * Which tensors a head stores, derived from its description alone. The trainer writes exactly these and the
 * model-file reader demands exactly these, so a file cannot smuggle in a shape its head does not use.
 */
export function expectedWeightSpecs<K extends HeadKind>(head: HeadDescriptionOf<K>): WeightSpec[] {
  return HEAD_KIND_SPECS[head.kind].weightSpecs(head);
}
