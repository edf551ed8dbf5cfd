export type { KeyValueBackend, StoreKey } from './backend';
export { StoreError, isStoreError, toStoreError, type StoreErrorCode } from './errors';
export { createIndexedDbBackend } from './indexeddb-backend';
export { createMemoryBackend } from './memory-backend';
export { createModelStore, DATABASE_NAME, SET_ASIDE_LIMIT, type ModelStore } from './model-store';
export type {
  LoadedModel,
  LoadedWorkspace,
  ModelDraft,
  PictureSet,
  StoredPicture,
  TrainedOn,
  TrainedVersion,
  WorkspaceIndex,
} from './types';

import { createIndexedDbBackend } from './indexeddb-backend';
import { createModelStore, DATABASE_NAME, type ModelStore } from './model-store';

/** The browser's store for the child's work (IndexedDB). */
export function createBrowserModelStore(databaseName: string = DATABASE_NAME): ModelStore {
  return createModelStore(createIndexedDbBackend(databaseName));
}
