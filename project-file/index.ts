// What our extension puts into and reads from a .sb3 (see README.md). Pure functions on project.json and the zip.
export { readModelsFromProject } from './read-models';
export { makeGameProject, type EditableZip } from './game-project';
export {
  addStorageToProjectJson,
  planProjectModels,
  writeModelsIntoProject,
  type ProjectEntry,
  type ProjectModelsPlan,
} from './write-models';
export { INLINE_ENTRIES_FIELD, inlineEntries } from './inline-entries';
export { PROJECT_MODEL_PROBLEMS, problemMessageKey } from './problems';
export { PROJECT_LIMITS, PROJECT_STORAGE_VERSION, STORAGE_KEY } from './storage-json';
export { isSafeId } from '../engine';
export type {
  LoadedProjectModel,
  NameChange,
  ProjectModel,
  ProjectModelProblem,
  ProjectModels,
  ProjectModelsLoad,
  ProjectPicture,
  ProjectTrainedOn,
  ZipSink,
  ZipSource,
} from './types';
