// The child's work in a key-value store, one record per thing so every change is a small write:
//   ['workspace']                       -> WorkspaceIndex
//   ['model', modelId]                  -> ModelDraft (holds the pointer to its trained version)
//   ['picture', modelId, pictureId]     -> StoredPicture
//   ['trained', modelId, version]       -> TrainedVersion
// A trained model is written under a new version key first and only then does the draft point at it, so a tab
// closed mid-save leaves the previous model in use; versions nobody points at are removed.
import { EMBEDDING_SIZE } from '../engine/types';
import type { KeyValueBackend, StoreKey } from './backend';
import type { LoadedModel, ModelDraft, StoredPicture, TrainedVersion, WorkspaceIndex } from './types';

export const DATABASE_NAME = 'image-model-blocks';

const workspaceKey: StoreKey = ['workspace'];
const modelKey = (modelId: string): StoreKey => ['model', modelId];
const picturesOf = (modelId: string): StoreKey => ['picture', modelId];
const pictureKey = (modelId: string, pictureId: string): StoreKey => ['picture', modelId, pictureId];
const versionsOf = (modelId: string): StoreKey => ['trained', modelId];
const versionKey = (modelId: string, version: string): StoreKey => ['trained', modelId, version];

export interface ModelStore {
  /** The active model with its pictures and trained version; undefined in a fresh browser. Cleans leftovers. */
  loadActiveModel(): Promise<LoadedModel | undefined>;
  /** Records a new model and makes it the active one. */
  createModel(draft: ModelDraft): Promise<void>;
  saveDraft(draft: ModelDraft): Promise<void>;
  putPicture(picture: StoredPicture): Promise<void>;
  deletePictures(modelId: string, pictureIds: readonly string[]): Promise<void>;
  /** Writes `trained`, then `draft` (which must point at it), then drops the versions no longer pointed at. */
  saveTrained(draft: ModelDraft, trained: TrainedVersion): Promise<void>;
}

function isUsablePicture(value: StoredPicture | undefined): value is StoredPicture {
  return typeof value?.id === 'string' && typeof value.classId === 'string' && value.jpeg instanceof Blob
    && value.embedding instanceof Float32Array && value.embedding.length === EMBEDDING_SIZE;
}

export function createModelStore(backend: KeyValueBackend): ModelStore {
  // Writes run one after another in call order, so a later draft always lands after an earlier one.
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  };

  const dropStaleVersions = async (modelId: string, keep: string | null) => {
    const stale = (await backend.keysUnder(versionsOf(modelId))).filter((key) => key[2] !== keep);
    if (stale.length > 0) await backend.delMany(stale);
  };

  return {
    loadActiveModel: () => inOrder(async () => {
      const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
      if (!workspace) return undefined;
      const draft = await backend.get<ModelDraft>(modelKey(workspace.activeModelId));
      if (!draft) return undefined;
      const classIds = new Set(draft.classes.map((info) => info.id));
      const kept: StoredPicture[] = [];
      const leftovers: StoreKey[] = [];
      for (const [key, picture] of await backend.entriesUnder<StoredPicture | undefined>(picturesOf(draft.id))) {
        // Pictures of a class deleted for good (its undo expired, or the tab closed first) go now.
        if (isUsablePicture(picture) && classIds.has(picture.classId)) kept.push(picture);
        else leftovers.push(key);
      }
      if (leftovers.length > 0) await backend.delMany(leftovers);
      kept.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      const trained = draft.trainedVersion
        ? (await backend.get<TrainedVersion>(versionKey(draft.id, draft.trainedVersion))) ?? null
        : null;
      await dropStaleVersions(draft.id, trained ? draft.trainedVersion : null);
      return { draft: trained ? draft : { ...draft, trainedVersion: null }, pictures: kept, trained };
    }),
    createModel: (draft) => inOrder(async () => {
      const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
      const modelIds = [...(workspace?.modelIds ?? []).filter((id) => id !== draft.id), draft.id];
      const index: WorkspaceIndex = { schema: 1, modelIds, activeModelId: draft.id };
      await backend.setMany([[modelKey(draft.id), draft], [workspaceKey, index]]);
    }),
    saveDraft: (draft) => inOrder(() => backend.setMany([[modelKey(draft.id), draft]])),
    putPicture: (picture) => inOrder(() => backend.setMany([[pictureKey(picture.modelId, picture.id), picture]])),
    deletePictures: (modelId, pictureIds) =>
      inOrder(() => backend.delMany(pictureIds.map((pictureId) => pictureKey(modelId, pictureId)))),
    saveTrained: (draft, trained) => inOrder(async () => {
      if (draft.trainedVersion !== trained.version) throw new Error('the draft must point at the version being saved');
      await backend.setMany([[versionKey(draft.id, trained.version), trained]]);
      await backend.setMany([[modelKey(draft.id), draft]]);
      await dropStaleVersions(draft.id, trained.version);
    }),
  };
}
