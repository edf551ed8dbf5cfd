// Files a child or teacher picked -> a model our engine runs. Accepts our export (its image-model.bin is the exact
// model) or a Teachable Machine image model (model.json + weights.bin + metadata.json, as files or one zip).
// From a TM model only the head is taken: its other weights must be exactly our backbone's (same sha256), because
// our engine computes the embedding itself. Nothing is trusted before it is checked, and every failure is an
// ImportError with a code the trainer can explain. Plain JS, no tfjs.
import { isRecord } from '../schema';
import JSZip from 'jszip';
import { BASE_MODEL } from '../base-model';
import { sha256Hex } from '../backbone/sha256';
import { isEngineError } from '../errors';
import { layerWeightSpecs } from '../heads/dense-kind';
import { HEAD_KIND_SPECS } from '../heads/kinds';
import { decodeModel, isModelFormatError, MODEL_LIMITS, readModel, writeModel } from '../model-format/model-format';
import { nameChanges, repairNames, type NameChange } from '../names';
import { DEFAULT_TRAINING_SETTINGS } from '../training-settings';
import type { ClassInfo, DenseLayerSpec, HeadLayerSpec, SerializedModel } from '../types';
import { readZipEntryCapped } from './capped-zip';
import { ImportError, type ImportProblem } from './import-errors';
import { FILE_NAMES, type LayerJson, type ManifestEntry } from './teachable-machine-layout';

export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The checked model, with the names the trainer's rules had to repair (engine/names.ts) for the trainer to say so. */
export interface ImportedModel {
  readonly model: SerializedModel;
  readonly renamed: readonly NameChange[];
}

/** The words for names a file left blank, in the child's language (the engine has no words of its own). */
export interface ImportNames {
  readonly model: string;
  /** A blank class's name by its position, 1-based ("Class 2"). */
  readonly className: (position: number) => string;
}

export const IMPORT_LIMITS = {
  fileBytes: 64 * 1024 * 1024,
  totalBytes: 128 * 1024 * 1024,
  zipEntries: 100,
  manifestEntries: 2000,
} as const;

type Json = Record<string, unknown>;
const own = (object: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
const baseName = (name: string) => (name.split(/[\\/]/).pop() ?? '').toLowerCase();
const startsWith = (bytes: Uint8Array, text: string) => text.split('').every((char, i) => bytes[i] === char.charCodeAt(0));

function parseJson(file: ImportFile, problem: 'not-a-model' | 'damaged'): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
  } catch {
    throw new ImportError(problem, `${file.name} is not JSON`);
  }
}

/** Zips are opened (files inside, by name, capped in size); other files pass through. */
async function expand(files: readonly ImportFile[]): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  let total = 0;
  const add = (file: ImportFile) => {
    total += file.bytes.length;
    if (file.bytes.length > IMPORT_LIMITS.fileBytes || total > IMPORT_LIMITS.totalBytes)
      throw new ImportError('too-large', `${file.name} makes the import too big`);
    out.push(file);
  };
  for (const file of files) {
    if (!startsWith(file.bytes, 'PK\u0003\u0004')) {
      add(file);
      continue;
    }
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(file.bytes);
    } catch {
      throw new ImportError('not-a-model', `${file.name} is not a readable zip`);
    }
    const entries = Object.values(zip.files).filter((entry) => !entry.dir && !entry.name.startsWith('__MACOSX/'));
    if (entries.length > IMPORT_LIMITS.zipEntries) throw new ImportError('not-a-model', `${file.name} holds ${entries.length} files`);
    if (entries.some((entry) => baseName(entry.name) === 'project.json'))
      throw new ImportError('not-a-model', `${file.name} is a Scratch project, not a model`);
    for (const entry of entries) {
      const read = await readZipEntryCapped(entry, entry.name, IMPORT_LIMITS.fileBytes);
      if (!read.ok) throw new ImportError(read.failure === 'too-large' ? 'too-large' : 'damaged', read.detail);
      add({ name: entry.name, bytes: read.bytes });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------- Teachable Machine's layout

interface ParsedHead {
  readonly layers: HeadLayerSpec[];
  /** Per layer, the manifest names of its weights in our order; null = a bias TM left out (zeros). */
  readonly weightNames: (string | null)[][];
}

const ACTIVATIONS: readonly string[] = ['relu', 'softmax', 'linear', 'sigmoid', 'tanh'];

function parseHeadLayer(layer: unknown, index: number): { spec: HeadLayerSpec; names: (string | null)[] } {
  if (!isRecord(layer) || !isRecord(own(layer, 'config'))) throw new ImportError('unsupported-model', `head layer ${index} has no config`);
  const { class_name: kind } = layer as unknown as LayerJson;
  const config = own(layer, 'config') as Json;
  const name = own(config, 'name');
  if (typeof name !== 'string') throw new ImportError('unsupported-model', `head layer ${index} has no name`);
  if (kind === 'Dropout') {
    const rate = own(config, 'rate');
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new ImportError('damaged', `dropout rate ${String(rate)}`);
    return { spec: { type: 'dropout', rate }, names: [] };
  }
  if (kind === 'BatchNormalization') {
    // Only tfjs's defaults, which our engine builds: another epsilon or a missing scale would answer differently.
    const epsilon = own(config, 'epsilon') ?? 0.001;
    if (epsilon !== 0.001 || own(config, 'center') === false || own(config, 'scale') === false) {
      throw new ImportError('unsupported-model', `batch normalisation ${name} is not the standard kind`);
    }
    return { spec: { type: 'batchNorm' }, names: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((part) => `${name}/${part}`) };
  }
  if (kind === 'Dense') {
    const units = own(config, 'units');
    const activation = own(config, 'activation') ?? 'linear';
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 1 || units > MODEL_LIMITS.denseUnits)
      throw new ImportError('damaged', `dense ${name} has ${String(units)} units`);
    if (typeof activation !== 'string' || !ACTIVATIONS.includes(activation))
      throw new ImportError('unsupported-model', `dense ${name} uses ${String(activation)}`);
    const bias = own(config, 'use_bias') === false ? null : `${name}/bias`;
    return { spec: { type: 'dense', units, activation: activation as DenseLayerSpec['activation'] }, names: [`${name}/kernel`, bias] };
  }
  throw new ImportError('unsupported-model', `head layer ${index} is a ${String(kind)}`);
}

/** TM's (and our) model.json: a Sequential whose last layer is the head, itself a Sequential of dense layers. */
function parseHead(modelJson: Json): ParsedHead {
  const topology = own(modelJson, 'modelTopology');
  const root = isRecord(topology) && isRecord(own(topology, 'model_config')) ? own(topology, 'model_config') : topology;
  const layersOf = (model: unknown): unknown[] | undefined => {
    if (!isRecord(model) || own(model, 'class_name') !== 'Sequential') return undefined;
    const config = own(model, 'config');
    const layers = Array.isArray(config) ? config : isRecord(config) ? own(config, 'layers') : undefined;
    return Array.isArray(layers) ? layers : undefined;
  };
  const top = layersOf(root);
  const headLayers = top && top.length >= 2 ? layersOf(top[top.length - 1]) : undefined;
  if (!headLayers || headLayers.length < 1 || headLayers.length > MODEL_LIMITS.denseLayers) {
    throw new ImportError('unsupported-model', 'model.json is not a picture backbone followed by a classifier head');
  }
  const parsed = headLayers.map(parseHeadLayer);
  return { layers: parsed.map((layer) => layer.spec), weightNames: parsed.map((layer) => layer.names) };
}

/** Manifest entry name -> its float32 values, after checking the weight files hold exactly the manifest. */
function weightsByName(
  modelJson: Json,
  files: readonly ImportFile[],
): { byName: Map<string, Float32Array>; order: string[]; data: Uint8Array; ranges: Map<string, [number, number]> } {
  const manifest = own(modelJson, 'weightsManifest');
  if (
    !Array.isArray(manifest) ||
    !manifest.every((group) => isRecord(group) && Array.isArray(own(group, 'paths')) && Array.isArray(own(group, 'weights')))
  ) {
    throw new ImportError('not-a-model', 'model.json has no weights manifest');
  }
  const groups = manifest as { paths: unknown[]; weights: unknown[] }[];
  const paths = groups.flatMap((group) => group.paths);
  const entries = groups.flatMap((group) => group.weights);
  if (entries.length > IMPORT_LIMITS.manifestEntries) throw new ImportError('too-large', `${entries.length} weights in the manifest`);
  const binaries = files.filter((file) => !baseName(file.name).endsWith('.json'));
  const parts = paths.map((path) => {
    const wanted = typeof path === 'string' ? baseName(path) : '';
    const found =
      binaries.find((file) => baseName(file.name) === wanted) ??
      // A browser download may rename weights.bin (e.g. "weights (1).bin"): one lone weights file is unambiguous.
      (paths.length === 1 && binaries.length === 1 ? binaries[0] : undefined);
    if (!found) throw new ImportError('missing-part', `the weights file ${String(path)} is missing`);
    return found.bytes;
  });
  const data = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (data.set(part, offset), offset + part.length), 0);
  const byName = new Map<string, Float32Array>();
  const ranges = new Map<string, [number, number]>();
  const order: string[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { name, shape, dtype, quantization } = (isRecord(entry) ? entry : {}) as Partial<ManifestEntry>;
    if (typeof name !== 'string' || !Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ImportError('damaged', 'a weights manifest entry has no name or shape');
    }
    if (dtype !== 'float32' || quantization !== undefined)
      throw new ImportError('unsupported-model', `weight ${name} is ${String(dtype)}${quantization ? ' (quantized)' : ''}`);
    if (byName.has(name)) throw new ImportError('damaged', `weight ${name} is listed twice`);
    const bytes = shape.reduce((product: number, d: number) => product * d, 1) * 4;
    if (offset + bytes > data.length)
      throw new ImportError('damaged', `the weights file is shorter than the manifest (${data.length} bytes)`);
    byName.set(name, new Float32Array(data.slice(offset, offset + bytes).buffer));
    ranges.set(name, [offset, offset + bytes]);
    order.push(name);
    offset += bytes;
  }
  if (offset !== data.length) throw new ImportError('damaged', `the weights file holds ${data.length} bytes; the manifest needs ${offset}`);
  return { byName, order, data, ranges };
}

function readLabels(metadata: unknown): string[] {
  const labels = isRecord(metadata) ? own(metadata, 'labels') : undefined;
  if (!Array.isArray(labels) || !labels.every((label) => typeof label === 'string'))
    throw new ImportError('damaged', 'metadata.json has no list of labels');
  return labels as string[];
}

async function importTeachableMachine(modelFile: ImportFile, files: readonly ImportFile[]): Promise<SerializedModel> {
  const modelJson = parseJson(modelFile, 'not-a-model');
  if (!isRecord(modelJson) || !isRecord(own(modelJson, 'modelTopology')))
    throw new ImportError('not-a-model', `${modelFile.name} is not a tfjs layers model`);
  const metadataFile = files.find((file) => baseName(file.name) === FILE_NAMES.metadata);
  if (!metadataFile) throw new ImportError('missing-part', 'metadata.json (the class names) is missing');
  const metadata = parseJson(metadataFile, 'damaged');
  const labels = readLabels(metadata);
  const head = parseHead(modelJson);
  const { byName, order, data, ranges } = weightsByName(modelJson, files);

  // Everything outside the head must be our backbone, byte for byte, in the order tfjs saves it.
  const headNames = new Set(head.weightNames.flat().filter((name): name is string => name !== null));
  const backboneParts = order.filter((name) => !headNames.has(name)).map((name) => data.subarray(...ranges.get(name)!));
  const backbone = new Uint8Array(backboneParts.reduce((sum, part) => sum + part.length, 0));
  backboneParts.reduce((offset, part) => (backbone.set(part, offset), offset + part.length), 0);
  if ((await sha256Hex(backbone.buffer)) !== BASE_MODEL.weightsSha256) {
    throw new ImportError('other-base-model', 'the weights before the head are not MobileNetV2-0.35 as Teachable Machine uses it');
  }

  const answer = head.layers[head.layers.length - 1];
  if (answer.type !== 'dense' || answer.activation !== 'softmax')
    throw new ImportError('unsupported-model', 'the head does not end in a softmax layer');
  if (answer.units !== labels.length)
    throw new ImportError('damaged', `the model answers ${answer.units} classes but metadata.json names ${labels.length}`);
  const specs = layerWeightSpecs(head.layers);
  const values = specs.flatMap((layerSpecs, layerIndex) =>
    layerSpecs.map((spec, i) => {
      const name = head.weightNames[layerIndex][i];
      const size = spec.shape.reduce((product, d) => product * d, 1);
      if (name === null) return new Float32Array(size);
      const found = byName.get(name);
      if (!found) throw new ImportError('damaged', `weight ${name} is not in the weights file`);
      if (found.length !== size) throw new ImportError('damaged', `weight ${name} has ${found.length} numbers; the head needs ${size}`);
      return found;
    }),
  );
  const classes: ClassInfo[] = labels.map((label, i) => ({ id: `class-${i + 1}`, name: label.slice(0, MODEL_LIMITS.textLength) }));
  // TM's own placeholder counts as no name.
  const modelName =
    isRecord(metadata) && typeof own(metadata, 'modelName') === 'string' && own(metadata, 'modelName') !== 'untitled'
      ? (own(metadata, 'modelName') as string).slice(0, MODEL_LIMITS.textLength)
      : '';
  const timeStamp = isRecord(metadata) ? own(metadata, 'timeStamp') : undefined;
  const trainedAt = typeof timeStamp === 'string' && !Number.isNaN(Date.parse(timeStamp)) ? new Date(timeStamp) : new Date();
  try {
    const written = writeModel({
      name: modelName,
      classes,
      history: [],
      head: { kind: 'dense', layers: head.layers },
      trainedAt,
      settings: {
        validationRate: DEFAULT_TRAINING_SETTINGS.validationRate,
        head: { ...HEAD_KIND_SPECS.dense.defaults, hiddenLayers: head.layers.slice(0, -1) },
      },
      weights: { specs: specs.flat(), values },
    });
    const { metadata: checked, weights } = readModel(written);
    return { metadata: checked, weights };
  } catch (error) {
    throw new ImportError('damaged', isEngineError(error) ? error.detail : String(error));
  }
}

// ------------------------------------------------------------------------------------------------------- entry

/** Why our own image-model.bin was refused, in the import's words. */
function exactFileProblem(error: unknown): ImportProblem {
  if (isModelFormatError(error) && error.problem === 'too-large') return 'too-large';
  const code = isEngineError(error) ? error.code : 'model/invalid';
  if (code === 'model/wrong-base-model') return 'other-base-model';
  if (code === 'model/unsupported-version') return 'unsupported-model';
  return 'damaged';
}

/** Blank and repeated names (TM allows both; a hand-edited file anything) made usable, as the trainer makes them. */
function withNamesRepaired(model: SerializedModel, names: ImportNames): ImportedModel {
  const { metadata } = model;
  const [name] = repairNames([metadata.name], () => names.model);
  const classNames = repairNames(
    metadata.classes.map((info) => info.name),
    names.className,
  );
  const renamed = [
    ...nameChanges('model', [metadata.name], [name]),
    ...nameChanges(
      'class',
      metadata.classes.map((info) => info.name),
      classNames,
    ),
  ];
  const classes = metadata.classes.map((info, i) => ({ ...info, name: classNames[i] }));
  return { model: { ...model, metadata: { ...metadata, name, classes } }, renamed };
}

/**
 * Picked files (one zip, or model.json + weights.bin + metadata.json, or our image-model.bin) -> a checked model.
 * `names` fills in names the files leave blank. Rejects with ImportError only.
 */
export async function importModelFiles(files: readonly ImportFile[], names: ImportNames): Promise<ImportedModel> {
  return withNamesRepaired(await readModelFiles(files), names);
}

async function readModelFiles(files: readonly ImportFile[]): Promise<SerializedModel> {
  const all = await expand(files);
  const exact = all.find((file) => startsWith(file.bytes, 'IMGMODEL'));
  if (exact) {
    try {
      const { metadata, weights } = decodeModel(exact.bytes);
      return { metadata, weights };
    } catch (error) {
      throw new ImportError(exactFileProblem(error), error instanceof Error ? error.message : String(error));
    }
  }
  const jsonFiles = all.filter((file) => baseName(file.name).endsWith('.json'));
  const modelFile =
    jsonFiles.find((file) => baseName(file.name) === FILE_NAMES.model) ??
    jsonFiles.find((file) => baseName(file.name) !== FILE_NAMES.metadata);
  if (!modelFile) {
    const onlyMetadata = jsonFiles.length > 0 || all.some((file) => baseName(file.name).endsWith('.bin'));
    throw new ImportError(
      onlyMetadata ? 'missing-part' : 'not-a-model',
      onlyMetadata ? 'model.json is missing' : 'no model.json or image model file among the files',
    );
  }
  return importTeachableMachine(modelFile, all);
}
