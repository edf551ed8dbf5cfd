import type { BackboneArtifacts } from './interchange/export-model';
import type { Evaluation } from './lab/evaluation';
import type { Heatmap, HeatmapProgress } from './lab/occlusion';
import type { PictureMap } from './lab/picture-map';
import type { LayerLook, ModelLayers } from './lab/under-the-hood';
import type { Embedding, LabelledEmbedding, Prediction, RgbaImage, SerializedModel, TrainingProgress, TrainRequest } from './types';

/** tfjs's three WASM builds, each at its own address (tfjs-backend-wasm's setWasmPaths map). */
export type WasmFiles = Readonly<
  Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>
>;

/** Where the backbone comes from. Tried in order by the caller; the engine loads one. */
export type BaseModelSource =
  /** Our own layout: Sequential(truncated MobileNetV2, GlobalAveragePooling2D), e.g. served from ../shared/models. */
  | { readonly kind: 'backbone'; readonly url: string }
  /** Teachable Machine's public no-top layout: truncated at `out_relu` and pooled by the engine. */
  | { readonly kind: 'no-top'; readonly url: string }
  /** A tfjs model-storage URL such as `indexeddb://…`, written by an earlier successful load. */
  | { readonly kind: 'cache'; readonly url: string };

export interface EngineInitOptions {
  readonly sources: readonly BaseModelSource[];
  /** After loading from a network source, save to this tfjs storage URL (e.g. 'indexeddb://image-model-base'). */
  readonly cacheUrl?: string;
  /**
   * Where the WASM backend's .wasm files are served (browser): a folder, or each file's own address (a page that
   * carries them inline gives data: URLs). Omitted in Node.
   */
  readonly wasmPath?: string | WasmFiles;
  /** Forces a backend (tests, benchmarks); otherwise chosen by evidence. */
  readonly backend?: 'wasm' | 'webgl' | 'cpu';
}

/** "Shrink it": the int8 model and what shrinking it changed, for the Lab to show before the child keeps it. */
export interface ShrinkReport {
  /** The same model with int8 weights (engine/model-format/model-format.ts quantizeModel); load and save it like any model. */
  readonly model: SerializedModel;
  /** Size of the model file (encodeModel) before and after. */
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** The float model and the int8 model on the same pictures. */
  readonly before: Evaluation;
  readonly after: Evaluation;
  /** Indices (into the pictures given) whose answer changed. */
  readonly changedPictures: readonly number[];
}

/** A picture whose class is known (index in the model's class order). */
export interface LabelledImage {
  readonly image: RgbaImage;
  readonly classIndex: number;
}

/** "Shrink it" tried on MobileNet: an experiment only, since the backbone is shared and never stored in a project. */
export interface BackboneShrinkReport {
  /** Size of the backbone's weights as float32, and as int8 plus each tensor's scale and zero point. */
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** The model's answers with the normal backbone and with the int8 one, on the same pictures. */
  readonly before: Evaluation;
  readonly after: Evaluation;
  /** Indices (into the pictures given) whose answer changed. */
  readonly changedPictures: readonly number[];
}

export interface EngineInfo {
  readonly backend: string;
  readonly source: BaseModelSource['kind'];
  readonly weightsSha256: string;
}

/**
 * What the rest of the product may ask of the ML engine. Implemented in-process (Node tests, the worker's
 * inside) and by the worker client on the main thread, with the same semantics.
 * Models are addressed by a key so a project can hold several.
 */
export interface EngineApi {
  init(options: EngineInitOptions): Promise<EngineInfo>;
  /** One embedding per picture, same order. */
  embed(images: readonly RgbaImage[]): Promise<Embedding[]>;
  /** Trains a head; progress after each epoch; rejects with 'train/cancelled' when the signal aborts. */
  train(request: TrainRequest, onProgress?: (progress: TrainingProgress) => void, signal?: AbortSignal): Promise<SerializedModel>;
  /** Validates and activates a model under `key`, replacing any model with that key. */
  loadModel(key: string, model: SerializedModel): Promise<void>;
  unloadModel(key: string): Promise<void>;
  predict(key: string, image: RgbaImage): Promise<Prediction>;
  predictEmbeddings(key: string, embeddings: readonly Embedding[]): Promise<Prediction[]>;
  /** tfjs's counts, and the WASM backend's heap (a heap only grows, and the browser's memory measurement may leave it out). */
  memory(): Promise<{ numTensors: number; numBytes: number; wasmHeapBytes?: number }>;
  /**
   * How the model under `key` does on pictures whose class is known (class indices in the model's class order):
   * counts, per-class accuracy, confusion matrix and each picture's percentages, pictures in the order given.
   */
  evaluate(key: string, examples: readonly LabelledEmbedding[]): Promise<Evaluation>;
  /** KNN with few pictures: each example predicted from all the others by k neighbours. Needs no loaded model. */
  evaluateLeaveOneOut(examples: readonly LabelledEmbedding[], classCount: number, k: number): Promise<Evaluation>;
  /** Shrinks `model` to int8 and evaluates the float and int8 versions on `examples` (e.g. the validation pictures). */
  shrinkModel(model: SerializedModel, examples: readonly LabelledEmbedding[]): Promise<ShrinkReport>;
  /**
   * Embeds `examples` with the backbone and with an int8 copy of it (disposed before this settles), and compares
   * the answers of the model under `key` on both.
   */
  shrinkBackbone(key: string, examples: readonly LabelledImage[]): Promise<BackboneShrinkReport>;
  /** "Under the hood": every step the backbone (as it really runs, batch norm folded in) and the head under `key` take. */
  describeLayers(key: string): Promise<ModelLayers>;
  /** What step `layerIndex` of describeLayers makes of `image`: a few small feature maps and histograms, never full activations. */
  lookAtLayer(key: string, image: RgbaImage, layerIndex: number): Promise<LayerLook>;
  /**
   * "What is it looking at?": where in `image` the answer of the model under `key` comes from (occlusion
   * sensitivity, lab/occlusion.ts); progress after each batch of covered copies.
   */
  explainPicture(key: string, image: RgbaImage, onProgress?: (progress: HeatmapProgress) => void): Promise<Heatmap>;
  /**
   * A map of all pictures: each example's embedding placed in 2-D (lab/picture-map.ts), and which of them sit
   * among another class; `classCount` classes, in any order the caller chooses. Needs no model.
   */
  mapPictures(examples: readonly LabelledEmbedding[], classCount: number): Promise<PictureMap>;
  /**
   * The backbone as init() loaded it (topology and hash-checked weights, from whichever source answered), so an
   * export never depends on the server's /models/ folder still answering.
   */
  backboneArtifacts(): Promise<BackboneArtifacts>;
}
