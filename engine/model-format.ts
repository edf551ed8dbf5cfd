// The one model format: metadata (JSON) + one weights buffer, the same in IndexedDB, in a project and in an
// exported file. One writer and one reader; the reader checks everything before anyone makes a tensor, because
// a model may come from an old version, another backbone, a half-written store or a hand-edited file.
// Plain data only (no tfjs), so the main thread can read and write models without loading the engine.
import { BASE_MODEL } from './base-model';
import { EngineError } from './errors';
import { expectedWeightSpecs } from './heads/weight-layout';
import { settingsProblem } from './training-settings';
import type {
  ClassInfo, DenseLayerSpec, EpochMetrics, HeadDescription, HeadLayerSpec, ModelMetadata, SerializedModel, TrainingSettings, WeightSpec,
} from './types';

export const MODEL_FORMAT_VERSION = 1;

/** Limits far above any classroom model, low enough that a hostile file cannot make us allocate gigabytes. */
export const MODEL_LIMITS = {
  classes: 100,
  textLength: 200,
  denseLayers: 8,
  denseUnits: 4096,
  knnExamples: 20_000,
  historyLength: 1000,
  weightBytes: 128 * 1024 * 1024,
  metadataBytes: 4 * 1024 * 1024,
} as const;

const ACTIVATIONS: readonly string[] = ['relu', 'softmax', 'linear', 'sigmoid', 'tanh'];

/** A model that passed every check, with one float32 view per weight tensor. */
export interface ValidatedModel extends SerializedModel {
  readonly tensors: readonly Float32Array[];
}

/** What the writer needs from a freshly trained head. */
export interface ModelContent {
  readonly name: string;
  readonly classes: readonly ClassInfo[];
  readonly settings: TrainingSettings;
  readonly history: readonly EpochMetrics[];
  readonly head: HeadDescription;
  readonly weights: { readonly specs: readonly WeightSpec[]; readonly values: readonly Float32Array[] };
  readonly trainedAt?: Date;
}

// ---------------------------------------------------------------------------------------------- writer

export function writeModel(content: ModelContent): SerializedModel {
  const total = content.weights.values.reduce((sum, values) => sum + values.length, 0);
  const packed = new Float32Array(total);
  let offset = 0;
  for (const values of content.weights.values) {
    packed.set(values, offset);
    offset += values.length;
  }
  const metadata: ModelMetadata = {
    formatVersion: MODEL_FORMAT_VERSION,
    name: content.name,
    baseModel: { ...BASE_MODEL },
    head: content.head,
    classes: content.classes.map(({ id, name }) => ({ id, name })),
    settings: { ...content.settings },
    history: content.history.map((metrics) => ({ ...metrics })),
    weightSpecs: content.weights.specs.map(({ name, shape, dtype }) => ({ name, shape: [...shape], dtype })),
    trainedAt: (content.trainedAt ?? new Date()).toISOString(),
  };
  return { metadata, weights: packed.buffer };
}

// ---------------------------------------------------------------------------------------------- reader

const invalid = (detail: string) => new EngineError('model/invalid', detail);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MODEL_LIMITS.textLength;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
// `instanceof` fails for buffers from another realm (an iframe, a worker's structured clone in some hosts).
const isArrayBuffer = (value: unknown): value is ArrayBuffer => Object.prototype.toString.call(value) === '[object ArrayBuffer]';

function readVersion(metadata: Record<string, unknown>): void {
  const version = metadata.formatVersion;
  if (!isCount(version, 1, Number.MAX_SAFE_INTEGER)) throw invalid(`formatVersion ${String(version)} is not a version number`);
  if (version > MODEL_FORMAT_VERSION) {
    throw new EngineError('model/unsupported-version', `format version ${version}; this version reads up to ${MODEL_FORMAT_VERSION}`);
  }
}

function readBaseModel(value: unknown): void {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.weightsSha256 !== 'string' || typeof value.embeddingSize !== 'number') {
    throw invalid('baseModel is not {id, weightsSha256, embeddingSize}');
  }
  if (value.id !== BASE_MODEL.id || value.weightsSha256 !== BASE_MODEL.weightsSha256 || value.embeddingSize !== BASE_MODEL.embeddingSize) {
    throw new EngineError('model/wrong-base-model', `trained on ${value.id} (${value.weightsSha256}), not ${BASE_MODEL.id} (${BASE_MODEL.weightsSha256})`);
  }
}

function readClasses(value: unknown): ClassInfo[] {
  if (!Array.isArray(value) || value.length < 2 || value.length > MODEL_LIMITS.classes) {
    throw invalid(`classes must be a list of 2 to ${MODEL_LIMITS.classes} classes`);
  }
  const seen = new Set<string>();
  return value.map((info: unknown, i) => {
    if (!isObject(info) || !isText(info.id) || info.id === '' || !isText(info.name)) {
      throw invalid(`classes[${i}] needs a non-empty id and a name (text up to ${MODEL_LIMITS.textLength} characters)`);
    }
    if (seen.has(info.id)) throw invalid(`classes[${i}].id ${JSON.stringify(info.id)} is repeated`);
    seen.add(info.id);
    return { id: info.id, name: info.name };
  });
}

function readLayer(value: unknown, i: number): HeadLayerSpec {
  if (isObject(value) && value.type === 'dropout') {
    if (!isFiniteNumber(value.rate) || value.rate < 0 || value.rate >= 1) throw invalid(`head.layers[${i}].rate must be in [0, 1)`);
    return { type: 'dropout', rate: value.rate };
  }
  if (!isObject(value) || value.type !== 'dense') throw invalid(`head.layers[${i}] is neither dense nor dropout`);
  if (!isCount(value.units, 1, MODEL_LIMITS.denseUnits)) throw invalid(`head.layers[${i}].units must be 1 to ${MODEL_LIMITS.denseUnits}`);
  if (typeof value.activation !== 'string' || !ACTIVATIONS.includes(value.activation)) {
    throw invalid(`head.layers[${i}].activation ${JSON.stringify(value.activation)} is unknown`);
  }
  return { type: 'dense', units: value.units, activation: value.activation as DenseLayerSpec['activation'] };
}

function readHead(value: unknown, classCount: number, settings: TrainingSettings): HeadDescription {
  if (!isObject(value)) throw invalid('head is missing');
  if (value.kind !== settings.method) throw invalid(`head.kind ${JSON.stringify(value.kind)} differs from settings.method ${settings.method}`);
  if (value.kind === 'knn') {
    if (!isCount(value.k, 1, 100)) throw invalid('head.k must be a whole number from 1 to 100');
    const counts = value.examplesPerClass;
    if (!Array.isArray(counts) || counts.length !== classCount) throw invalid(`head.examplesPerClass must have one count per class (${classCount})`);
    if (!counts.every((count) => isCount(count, 0, MODEL_LIMITS.knnExamples))) throw invalid('head.examplesPerClass holds a count that is not a whole number in range');
    const total = counts.reduce((sum: number, count: number) => sum + count, 0);
    if (total < 1 || total > MODEL_LIMITS.knnExamples) throw invalid(`head.examplesPerClass totals ${total}; must be 1 to ${MODEL_LIMITS.knnExamples}`);
    return { kind: 'knn', k: value.k, examplesPerClass: counts as number[] };
  }
  const layers = value.layers;
  if (!Array.isArray(layers) || layers.length < 1 || layers.length > MODEL_LIMITS.denseLayers) {
    throw invalid(`head.layers must list 1 to ${MODEL_LIMITS.denseLayers} layers`);
  }
  const read = layers.map(readLayer);
  const last = read[read.length - 1];
  if (last.type !== 'dense' || last.activation !== 'softmax') throw invalid('head.layers must end with a softmax dense layer');
  if (last.units !== classCount) throw invalid(`head answers ${last.units} classes but the model lists ${classCount}`);
  return { kind: 'dense', layers: read };
}

function readHistory(value: unknown): EpochMetrics[] {
  if (!Array.isArray(value) || value.length > MODEL_LIMITS.historyLength) throw invalid(`history must be a list of up to ${MODEL_LIMITS.historyLength} epochs`);
  return value.map((metrics: unknown, i) => {
    const optional = (key: string) => isObject(metrics) && (metrics[key] === undefined || isFiniteNumber(metrics[key]));
    if (!isObject(metrics) || !isCount(metrics.epoch, 1, Number.MAX_SAFE_INTEGER) || !isFiniteNumber(metrics.loss)
      || !isFiniteNumber(metrics.acc) || !isFiniteNumber(metrics.ms) || !optional('valLoss') || !optional('valAcc')) {
      throw invalid(`history[${i}] is not a set of finite epoch metrics`);
    }
    const { epoch, loss, acc, valLoss, valAcc, ms } = metrics as unknown as EpochMetrics;
    return { epoch, loss, acc, ...(valLoss !== undefined && { valLoss }), ...(valAcc !== undefined && { valAcc }), ms };
  });
}

function readWeightSpecs(value: unknown, head: HeadDescription): WeightSpec[] {
  const expected = expectedWeightSpecs(head);
  if (!Array.isArray(value) || value.length !== expected.length) throw invalid(`weightSpecs must list ${expected.length} tensors for this head`);
  expected.forEach((spec, i) => {
    const given: unknown = value[i];
    const matches = isObject(given) && given.name === spec.name && given.dtype === spec.dtype && Array.isArray(given.shape)
      && given.shape.length === spec.shape.length && given.shape.every((d, j) => d === spec.shape[j]);
    if (!matches) throw invalid(`weightSpecs[${i}] should be ${spec.name} ${spec.dtype} [${spec.shape.join(', ')}] for this head`);
  });
  return expected;
}

/** One float32 view per tensor, after checking the buffer holds exactly them and only finite numbers. */
function readWeights(weights: ArrayBuffer, specs: readonly WeightSpec[]): Float32Array[] {
  const sizes = specs.map((spec) => spec.shape.reduce((product, d) => product * d, 1));
  const bytes = sizes.reduce((sum, size) => sum + size * 4, 0);
  if (bytes > MODEL_LIMITS.weightBytes) throw invalid(`weights declare ${bytes} bytes; the limit is ${MODEL_LIMITS.weightBytes}`);
  if (weights.byteLength !== bytes) throw invalid(`weights hold ${weights.byteLength} bytes but weightSpecs need ${bytes}`);
  let offset = 0;
  return specs.map((spec, i) => {
    const values = new Float32Array(weights, offset, sizes[i]);
    offset += sizes[i] * 4;
    if (!values.every(Number.isFinite)) throw invalid(`weights of ${spec.name} contain NaN or Infinity`);
    return values;
  });
}

/** Checks a model completely; throws EngineError with the failing check in its detail. */
export function readModel(model: unknown): ValidatedModel {
  if (!isObject(model) || !isObject(model.metadata) || !isArrayBuffer(model.weights)) {
    throw invalid('model is not {metadata, weights: ArrayBuffer}');
  }
  const metadata = model.metadata;
  readVersion(metadata);
  readBaseModel(metadata.baseModel);
  if (!isText(metadata.name)) throw invalid(`name must be text up to ${MODEL_LIMITS.textLength} characters`);
  const classes = readClasses(metadata.classes);
  const problem = settingsProblem(metadata.settings);
  if (problem) throw invalid(`settings: ${problem}`);
  const settings = metadata.settings as TrainingSettings;
  const head = readHead(metadata.head, classes.length, settings);
  const history = readHistory(metadata.history);
  if (typeof metadata.trainedAt !== 'string' || Number.isNaN(Date.parse(metadata.trainedAt))) throw invalid('trainedAt is not a date');
  const weightSpecs = readWeightSpecs(metadata.weightSpecs, head);
  const tensors = readWeights(model.weights, weightSpecs);
  const { method, epochs, batchSize, learningRate, validationRate, knnK } = settings;
  return {
    metadata: {
      formatVersion: MODEL_FORMAT_VERSION,
      name: metadata.name,
      baseModel: { ...BASE_MODEL },
      head,
      classes,
      settings: { method, epochs, batchSize, learningRate, validationRate, knnK },
      history,
      weightSpecs,
      trainedAt: metadata.trainedAt,
    },
    weights: model.weights,
    tensors,
  };
}

// ---------------------------------------------------------------------------------------------- bytes
// A file: the 8 bytes "IMGMODEL", the metadata's length (uint32, little-endian), the metadata as UTF-8 JSON,
// then the weights buffer as is.

const MAGIC = 'IMGMODEL';
const HEADER_BYTES = MAGIC.length + 4;

export function encodeModel(model: SerializedModel): Uint8Array {
  const metadata = new TextEncoder().encode(JSON.stringify(model.metadata));
  const bytes = new Uint8Array(HEADER_BYTES + metadata.length + model.weights.byteLength);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, metadata.length, true);
  bytes.set(metadata, HEADER_BYTES);
  bytes.set(new Uint8Array(model.weights), HEADER_BYTES + metadata.length);
  return bytes;
}

/** Bytes from `encodeModel` -> a validated model (its weights in a buffer of their own). */
export function decodeModel(bytes: Uint8Array | ArrayBuffer): ValidatedModel {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.length < HEADER_BYTES || new TextDecoder().decode(view.subarray(0, MAGIC.length)) !== MAGIC) {
    throw invalid('not an image model file (no IMGMODEL header)');
  }
  const metadataLength = new DataView(view.buffer, view.byteOffset, view.byteLength).getUint32(MAGIC.length, true);
  if (metadataLength > MODEL_LIMITS.metadataBytes || HEADER_BYTES + metadataLength > view.length) {
    throw invalid(`metadata length ${metadataLength} does not fit the file`);
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(view.subarray(HEADER_BYTES, HEADER_BYTES + metadataLength)));
  } catch {
    throw invalid('metadata is not UTF-8 JSON');
  }
  const weights = view.slice(HEADER_BYTES + metadataLength).buffer;
  return readModel({ metadata, weights });
}
