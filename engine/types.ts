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

/**
 * What a model looks at (engine/feature-source.ts): 'pictures' (MobileNet embeddings, EMBEDDING_SIZE numbers) or
 * 'hands' (normalised hand landmarks). Its numbers travel as an `Embedding` either way.
 */
export type FeatureSource = 'pictures' | 'hands';

/**
 * The registered head kinds: each kind's module (engine/heads/<kind>-kind.ts) adds `<kind>: { settings;
 * description; labels }` here with `declare module '../types'` (`labels`: the words of its number inputs, see
 * SettingLabel), so the unions below list every kind without this file naming any, and a new kind needs no edit here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each kind's module (declaration merging)
export interface HeadKinds {}

export type HeadKind = keyof HeadKinds;
/** The settings of one head kind (engine/heads/kinds.ts lists the kinds). */
export type HeadSettings = HeadKinds[HeadKind]['settings'];
/** What a model file says about its head: enough, with the weights, to load it again. */
export type HeadDescription = HeadKinds[HeadKind]['description'];

export interface TrainingSettings {
  /** Fraction of each class's pictures held out to check the model (0 = none). */
  readonly validationRate: number;
  /**
   * Stop as soon as the watched accuracy (validation accuracy when pictures are held out, otherwise training
   * accuracy) reaches this, 0..1 (e.g. 0.9 for "90%"); absent: train every epoch. Only heads that train in epochs use it.
   */
  readonly stopAtAccuracy?: number;
  readonly head: HeadSettings;
  /**
   * The trainer's last settings of the kinds not chosen, so a child who switches kind and back finds their values
   * again. Never trained with, and not stored in a model.
   */
  readonly otherHeads?: readonly HeadSettings[];
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

/** Training ended before its last epoch because `stopAtAccuracy` was reached. */
export interface EarlyStop {
  /** The epoch (1-based) after which training stopped. */
  readonly epoch: number;
  /** Which accuracy met the target, so the UI can say "validation accuracy reached 90%". */
  readonly watched: 'valAcc' | 'acc';
  readonly accuracy: number;
}

export interface TrainingProgress {
  readonly epoch: number;
  readonly totalEpochs: number;
  /** Present once an epoch has finished. */
  readonly metrics?: EpochMetrics;
  /** Present on the last epoch's progress when the target accuracy ended training early. */
  readonly stoppedEarly?: EarlyStop;
}

/** The embedding of an augmented copy (flipped, turned, ...) of one of the request's pictures. */
export interface AugmentedEmbedding {
  /** The `pictureId` of the example it was made from: it takes that picture's class. */
  readonly sourcePictureId: string;
  readonly embedding: Embedding;
}

export interface TrainRequest {
  readonly modelName: string;
  /** What the examples' numbers come from; absent: 'pictures'. */
  readonly featureSource?: FeatureSource;
  readonly classes: readonly ClassInfo[];
  readonly examples: readonly LabelledEmbedding[];
  readonly settings: TrainingSettings;
  /** Seeds the validation split and weight init so a run can be repeated. */
  readonly seed?: number;
  /**
   * Copies of the examples' pictures (augmentation). Only copies of pictures that end up in training are used:
   * a copy of a held-out picture would let the model peek at the test. Copies of unknown pictures are ignored.
   */
  readonly augmented?: readonly AugmentedEmbedding[];
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

/** How an int8 tensor maps back to numbers: value = (q - zeroPoint) * scale. */
export interface WeightQuantization {
  /** Positive and finite. */
  readonly scale: number;
  /** A whole number from -128 to 127: the int8 value that stands for 0. */
  readonly zeroPoint: number;
}

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32' | 'int8';
  /** Present exactly when dtype is 'int8' (a shrunk model): one byte per number in `weights`. */
  readonly quantization?: WeightQuantization;
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
/** Batch normalisation: stores 4 tensors per layer (gamma, beta, moving mean, moving variance). */
export interface BatchNormLayerSpec {
  readonly type: 'batchNorm';
}
export type HeadLayerSpec = DenseLayerSpec | DropoutLayerSpec | BatchNormLayerSpec;

/** Why a block stack cannot be trained (engine/heads/head-stack.ts decides; locales explain each code). */
export type StackProblemCode =
  | 'unknown-layer' // not a dense, dropout or batch-normalisation block (e.g. a damaged saved stack)
  | 'units-not-whole' // 2.5 units
  | 'units-too-few' // 0 or fewer units: the layer would pass nothing on
  | 'units-too-many' // more than the model file stores (MODEL_LIMITS.denseUnits)
  | 'unknown-activation'
  | 'activation-cannot-train' // softmax in the middle
  | 'dropout-rate-out-of-range' // outside [0, 1): 1 would drop everything
  | 'dropout-twice' // two dropout blocks in a row
  | 'too-many-layers' // more than MAX_STACK_LAYERS blocks
  | 'too-many-parameters'; // more than MAX_HEAD_PARAMETERS in the whole head

export interface StackProblem {
  readonly code: StackProblemCode;
  /** The block to fix: 0 = the one just above the MobileNet features; the stack's length = the answer layer. */
  readonly layerIndex: number;
}

export interface ModelMetadata {
  readonly formatVersion: 1;
  readonly name: string;
  /** Absent in files written before Hands models: 'pictures'. The reader always fills it in. */
  readonly featureSource?: FeatureSource;
  /** The model behind the feature source (MobileNet for Pictures, the hand landmark model for Hands). */
  readonly baseModel: BaseModelRef;
  readonly head: HeadDescription;
  readonly classes: readonly ClassInfo[];
  readonly settings: TrainingSettings;
  readonly history: readonly EpochMetrics[];
  /** Tensors in `weights`, in order, packed back to back (tfjs weight-manifest order). */
  readonly weightSpecs: readonly WeightSpec[];
  /** ISO 8601. */
  readonly trainedAt: string;
  /** Set when `settings.stopAtAccuracy` ended training before its last epoch. */
  readonly stoppedEarly?: EarlyStop;
  /**
   * The pictures held out of training (their `pictureId`s), so the Lab can evaluate the model on them and show its
   * mistakes. A KNN head keeps them as examples after measuring them: evaluate KNN with leave-one-out instead.
   */
  readonly validationPictureIds?: readonly string[];
}

/** The one model format: the same bytes go to IndexedDB, into the .sb3 and into exported files. */
export interface SerializedModel {
  readonly metadata: ModelMetadata;
  readonly weights: ArrayBuffer;
}
