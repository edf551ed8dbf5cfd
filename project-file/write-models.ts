// Writing the project's models into a .sb3 being saved: metadata into project.json, bytes as zip entries.
import { isSafeId } from '../engine';
import { pictureEntryName, weightsEntryName } from './zip-entries';
import { PROJECT_STORAGE_VERSION, STORAGE_KEY, type ProjectStorageJson, type StoredModelJson } from './storage-json';
import type { ProjectModel, ProjectModels, ZipSink } from './types';

export interface ProjectEntry {
  readonly name: string;
  readonly data: Uint8Array | Blob;
}

/** What a save adds: our object for `extensionStorage.imageModel` and the zip entries it refers to. */
export interface ProjectModelsPlan {
  readonly storage: ProjectStorageJson;
  readonly entries: readonly ProjectEntry[];
}

function checkId(id: string, what: string): void {
  // The model service makes hex ids; anything else is a programming error, not a child's mistake.
  if (!isSafeId(id)) throw new TypeError(`${what} ${JSON.stringify(id)} cannot name a zip entry`);
}

function planModel(model: ProjectModel, includePictures: boolean, entries: ProjectEntry[]): StoredModelJson {
  checkId(model.id, 'model id');
  let trained: StoredModelJson['trained'] = null;
  if (model.trained) {
    entries.push({ name: weightsEntryName(model.id), data: new Uint8Array(model.trained.weights) });
    trained = { metadata: model.trained.metadata, weightsBytes: model.trained.weights.byteLength };
  }
  const pictures = includePictures ? (model.pictures ?? []) : [];
  for (const picture of pictures) {
    checkId(picture.id, 'picture id');
    entries.push({ name: pictureEntryName(model.id, picture.id, picture.mimeType), data: picture.encoded });
  }
  return {
    id: model.id,
    name: model.name,
    ...(model.featureSource && model.featureSource !== 'pictures' && { featureSource: model.featureSource }),
    classes: model.classes.map(({ id, name }) => ({ id, name })),
    settings: { ...model.settings },
    trained,
    ...(model.trainedOn && { trainedOn: { classIds: [...model.trainedOn.classIds], pictureIds: [...model.trainedOn.pictureIds] } }),
    ...(model.classesOff?.length && { classesOff: [...model.classesOff] }),
    ...(model.trained && model.card && { card: model.card }),
    pictures: pictures.map(({ id, classId, mimeType }) => ({ id, classId, mimeType })),
  };
}

export function planProjectModels(content: ProjectModels): ProjectModelsPlan {
  const entries: ProjectEntry[] = [];
  const models = content.models.map((model) => planModel(model, content.includePictures, entries));
  return {
    storage: { format: PROJECT_STORAGE_VERSION, activeModelId: content.activeModelId, includePictures: content.includePictures, models },
    entries,
  };
}

/** Puts our storage into a project.json object, keeping other extensions' storage. */
export function addStorageToProjectJson(projectJson: Record<string, unknown>, storage: ProjectStorageJson): void {
  const existing = projectJson.extensionStorage;
  const others = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {};
  projectJson.extensionStorage = { ...others, [STORAGE_KEY]: storage };
}

/** Both halves at once: for callers that hold project.json and the zip together (tests, tools). */
export function writeModelsIntoProject(projectJson: Record<string, unknown>, zip: ZipSink, content: ProjectModels): void {
  const plan = planProjectModels(content);
  addStorageToProjectJson(projectJson, plan.storage);
  for (const entry of plan.entries) zip.file(entry.name, entry.data);
}
