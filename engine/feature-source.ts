// What a model looks at: Pictures (MobileNet embeddings of the whole picture) or Hands (normalised hand landmarks,
// engine/landmarks/). A model file names its source and the exact model behind it (`baseModel`), so a head is
// never given numbers from another one. Plain data, no tfjs.
import { BASE_MODEL } from './base-model';
import { HAND_LANDMARK_MODEL } from './landmarks/hand-landmarks';
import type { BaseModelRef, FeatureSource } from './types';

/** In the order the trainer offers them. */
export const FEATURE_SOURCES = ['pictures', 'hands'] as const satisfies readonly FeatureSource[];

/** The model that turns a picture into a source's numbers; `embeddingSize` is how many numbers a head gets. */
export const FEATURE_MODELS: { readonly [S in FeatureSource]: BaseModelRef } = { pictures: BASE_MODEL, hands: HAND_LANDMARK_MODEL };

export const featureSizeOf = (source: FeatureSource): number => FEATURE_MODELS[source].embeddingSize;

/** What a model (a draft, a model file's metadata) looks at: Pictures for every model made before Hands models. */
export const featureSourceOf = (model: { readonly featureSource?: FeatureSource }): FeatureSource => model.featureSource ?? 'pictures';

/** The size of the examples' numbers when it is one a source gives (validation then checks every example), else MobileNet's. */
export function featureSizeOfExamples(examples: readonly { readonly embedding: { readonly length: number } }[]): number {
  const size = examples[0]?.embedding?.length;
  return FEATURE_SOURCES.some((source) => featureSizeOf(source) === size) ? size! : FEATURE_MODELS.pictures.embeddingSize;
}

export const isFeatureSource = (value: unknown): value is FeatureSource => (FEATURE_SOURCES as readonly unknown[]).includes(value);
