// The one model format: metadata (JSON) + one weights buffer, the same in IndexedDB, in a project and in an
// exported file. One writer and one reader; the reader checks everything before anyone makes a tensor, because
// a model may come from an old version, another backbone, a half-written store or a hand-edited file.
// Plain data only (no tfjs), so the main thread can read and write models without loading the engine.
import * as v from 'valibot';
import { EngineError } from '../errors';
import { FEATURE_MODELS, featureSourceOf } from '../feature-source';
import { expectedWeightSpecs, readHeadDescription } from '../heads/kinds';
import { describeIssue, featureSourceSchema, isRecord, readClassList } from '../schema';
import { parseSettings } from '../training-settings';
import type {
  BaseModelRef,
  ClassInfo,
  EarlyStop,
  EpochMetrics,
  FeatureSource,
  HeadDescription,
  ModelMetadata,
  SerializedModel,
  TrainingSettings,
  WeightQuantization,
  WeightSpec,
} from '../types';
import { failed, invalid, isCount, tooLarge } from './model-format-error';
import { MODEL_LIMITS } from './model-limits';
import { dequantize, quantize } from './quantization';

export { MODEL_LIMITS } from './model-limits';
export { isModelFormatError, ModelFormatError, type ModelFormatProblem } from './model-format-error';

export const MODEL_FORMAT_VERSION = 1;

/** A model that passed every check, with one float32 view per weight tensor. */
export interface ValidatedModel extends SerializedModel {
  readonly tensors: readonly Float32Array[];
}

/** What the writer needs from a freshly trained head. */
export interface ModelContent {
  readonly name: string;
  /** Absent: 'pictures'. */
  readonly featureSource?: FeatureSource;
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
  const featureSource = featureSourceOf(content);
  const metadata: ModelMetadata = {
    formatVersion: MODEL_FORMAT_VERSION,
    name: content.name,
    featureSource,
    baseModel: { ...FEATURE_MODELS[featureSource] },
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

/** Only the known setting fields, deeply copied (a head's settings may hold lists the caller may change later). */
function copySettings({ validationRate, stopAtAccuracy, head }: TrainingSettings): TrainingSettings {
  return { validationRate, ...(stopAtAccuracy !== undefined && { stopAtAccuracy }), head: structuredClone(head) };
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

function readFeatureSource(value: unknown): FeatureSource {
  const read = v.safeParse(featureSourceSchema, value);
  if (!read.success) throw invalid(describeIssue(read.issues[0]));
  return read.output;
}

/** The model behind the feature source must be exactly ours: another one gives other numbers for the same picture. */
function readBaseModel(value: unknown, expected: BaseModelRef): void {
  if (
    !isRecord(value) ||
    typeof value.id !== 'string' ||
    typeof value.weightsSha256 !== 'string' ||
    typeof value.embeddingSize !== 'number'
  ) {
    throw invalid('baseModel is not {id, weightsSha256, embeddingSize}');
  }
  if (value.id !== expected.id || value.weightsSha256 !== expected.weightsSha256 || value.embeddingSize !== expected.embeddingSize) {
    throw new EngineError(
      'model/wrong-base-model',
      `trained on ${value.id} (${value.weightsSha256}), not ${expected.id} (${expected.weightsSha256})`,
    );
  }
}

function readClasses(value: unknown): ClassInfo[] {
  const read = readClassList(value, { minClasses: 2, safeIds: false });
  if ('problem' in read) throw failed(read.detail, read.problem === 'too-large');
  return read.classes;
}

function readHead(value: unknown, classCount: number, settings: TrainingSettings): HeadDescription {
  if (!isRecord(value)) throw invalid('head is missing');
  if (value.kind !== settings.head.kind)
    throw invalid(`head.kind ${JSON.stringify(value.kind)} differs from settings.head.kind ${settings.head.kind}`);
  return readHeadDescription(value, classCount, settings.head);
}

/** The known settings (migrated from an earlier version's); a dense model's stack must be the one its head was built from. */
function readSettings(value: unknown): TrainingSettings {
  const parsed = parseSettings(value);
  if ('problem' in parsed) throw invalid(`settings: ${parsed.problem}`);
  return copySettings(parsed.settings);
}

function readStoppedEarly(value: unknown, history: readonly EpochMetrics[]): EarlyStop | undefined {
  if (value === undefined) return undefined;
  if (
    !isRecord(value) ||
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
    const optional = (key: string) => isRecord(metrics) && (metrics[key] === undefined || isFiniteNumber(metrics[key]));
    if (
      !isRecord(metrics) ||
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
  if (!isRecord(value) || !isFiniteNumber(value.scale) || !(value.scale > 0) || !isCount(value.zeroPoint, -128, 127)) return undefined;
  return { scale: value.scale, zeroPoint: value.zeroPoint };
}

/** The head's expected tensors, each stored as float32 or (shrunk) as int8 with a valid scale and zero point. */
function readWeightSpecs(value: unknown, head: HeadDescription, features: number): WeightSpec[] {
  const expected = expectedWeightSpecs(head, features);
  if (!Array.isArray(value) || value.length !== expected.length)
    throw invalid(`weightSpecs must list ${expected.length} tensors for this head`, 'wrong-shapes');
  return expected.map((spec, i) => {
    const given: unknown = value[i];
    const declaredBytes =
      isRecord(given) && Array.isArray(given.shape) && given.shape.every((d) => Number.isInteger(d) && d >= 0)
        ? given.shape.reduce((product: number, d: number) => product * d, 1) * (given.dtype === 'int8' ? 1 : 4)
        : 0;
    if (declaredBytes > MODEL_LIMITS.weightBytes)
      throw tooLarge(`weightSpecs[${i}] declares ${declaredBytes} bytes; the limit is ${MODEL_LIMITS.weightBytes}`);
    const matches =
      isRecord(given) &&
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
  if (!isRecord(model) || !isRecord(model.metadata) || !isArrayBuffer(model.weights)) {
    throw invalid('model is not {metadata, weights: ArrayBuffer}');
  }
  const metadata = model.metadata;
  readVersion(metadata);
  const featureSource = readFeatureSource(metadata.featureSource);
  const baseModel = FEATURE_MODELS[featureSource];
  readBaseModel(metadata.baseModel, baseModel);
  if (!isText(metadata.name)) throw invalid(`name must be text up to ${MODEL_LIMITS.textLength} characters`);
  const classes = readClasses(metadata.classes);
  const settings = readSettings(metadata.settings);
  const head = readHead(metadata.head, classes.length, settings);
  const history = readHistory(metadata.history);
  if (typeof metadata.trainedAt !== 'string' || Number.isNaN(Date.parse(metadata.trainedAt))) throw invalid('trainedAt is not a date');
  const stoppedEarly = readStoppedEarly(metadata.stoppedEarly, history);
  const validationPictureIds = readPictureIds(metadata.validationPictureIds);
  const weightSpecs = readWeightSpecs(metadata.weightSpecs, head, baseModel.embeddingSize);
  const tensors = readWeights(model.weights, weightSpecs);
  return {
    metadata: {
      formatVersion: MODEL_FORMAT_VERSION,
      name: metadata.name,
      featureSource,
      baseModel: { ...baseModel },
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
