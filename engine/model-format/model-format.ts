// The one model format: metadata (JSON) + one weights buffer, the same in IndexedDB, in a project and in an
// exported file. One writer and one reader; the reader checks everything before anyone makes a tensor, because
// a model may come from an old version, another backbone, a half-written store or a hand-edited file.
// Plain data only (no tfjs), so the main thread can read and write models without loading the engine.
import { BASE_MODEL } from '../base-model';
import { EngineError, isEngineError } from '../errors';
import { expectedWeightSpecs } from '../heads/kinds';
import { stackProblems } from '../heads/head-stack';
import { dequantize, quantize } from './quantization';
import { MODEL_LIMITS } from './model-limits';
import { parseSettings } from '../training-settings';
import type {
  ClassInfo,
  DenseLayerSpec,
  EarlyStop,
  EpochMetrics,
  HeadDescription,
  HeadLayerSpec,
  ModelMetadata,
  SerializedModel,
  TrainingSettings,
  WeightQuantization,
  WeightSpec,
} from '../types';

export { MODEL_LIMITS } from './model-limits';

export const MODEL_FORMAT_VERSION = 1;

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
  readonly stoppedEarly?: EarlyStop;
  readonly validationPictureIds?: readonly string[];
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
    settings: copySettings(content.settings),
    history: content.history.map((metrics) => ({ ...metrics })),
    weightSpecs: content.weights.specs.map(({ name, shape, dtype }) => ({ name, shape: [...shape], dtype })),
    trainedAt: (content.trainedAt ?? new Date()).toISOString(),
    ...(content.stoppedEarly && { stoppedEarly: { ...content.stoppedEarly } }),
    ...(content.validationPictureIds && { validationPictureIds: [...content.validationPictureIds] }),
  };
  return { metadata, weights: packed.buffer };
}

/** Only the known setting fields, deeply copied (the stack is an array of objects the caller may change later). */
function copySettings({ validationRate, stopAtAccuracy, head }: TrainingSettings): TrainingSettings {
  return {
    validationRate,
    ...(stopAtAccuracy !== undefined && { stopAtAccuracy }),
    head:
      head.kind === 'dense' && head.hiddenLayers
        ? { ...head, hiddenLayers: head.hiddenLayers.map((layer) => ({ ...layer })) }
        : { ...head },
  };
}

/**
 * "Shrink it": the same model with every weight tensor stored as int8 plus its scale and zero point (about a
 * quarter of the bytes). Reading it gives each number back within half a step (engine/model-format/quantization.ts).
 * A model that is already int8 comes back as it is: squeezing it again would only add rounding.
 */
export function quantizeModel(model: SerializedModel): SerializedModel {
  const read = readModel(model);
  if (read.metadata.weightSpecs.every((spec) => spec.dtype === 'int8')) return model;
  const quantized = read.tensors.map((values) => quantize(values));
  const packed = new Int8Array(quantized.reduce((sum, tensor) => sum + tensor.data.length, 0));
  let offset = 0;
  for (const tensor of quantized) {
    packed.set(tensor.data, offset);
    offset += tensor.data.length;
  }
  const weightSpecs = read.metadata.weightSpecs.map(({ name, shape }, i): WeightSpec => ({
    name,
    shape: [...shape],
    dtype: 'int8',
    quantization: { scale: quantized[i].scale, zeroPoint: quantized[i].zeroPoint },
  }));
  return { metadata: { ...read.metadata, weightSpecs }, weights: packed.buffer };
}

// ---------------------------------------------------------------------------------------------- reader

/**
 * Which kind of check a model failed, so a caller (e.g. the report on an opened project) maps a reason and never
 * parses the English detail. Any declared size over a limit is 'too-large', whichever field declares it.
 */
export type ModelFormatProblem = 'invalid' | 'too-large' | 'not-finite' | 'weights-truncated' | 'classes-mismatch' | 'wrong-shapes';

/** EngineError 'model/invalid' that also says which kind of check failed. */
export class ModelFormatError extends EngineError {
  constructor(
    readonly problem: ModelFormatProblem,
    detail: string,
  ) {
    super('model/invalid', detail);
  }
}

export function isModelFormatError(value: unknown): value is ModelFormatError {
  return isEngineError(value) && value.code === 'model/invalid' && typeof (value as Partial<ModelFormatError>).problem === 'string';
}

const invalid = (detail: string, problem: ModelFormatProblem = 'invalid') => new ModelFormatError(problem, detail);
const tooLarge = (detail: string) => new ModelFormatError('too-large', detail);
/** One failed check: 'too-large' when what failed was a declared size over its limit, else 'invalid'. */
const failed = (detail: string, overLimit: boolean) => (overLimit ? tooLarge(detail) : invalid(detail));
/** A whole number above `max`: a size declared too large (anything else that is not a count is just invalid). */
const isOver = (value: unknown, max: number) => typeof value === 'number' && Number.isInteger(value) && value > max;
/** Layer-stack problems that are about size, not shape. */
const SIZE_PROBLEMS: readonly string[] = ['units-too-many', 'too-many-layers', 'too-many-parameters'];
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
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    typeof value.weightsSha256 !== 'string' ||
    typeof value.embeddingSize !== 'number'
  ) {
    throw invalid('baseModel is not {id, weightsSha256, embeddingSize}');
  }
  if (value.id !== BASE_MODEL.id || value.weightsSha256 !== BASE_MODEL.weightsSha256 || value.embeddingSize !== BASE_MODEL.embeddingSize) {
    throw new EngineError(
      'model/wrong-base-model',
      `trained on ${value.id} (${value.weightsSha256}), not ${BASE_MODEL.id} (${BASE_MODEL.weightsSha256})`,
    );
  }
}

function readClasses(value: unknown): ClassInfo[] {
  if (!Array.isArray(value) || value.length < 2 || value.length > MODEL_LIMITS.classes) {
    throw failed(
      `classes must be a list of 2 to ${MODEL_LIMITS.classes} classes`,
      Array.isArray(value) && value.length > MODEL_LIMITS.classes,
    );
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
  if (isObject(value) && value.type === 'batchNorm') return { type: 'batchNorm' };
  if (isObject(value) && value.type === 'dropout') {
    if (!isFiniteNumber(value.rate) || value.rate < 0 || value.rate >= 1) throw invalid(`head.layers[${i}].rate must be in [0, 1)`);
    return { type: 'dropout', rate: value.rate };
  }
  if (!isObject(value) || value.type !== 'dense') throw invalid(`head.layers[${i}] is not a dense, dropout or batchNorm layer`);
  if (!isCount(value.units, 1, MODEL_LIMITS.denseUnits)) {
    throw failed(`head.layers[${i}].units must be 1 to ${MODEL_LIMITS.denseUnits}`, isOver(value.units, MODEL_LIMITS.denseUnits));
  }
  if (typeof value.activation !== 'string' || !ACTIVATIONS.includes(value.activation)) {
    throw invalid(`head.layers[${i}].activation ${JSON.stringify(value.activation)} is unknown`);
  }
  return { type: 'dense', units: value.units, activation: value.activation as DenseLayerSpec['activation'] };
}

function readHead(value: unknown, classCount: number, settings: TrainingSettings): HeadDescription {
  if (!isObject(value)) throw invalid('head is missing');
  if (value.kind !== settings.head.kind)
    throw invalid(`head.kind ${JSON.stringify(value.kind)} differs from settings.head.kind ${settings.head.kind}`);
  if (value.kind === 'knn') {
    if (!isCount(value.k, 1, 100)) throw invalid('head.k must be a whole number from 1 to 100');
    const counts = value.examplesPerClass;
    if (!Array.isArray(counts) || counts.length !== classCount)
      throw invalid(`head.examplesPerClass must have one count per class (${classCount})`, 'classes-mismatch');
    if (!counts.every((count) => isCount(count, 0, MODEL_LIMITS.knnExamples))) {
      throw failed(
        'head.examplesPerClass holds a count that is not a whole number in range',
        counts.some((count) => isOver(count, MODEL_LIMITS.knnExamples)),
      );
    }
    const total = counts.reduce((sum: number, count: number) => sum + count, 0);
    if (total < 1 || total > MODEL_LIMITS.knnExamples) {
      throw failed(`head.examplesPerClass totals ${total}; must be 1 to ${MODEL_LIMITS.knnExamples}`, total > MODEL_LIMITS.knnExamples);
    }
    return { kind: 'knn', k: value.k, examplesPerClass: counts as number[] };
  }
  const layers = value.layers;
  if (!Array.isArray(layers) || layers.length < 1 || layers.length > MODEL_LIMITS.denseLayers) {
    throw failed(
      `head.layers must list 1 to ${MODEL_LIMITS.denseLayers} layers`,
      Array.isArray(layers) && layers.length > MODEL_LIMITS.denseLayers,
    );
  }
  const read = layers.map(readLayer);
  const last = read[read.length - 1];
  if (last.type !== 'dense' || last.activation !== 'softmax') throw invalid('head.layers must end with a softmax dense layer');
  if (last.units !== classCount) throw invalid(`head answers ${last.units} classes but the model lists ${classCount}`, 'classes-mismatch');
  // The same rules as training (e.g. the parameter limit), so a hand-made file cannot load a head we would never train.
  const problems = stackProblems(read.slice(0, -1), classCount);
  if (problems.length > 0) {
    throw failed(
      `head.layers: ${problems.map(({ code, layerIndex }) => `${code} at layer ${layerIndex}`).join('; ')}`,
      problems.some(({ code }) => SIZE_PROBLEMS.includes(code)),
    );
  }
  return { kind: 'dense', layers: read };
}

/** The known settings (migrated from an earlier version's); a dense model's stack must be the one its head was built from. */
function readSettings(value: unknown): TrainingSettings {
  const parsed = parseSettings(value);
  if ('problem' in parsed) throw invalid(`settings: ${parsed.problem}`);
  return copySettings(parsed.settings);
}

function checkStack(settings: TrainingSettings, head: HeadDescription): void {
  if (settings.head.kind !== 'dense' || head.kind !== 'dense' || !settings.head.hiddenLayers) return;
  const hiddenLayers = settings.head.hiddenLayers.map((layer, i) => readLayer(layer, i));
  if (JSON.stringify(hiddenLayers) !== JSON.stringify(head.layers.slice(0, -1)))
    throw invalid('settings.hiddenLayers differ from the layers of the head');
}

function readStoppedEarly(value: unknown, history: readonly EpochMetrics[]): EarlyStop | undefined {
  if (value === undefined) return undefined;
  if (
    !isObject(value) ||
    (value.watched !== 'valAcc' && value.watched !== 'acc') ||
    !isFiniteNumber(value.accuracy) ||
    value.accuracy < 0 ||
    value.accuracy > 1 ||
    value.epoch !== history[history.length - 1]?.epoch
  ) {
    throw invalid('stoppedEarly is not {epoch: the last epoch of history, watched, accuracy}');
  }
  return { epoch: value.epoch, watched: value.watched, accuracy: value.accuracy };
}

function readPictureIds(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MODEL_LIMITS.knnExamples || !value.every(isText)) {
    throw failed(
      `validationPictureIds must be a list of up to ${MODEL_LIMITS.knnExamples} ids`,
      Array.isArray(value) && value.length > MODEL_LIMITS.knnExamples,
    );
  }
  return [...value];
}

function readHistory(value: unknown): EpochMetrics[] {
  if (!Array.isArray(value) || value.length > MODEL_LIMITS.historyLength) {
    throw failed(`history must be a list of up to ${MODEL_LIMITS.historyLength} epochs`, Array.isArray(value));
  }
  return value.map((metrics: unknown, i) => {
    const optional = (key: string) => isObject(metrics) && (metrics[key] === undefined || isFiniteNumber(metrics[key]));
    if (
      !isObject(metrics) ||
      !isCount(metrics.epoch, 1, Number.MAX_SAFE_INTEGER) ||
      !isFiniteNumber(metrics.loss) ||
      !isFiniteNumber(metrics.acc) ||
      !isFiniteNumber(metrics.ms) ||
      !optional('valLoss') ||
      !optional('valAcc')
    ) {
      throw invalid(`history[${i}] is not a set of finite epoch metrics`);
    }
    const { epoch, loss, acc, valLoss, valAcc, ms } = metrics as unknown as EpochMetrics;
    return { epoch, loss, acc, ...(valLoss !== undefined && { valLoss }), ...(valAcc !== undefined && { valAcc }), ms };
  });
}

function readQuantization(value: unknown): WeightQuantization | undefined {
  if (!isObject(value) || !isFiniteNumber(value.scale) || !(value.scale > 0) || !isCount(value.zeroPoint, -128, 127)) return undefined;
  return { scale: value.scale, zeroPoint: value.zeroPoint };
}

/** The head's expected tensors, each stored as float32 or (shrunk) as int8 with a valid scale and zero point. */
function readWeightSpecs(value: unknown, head: HeadDescription): WeightSpec[] {
  const expected = expectedWeightSpecs(head);
  if (!Array.isArray(value) || value.length !== expected.length)
    throw invalid(`weightSpecs must list ${expected.length} tensors for this head`, 'wrong-shapes');
  return expected.map((spec, i) => {
    const given: unknown = value[i];
    const declaredBytes =
      isObject(given) && Array.isArray(given.shape) && given.shape.every((d) => Number.isInteger(d) && d >= 0)
        ? given.shape.reduce((product: number, d: number) => product * d, 1) * (given.dtype === 'int8' ? 1 : 4)
        : 0;
    if (declaredBytes > MODEL_LIMITS.weightBytes)
      throw tooLarge(`weightSpecs[${i}] declares ${declaredBytes} bytes; the limit is ${MODEL_LIMITS.weightBytes}`);
    const matches =
      isObject(given) &&
      given.name === spec.name &&
      (given.dtype === spec.dtype || given.dtype === 'int8') &&
      Array.isArray(given.shape) &&
      given.shape.length === spec.shape.length &&
      given.shape.every((d, j) => d === spec.shape[j]);
    if (!matches)
      throw invalid(
        `weightSpecs[${i}] should be ${spec.name} ${spec.dtype} or int8 [${spec.shape.join(', ')}] for this head`,
        'wrong-shapes',
      );
    if (given.dtype !== 'int8') {
      if (given.quantization !== undefined) throw invalid(`weightSpecs[${i}] is ${spec.dtype} but has a quantization`, 'wrong-shapes');
      return spec;
    }
    const quantization = readQuantization(given.quantization);
    if (!quantization)
      throw invalid(`weightSpecs[${i}] is int8 but its quantization is not {scale > 0, zeroPoint -128 to 127}`, 'wrong-shapes');
    return { ...spec, dtype: 'int8', quantization };
  });
}

const bytesPerNumber = (spec: WeightSpec) => (spec.dtype === 'int8' ? 1 : 4);

/**
 * One float32 array per tensor (int8 ones dequantised), after checking the buffer holds exactly them and only
 * finite numbers. Aligned float32 tensors are views; the rest are copies.
 */
function readWeights(weights: ArrayBuffer, specs: readonly WeightSpec[]): Float32Array[] {
  const sizes = specs.map((spec) => spec.shape.reduce((product, d) => product * d, 1));
  const bytes = sizes.reduce((sum, size, i) => sum + size * bytesPerNumber(specs[i]), 0);
  if (bytes > MODEL_LIMITS.weightBytes) throw tooLarge(`weights declare ${bytes} bytes; the limit is ${MODEL_LIMITS.weightBytes}`);
  if (weights.byteLength !== bytes)
    throw invalid(`weights hold ${weights.byteLength} bytes but weightSpecs need ${bytes}`, 'weights-truncated');
  let offset = 0;
  return specs.map((spec, i) => {
    const start = offset;
    offset += sizes[i] * bytesPerNumber(spec);
    let values: Float32Array;
    if (spec.quantization) values = dequantize({ data: new Int8Array(weights, start, sizes[i]), ...spec.quantization });
    else values = start % 4 === 0 ? new Float32Array(weights, start, sizes[i]) : new Float32Array(weights.slice(start, offset));
    if (!values.every(Number.isFinite)) throw invalid(`weights of ${spec.name} contain NaN or Infinity`, 'not-finite');
    return values;
  });
}

/** Checks a model completely; throws ModelFormatError (the kind of failing check, and an English detail), or EngineError for another base model or a newer format. */
export function readModel(model: unknown): ValidatedModel {
  if (!isObject(model) || !isObject(model.metadata) || !isArrayBuffer(model.weights)) {
    throw invalid('model is not {metadata, weights: ArrayBuffer}');
  }
  const metadata = model.metadata;
  readVersion(metadata);
  readBaseModel(metadata.baseModel);
  if (!isText(metadata.name)) throw invalid(`name must be text up to ${MODEL_LIMITS.textLength} characters`);
  const classes = readClasses(metadata.classes);
  const settings = readSettings(metadata.settings);
  const head = readHead(metadata.head, classes.length, settings);
  checkStack(settings, head);
  const history = readHistory(metadata.history);
  if (typeof metadata.trainedAt !== 'string' || Number.isNaN(Date.parse(metadata.trainedAt))) throw invalid('trainedAt is not a date');
  const stoppedEarly = readStoppedEarly(metadata.stoppedEarly, history);
  const validationPictureIds = readPictureIds(metadata.validationPictureIds);
  const weightSpecs = readWeightSpecs(metadata.weightSpecs, head);
  const tensors = readWeights(model.weights, weightSpecs);
  return {
    metadata: {
      formatVersion: MODEL_FORMAT_VERSION,
      name: metadata.name,
      baseModel: { ...BASE_MODEL },
      head,
      classes,
      settings,
      history,
      weightSpecs,
      trainedAt: metadata.trainedAt,
      ...(stoppedEarly && { stoppedEarly }),
      ...(validationPictureIds && { validationPictureIds }),
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
