// Plain data that crosses every boundary: engine <-> worker <-> store <-> UI <-> extension.
// Everything here must survive structured cloning (postMessage, IndexedDB): no classes, no tensors.

/** An RGBA picture as ImageData or a decoded file gives it (4 bytes per pixel, row-major). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** The backbone's output for one picture. */
export type Embedding = Float32Array;
export const EMBEDDING_SIZE = 1280;
export const INPUT_SIZE = 224;

export type HeadKind = 'knn' | 'dense';

export interface TrainingSettings {
  /** 'knn' (instant, remembers examples) or 'dense' (a small neural network). */
  method: HeadKind;
  /** Dense head: passes over the training pictures. */
  epochs: number;
  /** Dense head: pictures per weight update. */
  batchSize: number;
  /** Dense head: step size of the optimiser (Adam). */
  learningRate: number;
  /** Fraction of each class's pictures held out to check the model (0 = none). */
  validationRate: number;
  /** KNN head: neighbours that vote. */
  knnK: number;
}

export interface ClassInfo {
  /** Stable id: renaming a class never breaks saved models or block menus. */
  readonly id: string;
  readonly name: string;
}

export interface LabelledEmbedding {
  /** Index into the request's `classes`. */
  readonly classIndex: number;
  readonly embedding: Embedding;
  /** Lets evaluation point back at the child's picture. */
  readonly pictureId?: string;
}

export interface EpochMetrics {
  /** 1-based. */
  readonly epoch: number;
  readonly loss: number;
  /** 0..1 */
  readonly acc: number;
  readonly valLoss?: number;
  /** 0..1; absent when nothing was held out. */
  readonly valAcc?: number;
  /** Wall-clock milliseconds the epoch took. */
  readonly ms: number;
}

export interface TrainingProgress {
  readonly epoch: number;
  readonly totalEpochs: number;
  /** Present once an epoch has finished. */
  readonly metrics?: EpochMetrics;
}

export interface TrainRequest {
  readonly modelName: string;
  readonly classes: readonly ClassInfo[];
  readonly examples: readonly LabelledEmbedding[];
  readonly settings: TrainingSettings;
  /** Seeds the validation split and weight init so a run can be repeated. */
  readonly seed?: number;
}

export interface Prediction {
  /** Index of the top class in the model's `classes`. */
  readonly classIndex: number;
  /** One 0..1 confidence per class, in the model's class order; sums to ~1. */
  readonly confidences: readonly number[];
}

/** Identifies the backbone a head was trained on, so a head is never used with another one. */
export interface BaseModelRef {
  readonly id: string;
  readonly weightsSha256: string;
  readonly embeddingSize: number;
}

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32' | 'int8';
}

/** A dense layer of the head, in order (the answer layer with one unit per class comes last). */
export interface DenseLayerSpec {
  readonly type: 'dense';
  readonly units: number;
  readonly activation: 'relu' | 'softmax' | 'linear' | 'sigmoid' | 'tanh';
}
export interface DropoutLayerSpec {
  readonly type: 'dropout';
  readonly rate: number;
}
export type HeadLayerSpec = DenseLayerSpec | DropoutLayerSpec;

export type HeadDescription =
  | { readonly kind: 'knn'; readonly k: number; readonly examplesPerClass: readonly number[] }
  | { readonly kind: 'dense'; readonly layers: readonly HeadLayerSpec[] };

export interface ModelMetadata {
  readonly formatVersion: 1;
  readonly name: string;
  readonly baseModel: BaseModelRef;
  readonly head: HeadDescription;
  readonly classes: readonly ClassInfo[];
  readonly settings: TrainingSettings;
  readonly history: readonly EpochMetrics[];
  /** Tensors in `weights`, in order, packed back to back (tfjs weight-manifest order). */
  readonly weightSpecs: readonly WeightSpec[];
  /** ISO 8601. */
  readonly trainedAt: string;
}

/** The one model format: the same bytes go to IndexedDB, into the .sb3 and into exported files. */
export interface SerializedModel {
  readonly metadata: ModelMetadata;
  readonly weights: ArrayBuffer;
}
