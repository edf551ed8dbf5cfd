// Teachable Machine's image-model layout, as its library (@teachablemachine/image) loads it:
//   model.json     a tfjs layers model from a 224x224x3 picture (scaled to [-1, 1]) to one softmax
//                  confidence per class: TM saves Sequential[ Sequential[MobileNetV2-0.35 cut at out_relu,
//                  GlobalAveragePooling2D], Sequential[Dense..., Dense softmax] ] with `model.save`;
//   weights.bin    every weight of that model (backbone and head) in the manifest's order;
//   metadata.json  { labels: [class names in output order], modelName, timeStamp, tfjsVersion, ... }.
// `tmImage.load(model.json, metadata.json)` only needs a layers model with that input and output and the
// labels; getTotalClasses() reads the output width. Plain data here, no tfjs.

export const FILE_NAMES = {
  model: 'model.json',
  weights: 'weights.bin',
  metadata: 'metadata.json',
  /** Our own exact model file (engine/model-format/model-format.ts encodeModel), carried next to TM's files. */
  exact: 'image-model.bin',
} as const;

/** A weights-manifest entry as tfjs writes it. */
export interface ManifestEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: unknown;
}

/** A Keras-style layer as it appears in model.json's topology. */
export interface LayerJson {
  readonly class_name: string;
  readonly config: Record<string, unknown>;
}

/** Teachable Machine's metadata.json fields, plus ours under `imageModel`. */
export interface TeachableMachineMetadata {
  readonly tfjsVersion: string;
  readonly packageName: string;
  readonly modelName: string;
  readonly timeStamp: string;
  readonly labels: readonly string[];
  readonly userMetadata: Record<string, never>;
  readonly imageSize: number;
  readonly imageModel?: {
    readonly formatVersion: number;
    readonly head: 'knn' | 'dense';
    readonly classIds: readonly string[];
    /** For a KNN model: model.json answers by the nearest class average; image-model.bin holds the exact KNN. */
    readonly note?: string;
  };
}

/** The names our exported head's layers get (distinct from every MobileNet layer name). */
export const headLayerName = (index: number) => `image_model_head_${index}`;
export const HEAD_MODEL_NAME = 'image_model_head';
