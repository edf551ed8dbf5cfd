// Reading the models out of an opened project. Nothing from the file is trusted until checked: every model is
// checked on its own, so one broken model is reported (with its reason) while the others still load, and
// nothing here throws, whatever the file holds. Names get the trainer's rules (engine/names.ts): a blank or
// repeated name is repaired, never refused, because the model itself is fine.
import {
  type ClassInfo,
  cleanName,
  type FeatureSource,
  isEngineError,
  isFeatureSource,
  isModelFormatError,
  isRecord,
  isSafeId,
  MAX_SAVED_STACK_LAYERS,
  MODEL_FORMAT_VERSION,
  MODEL_LIMITS,
  type NameChange,
  nameChanges,
  parseSettings,
  readClassList,
  readModel,
  readModelCardFacts,
  repairNames,
  type SerializedModel,
  type TrainingSettings,
  featureSourceOf,
} from '../engine';
import { t } from '../locales';
import { bytesMatchType, isPictureMimeType, type PictureMimeType } from '../pictures/picture-codec';
import { PROJECT_LIMITS, PROJECT_STORAGE_VERSION, STORAGE_KEY } from './storage-json';
import type { LoadedProjectModel, ProjectModelProblem, ProjectModelsLoad, ProjectPicture, ProjectTrainedOn, ZipSource } from './types';
import { pictureEntryName, readEntry, weightsEntryName } from './zip-entries';
import { withInlineEntries } from './inline-entries';

type Json = Record<string, unknown>;
// Own properties only: a key such as "__proto__" in the file must not reach Object.prototype's members.
const own = (object: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);

class Broken extends Error {
  constructor(
    readonly problem: ProjectModelProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/** The model format's complete check, with its error turned into one of our reasons (by code, never by wording). */
function problemOf(error: unknown): Broken {
  if (isModelFormatError(error)) return new Broken(error.problem, error.detail);
  if (!isEngineError(error)) return new Broken('invalid', error instanceof Error ? error.message : String(error));
  if (error.code === 'model/wrong-base-model') return new Broken('unknown-base-model', error.detail);
  if (error.code === 'model/unsupported-version') return new Broken('newer-version', error.detail);
  return new Broken('invalid', error.detail);
}

/** The draft's classes, by the model format's own rules except that a draft may have fewer than 2 and ids must be safe. */
function readClasses(value: unknown): ClassInfo[] {
  const read = readClassList(value, { minClasses: 0, safeIds: true });
  if ('problem' in read) throw new Broken(read.problem === 'unsafe-id' ? 'unsafe-name' : read.problem, read.detail);
  return read.classes;
}

/**
 * The draft's settings (the trainer's, which may differ from the trained model's; migrated from an earlier
 * version's), with only their known fields.
 */
function readDraftSettings(value: unknown): TrainingSettings {
  const parsed = parseSettings(value);
  if ('problem' in parsed) throw new Broken('invalid', `settings: ${parsed.problem}`);
  const { head } = parsed.settings;
  if (head.kind === 'dense' && head.hiddenLayers && head.hiddenLayers.length > MAX_SAVED_STACK_LAYERS) {
    throw new Broken('too-large', `settings.hiddenLayers lists ${head.hiddenLayers.length} layers`);
  }
  return parsed.settings;
}

/** What the draft looks at; a trained model that looks at something else is not this model's (its numbers would not fit). */
function readFeatureSource(value: unknown, trained: SerializedModel | null): FeatureSource {
  const source = value ?? 'pictures';
  if (!isFeatureSource(source)) throw new Broken('invalid', `featureSource ${JSON.stringify(source)?.slice(0, 40)} is not known`);
  const trainedOn = trained && featureSourceOf(trained.metadata);
  if (trained && trainedOn !== source) throw new Broken('unknown-base-model', `a ${source} model holds a model trained on ${trainedOn}`);
  return source;
}

function readIdList(value: unknown, max: number): string[] | undefined {
  return Array.isArray(value) && value.length <= max && value.every(isSafeId) ? [...value] : undefined;
}

/** Optional bookkeeping: when unreadable the trainer just treats the model as out of date. */
function readTrainedOn(value: unknown): ProjectTrainedOn | undefined {
  if (!isRecord(value)) return undefined;
  const classIds = readIdList(own(value, 'classIds'), MODEL_LIMITS.classes);
  const pictureIds = readIdList(own(value, 'pictureIds'), MODEL_LIMITS.knnExamples);
  return classIds && pictureIds ? { classIds, pictureIds } : undefined;
}

/** Switched-off classes: ids of the model's classes only; anything else reads as all on (nothing is lost). */
function readClassesOff(value: unknown, classes: readonly ClassInfo[]): string[] | undefined {
  const ids = readIdList(value, MODEL_LIMITS.classes);
  const known = new Set(classes.map((info) => info.id));
  const off = ids?.filter((id) => known.has(id));
  return off && off.length > 0 ? off : undefined;
}

interface Budget {
  remaining: number;
}

async function readTrained(value: unknown, modelId: string, zip: ZipSource | null, budget: Budget): Promise<SerializedModel | null> {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new Broken('invalid', 'trained is not an object');
  const metadata = own(value, 'metadata');
  if (!isRecord(metadata)) throw new Broken('invalid', 'trained.metadata is missing');
  // First, because a newer format may lay out everything else differently.
  const version = own(metadata, 'formatVersion');
  if (typeof version === 'number' && version > MODEL_FORMAT_VERSION) throw new Broken('newer-version', `model format version ${version}`);
  const bytes = own(value, 'weightsBytes');
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0)
    throw new Broken('invalid', `weightsBytes ${String(bytes)} is not a size`);
  const limit = Math.min(MODEL_LIMITS.weightBytes, budget.remaining);
  if (bytes > limit) throw new Broken('too-large', `weights declare ${bytes} bytes; the limit here is ${limit}`);
  if (!zip) throw new Broken('weights-missing', 'the project is plain JSON, without its zip entries');
  const read = await readEntry(zip, weightsEntryName(modelId), bytes);
  if (!read.ok) {
    const problem: ProjectModelProblem =
      read.failure === 'missing' ? 'weights-missing' : read.failure === 'too-large' ? 'too-large' : 'invalid';
    throw new Broken(problem, read.detail);
  }
  if (read.bytes.length !== bytes)
    throw new Broken('weights-truncated', `weights entry holds ${read.bytes.length} bytes; ${bytes} were written`);
  budget.remaining -= bytes;
  // A buffer of its own: the model format reads float32 views of the whole buffer.
  const whole = read.bytes.byteOffset === 0 && read.bytes.byteLength === read.bytes.buffer.byteLength;
  const weights = (whole ? read.bytes : read.bytes.slice()).buffer as ArrayBuffer;
  try {
    const { metadata: checked, weights: checkedWeights } = readModel({ metadata, weights });
    return { metadata: checked, weights: checkedWeights };
  } catch (error) {
    throw problemOf(error);
  }
}

/** A listed picture's type: none in projects of versions before the picture codec, whose pictures are all JPEGs. */
const listedMimeType = (value: unknown): PictureMimeType | undefined =>
  value === undefined ? 'image/jpeg' : isPictureMimeType(value) ? value : undefined;

async function readPictures(
  value: unknown,
  modelId: string,
  classes: readonly ClassInfo[],
  zip: ZipSource | null,
  budget: Budget,
): Promise<{ pictures: ProjectPicture[]; dropped: number }> {
  if (!Array.isArray(value)) return { pictures: [], dropped: 0 };
  const classIds = new Set(classes.map((info) => info.id));
  const seen = new Set<string>();
  const pictures: ProjectPicture[] = [];
  for (const [i, listed] of value.entries()) {
    if (i >= PROJECT_LIMITS.picturesPerModel || !zip || !isRecord(listed)) continue;
    const id = own(listed, 'id');
    const classId = own(listed, 'classId');
    const mimeType = listedMimeType(own(listed, 'mimeType'));
    if (!isSafeId(id) || seen.has(id) || typeof classId !== 'string' || !classIds.has(classId) || !mimeType) continue;
    const read = await readEntry(zip, pictureEntryName(modelId, id, mimeType), Math.min(PROJECT_LIMITS.pictureBytes, budget.remaining));
    if (!read.ok || !bytesMatchType(read.bytes, mimeType)) continue;
    budget.remaining -= read.bytes.length;
    seen.add(id);
    pictures.push({ id, classId, encoded: read.bytes, mimeType });
  }
  return { pictures, dropped: value.length - pictures.length };
}

const defaultClassName = (position: number) => t('trainer.defaultClassName', { number: position });

/**
 * The classes with usable names, by position ("Class 2" for a blank second class); the trained model's classes
 * take the same names, and one the draft no longer has is kept apart from them. Ids stay: the weights use them.
 */
function repairClassNames(read: readonly ClassInfo[], trained: SerializedModel | null) {
  const names = repairNames(
    read.map((info) => info.name),
    defaultClassName,
  );
  const classes = read.map((info, i) => ({ ...info, name: names[i] }));
  const renamed = nameChanges(
    'class',
    read.map((info) => info.name),
    names,
  );
  if (!trained) return { classes, trained, renamed };
  const byId = new Map(classes.map((info) => [info.id, info.name]));
  const taken = [...names];
  const trainedClasses = trained.metadata.classes.map((info, i) => {
    const known = byId.get(info.id);
    if (known !== undefined) return { ...info, name: known };
    const [name] = repairNames([info.name], () => defaultClassName(i + 1), taken);
    taken.push(name);
    renamed.push(...nameChanges('class', [info.name], [name]));
    return { ...info, name };
  });
  return { classes, trained: { ...trained, metadata: { ...trained.metadata, classes: trainedClasses } }, renamed };
}

async function readOneModel(
  value: unknown,
  index: number,
  includePictures: boolean,
  zip: ZipSource | null,
  seenIds: Set<string>,
  budget: Budget,
): Promise<LoadedProjectModel> {
  const model = isRecord(value) ? value : {};
  const rawId = own(model, 'id');
  const rawName = own(model, 'name');
  const id = isSafeId(rawId) ? rawId : '';
  const name = typeof rawName === 'string' ? cleanName(rawName.slice(0, MODEL_LIMITS.textLength)) : '';
  try {
    if (!isRecord(value)) throw new Broken('invalid', `models[${index}] is not an object`);
    if (typeof rawId !== 'string') throw new Broken('invalid', `models[${index}] has no id`);
    if (!isSafeId(rawId)) throw new Broken('unsafe-name', `models[${index}].id ${JSON.stringify(rawId)?.slice(0, 80)} is not a safe id`);
    if (seenIds.has(rawId)) throw new Broken('duplicate', `model id ${rawId} is used twice`);
    seenIds.add(rawId);
    if (typeof rawName !== 'string' || rawName.length > MODEL_LIMITS.textLength) throw new Broken('invalid', 'name is not a short text');
    const readClassList = readClasses(own(model, 'classes'));
    const settings = readDraftSettings(own(model, 'settings'));
    const { classes, trained, renamed } = repairClassNames(readClassList, await readTrained(own(model, 'trained'), rawId, zip, budget));
    const featureSource = readFeatureSource(own(model, 'featureSource'), trained);
    const trainedOn = readTrainedOn(own(model, 'trainedOn'));
    const classesOff = readClassesOff(own(model, 'classesOff'), classes);
    const rawCard = own(model, 'card');
    const card = trained && rawCard !== undefined ? readModelCardFacts(rawCard, trained.metadata) : undefined;
    const { pictures, dropped } = includePictures
      ? await readPictures(own(model, 'pictures'), rawId, classes, zip, budget)
      : { pictures: [], dropped: 0 };
    return {
      status: 'ok',
      model: {
        id: rawId,
        name: rawName,
        ...(featureSource !== 'pictures' && { featureSource }),
        classes,
        settings,
        trained,
        ...(trainedOn && { trainedOn }),
        ...(classesOff && { classesOff }),
        ...(card && card !== 'unreadable' && { card }),
        pictures,
      },
      droppedPictures: dropped,
      renamed,
      ...(card === 'unreadable' && { cardUnreadable: true as const }),
    };
  } catch (error) {
    const broken = error instanceof Broken ? error : new Broken('invalid', String(error));
    return { status: 'broken', id, name, problem: broken.problem, detail: broken.message };
  }
}

const NOTHING: ProjectModelsLoad = { present: false, models: [], activeModelId: null, includePictures: false };

/**
 * Our models from an opened project: `projectJson` as scratch-vm parsed it, `zip` the .sb3's entries (null
 * for a project loaded from plain JSON). Resolves for any input.
 */
export async function readModelsFromProject(projectJson: unknown, zip: ZipSource | null): Promise<ProjectModelsLoad> {
  const storages = isRecord(projectJson) ? own(projectJson, 'extensionStorage') : undefined;
  const storage = isRecord(storages) ? own(storages, STORAGE_KEY) : undefined;
  if (storage === undefined) return NOTHING;
  const whole = (code: ProjectModelProblem, detail: string): ProjectModelsLoad => ({
    ...NOTHING,
    present: true,
    problem: { code, detail },
  });
  if (!isRecord(storage)) return whole('invalid', `extensionStorage.${STORAGE_KEY} is not an object`);
  const format = own(storage, 'format');
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1)
    return whole('invalid', `format ${String(format)} is not a version`);
  if (format > PROJECT_STORAGE_VERSION)
    return whole('newer-version', `project storage format ${format}; this version reads up to ${PROJECT_STORAGE_VERSION}`);
  const list = own(storage, 'models');
  if (!Array.isArray(list)) return whole('invalid', 'models is not a list');
  if (list.length > PROJECT_LIMITS.models) return whole('too-large', `${list.length} models; the limit is ${PROJECT_LIMITS.models}`);
  const includePictures = own(storage, 'includePictures') === true;
  // A project saved in TurboWarp holds its entries inside project.json.
  const entries = withInlineEntries(storage, zip);
  const seenIds = new Set<string>();
  const budget: Budget = { remaining: PROJECT_LIMITS.totalBytes };
  const models: LoadedProjectModel[] = [];
  // One after another, so a project with many models never holds all their entries inflated at once.
  for (const [index, value] of list.entries()) models.push(await readOneModel(value, index, includePictures, entries, seenIds, budget));
  const usable = models.flatMap((loaded) => (loaded.status === 'ok' ? [loaded.model.id] : []));
  const savedActive = own(storage, 'activeModelId');
  const activeModelId = typeof savedActive === 'string' && usable.includes(savedActive) ? savedActive : (usable[0] ?? null);
  return { present: true, models: withModelNamesRepaired(models), activeModelId, includePictures };
}

/** Usable models get distinct, non-blank names: the `use model` block chooses by name. */
function withModelNamesRepaired(models: readonly LoadedProjectModel[]): LoadedProjectModel[] {
  const usable = models.flatMap((loaded) => (loaded.status === 'ok' ? [loaded.model.name] : []));
  const names = repairNames(usable, () => t('trainer.defaultModelName'));
  let next = 0;
  return models.map((loaded) => {
    if (loaded.status !== 'ok') return loaded;
    const name = names[next++];
    const renamed: NameChange[] = [
      ...nameChanges('model', [loaded.model.name], [name]),
      ...loaded.renamed.map((change) => ({ ...change, model: name })),
    ];
    return { ...loaded, model: { ...loaded.model, name }, renamed };
  });
}
