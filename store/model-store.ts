// The child's work in a key-value store, one record per thing so every change is a small write:
//   ['workspace']                       -> WorkspaceIndex (the current project's models, the active one)
//   ['model', modelId]                  -> ModelDraft (holds the pointer to its trained version)
//   ['picture', modelId, pictureId]     -> StoredPicture
//   ['trained', modelId, version]       -> TrainedVersion
//   ['inbox' | 'test', modelId, pictureId] -> StoredPicture kept apart from training (see PictureSet)
// A trained model is written under a new version key first and only then does the draft point at it, so a tab
// closed mid-save leaves the previous model in use; versions nobody points at are removed. Opening a project
// writes its models first and then switches the workspace index in one write, for the same reason. Picture
// records an older version wrote are read in today's shape and rewritten in it (picture-records.ts).
import type { KeyValueBackend, StoreKey } from './backend';
import { readPictureRecord } from './picture-records';
import { readTrainedRecord } from './trained-records';
import type { LoadedModel, LoadedWorkspace, ModelDraft, PictureSet, StoredPicture, TrainedVersion, WorkspaceIndex } from './types';

export const DATABASE_NAME = 'image-model-blocks';
/** How many models of earlier projects are kept (set aside, not listed) before the oldest are deleted. */
export const SET_ASIDE_LIMIT = 20;

const workspaceKey: StoreKey = ['workspace'];
const modelKey = (modelId: string): StoreKey => ['model', modelId];
const picturesOf = (modelId: string): StoreKey => ['picture', modelId];
const pictureKey = (modelId: string, pictureId: string): StoreKey => ['picture', modelId, pictureId];
const versionsOf = (modelId: string): StoreKey => ['trained', modelId];
const versionKey = (modelId: string, version: string): StoreKey => ['trained', modelId, version];
const PICTURE_SETS: readonly PictureSet[] = ['inbox', 'test'];
const setOf = (set: PictureSet, modelId: string): StoreKey => [set, modelId];
const setPictureKey = (set: PictureSet, modelId: string, pictureId: string): StoreKey => [set, modelId, pictureId];

export interface ModelStore {
  /** The active model with its pictures and trained version; undefined in a fresh browser. Cleans leftovers. */
  loadActiveModel(): Promise<LoadedModel | undefined>;
  /**
   * Every model of the project with its pictures and trained version; undefined in a fresh browser. Cleans
   * leftovers unless `tidy` is false (another tab reading again must not remove what a tab is half-way writing).
   */
  loadWorkspace(options?: { readonly tidy?: boolean }): Promise<LoadedWorkspace | undefined>;
  /** Records a new model and makes it the active one. */
  createModel(draft: ModelDraft): Promise<void>;
  /** Records a whole model (a duplicate, an import) and makes it the active one. */
  putModel(model: LoadedModel): Promise<void>;
  /** Deletes a model and everything of it; `activeModelId` is the model in use afterwards. */
  deleteModel(modelId: string, activeModelId: string): Promise<void>;
  updateWorkspace(changes: { readonly activeModelId?: string; readonly includePictures?: boolean }): Promise<void>;
  /**
   * Makes `models` the project's models (a project was opened): they are written first, then the index switches
   * to them in one write; the previous models are set aside, not deleted.
   */
  replaceWorkspace(workspace: Omit<LoadedWorkspace, 'setAsideCount'>, discard?: readonly string[]): Promise<void>;
  /** Adds the set-aside models back to the project's models (after them) and returns them. */
  restoreSetAside(): Promise<LoadedModel[]>;
  saveDraft(draft: ModelDraft): Promise<void>;
  putPicture(picture: StoredPicture): Promise<void>;
  deletePictures(modelId: string, pictureIds: readonly string[]): Promise<void>;
  putSetPicture(set: PictureSet, picture: StoredPicture): Promise<void>;
  deleteSetPictures(set: PictureSet, modelId: string, pictureIds: readonly string[]): Promise<void>;
  /** Moves an inbox picture into its class: written as a picture first, so a tab closed between keeps it. */
  labelInboxPicture(picture: StoredPicture): Promise<void>;
  /** Writes `trained`, then `draft` (which must point at it), then drops the versions no longer pointed at. */
  saveTrained(draft: ModelDraft, trained: TrainedVersion): Promise<void>;
}

const byCreation = (a: StoredPicture, b: StoredPicture) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

export function createModelStore(backend: KeyValueBackend): ModelStore {
  // Writes run one after another in call order, so a later draft always lands after an earlier one.
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  };

  /** One model with its pictures and trained version; cleans leftovers when `tidy`. Undefined when its record is missing. */
  const loadModel = async (modelId: string, tidy = true): Promise<LoadedModel | undefined> => {
    const draft = await backend.get<ModelDraft>(modelKey(modelId));
    if (!draft) return undefined;
    const classIds = new Set(draft.classes.map((info) => info.id));
    const inClass = (picture: StoredPicture) => classIds.has(picture.classId);
    // Pictures (and test pictures) of a class deleted for good (its undo expired, or the tab closed first) go now.
    const kept = await loadPictures(picturesOf(draft.id), inClass, tidy);
    const inbox = await loadPictures(setOf('inbox', draft.id), () => true, tidy);
    const testPictures = await loadPictures(setOf('test', draft.id), inClass, tidy);
    const record = draft.trainedVersion ? await backend.get<TrainedVersion>(versionKey(draft.id, draft.trainedVersion)) : undefined;
    const trained = record ? readTrainedRecord(record) : null;
    if (tidy) await dropStaleVersions(draft.id, trained ? draft.trainedVersion : null);
    return { draft: trained ? draft : { ...draft, trainedVersion: null }, pictures: kept, trained, inbox, testPictures };
  };
  /**
   * The usable pictures under `prefix` that `keep` accepts, by creation; when `tidy`, the others are deleted and
   * records in the shape of an older version are rewritten in today's.
   */
  const loadPictures = async (prefix: StoreKey, keep: (picture: StoredPicture) => boolean, tidy: boolean): Promise<StoredPicture[]> => {
    const kept: StoredPicture[] = [];
    const leftovers: StoreKey[] = [];
    const upgrades: [StoreKey, StoredPicture][] = [];
    for (const [key, value] of await backend.entriesUnder<unknown>(prefix)) {
      const read = readPictureRecord(value);
      if (!read || !keep(read.picture)) {
        leftovers.push(key);
        continue;
      }
      kept.push(read.picture);
      if (read.upgraded) upgrades.push([key, read.picture]);
    }
    if (tidy && leftovers.length > 0) await backend.delMany(leftovers);
    // Each record is replaced whole in one transaction, so a full disk leaves the old record, read again next time.
    if (tidy && upgrades.length > 0) {
      await backend
        .setMany(upgrades)
        .catch((error: unknown) => console.warn('[image-model] old pictures stay in their old shape for now', error));
    }
    return kept.sort(byCreation);
  };
  /** The records of a whole model; the trained version comes before the draft that points at it. */
  const modelRecords = ({ draft, pictures, trained, inbox = [], testPictures = [] }: LoadedModel): [StoreKey, unknown][] => [
    ...pictures.map((picture): [StoreKey, unknown] => [pictureKey(draft.id, picture.id), picture]),
    ...inbox.map((picture): [StoreKey, unknown] => [setPictureKey('inbox', draft.id, picture.id), picture]),
    ...testPictures.map((picture): [StoreKey, unknown] => [setPictureKey('test', draft.id, picture.id), picture]),
    ...(trained ? [[versionKey(draft.id, trained.version), trained] as [StoreKey, unknown]] : []),
    [modelKey(draft.id), trained ? draft : { ...draft, trainedVersion: null }],
  ];
  const putModel = async (model: LoadedModel) => {
    const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
    const modelId = model.draft.id;
    const modelIds = [...(workspace?.modelIds ?? []).filter((id) => id !== modelId), modelId];
    const index: WorkspaceIndex = { ...workspace, schema: 1, modelIds, activeModelId: modelId };
    // One transaction: the model and the index that lists it appear together.
    await backend.setMany([...modelRecords(model), [workspaceKey, index]]);
  };
  const deleteRecords = async (modelIds: readonly string[]) => {
    for (const modelId of modelIds) {
      const keys = [
        modelKey(modelId),
        ...(await backend.keysUnder(picturesOf(modelId))),
        ...(await backend.keysUnder(versionsOf(modelId))),
      ];
      for (const set of PICTURE_SETS) keys.push(...(await backend.keysUnder(setOf(set, modelId))));
      await backend.delMany(keys);
    }
  };
  const dropStaleVersions = async (modelId: string, keep: string | null) => {
    const stale = (await backend.keysUnder(versionsOf(modelId))).filter((key) => key[2] !== keep);
    if (stale.length > 0) await backend.delMany(stale);
  };

  return {
    loadActiveModel: () =>
      inOrder(async () => {
        const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
        return workspace && loadModel(workspace.activeModelId);
      }),
    loadWorkspace: ({ tidy = true } = {}) =>
      inOrder(async () => {
        const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
        if (!workspace) return undefined;
        const models: LoadedModel[] = [];
        for (const modelId of workspace.modelIds) {
          const model = await loadModel(modelId, tidy);
          if (model) models.push(model);
        }
        if (models.length === 0) return undefined;
        const active = models.find((model) => model.draft.id === workspace.activeModelId) ?? models[0];
        return {
          models,
          activeModelId: active.draft.id,
          includePictures: workspace.includePictures === true,
          setAsideCount: workspace.setAside?.length ?? 0,
        };
      }),
    createModel: (draft) => inOrder(() => putModel({ draft, pictures: [], trained: null })),
    putModel: (model) => inOrder(() => putModel(model)),
    deleteModel: (modelId, activeModelId) =>
      inOrder(async () => {
        const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
        if (workspace) {
          const modelIds = workspace.modelIds.filter((id) => id !== modelId);
          await backend.setMany([[workspaceKey, { ...workspace, modelIds, activeModelId }]]);
        }
        await deleteRecords([modelId]);
      }),
    restoreSetAside: () =>
      inOrder(async () => {
        const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
        if (!workspace?.setAside?.length) return [];
        const restored: LoadedModel[] = [];
        for (const modelId of workspace.setAside) {
          const model = await loadModel(modelId);
          if (model) restored.push(model);
        }
        const modelIds = [...workspace.modelIds, ...restored.map((model) => model.draft.id)];
        await backend.setMany([[workspaceKey, { ...workspace, modelIds, setAside: [] }]]);
        return restored;
      }),
    updateWorkspace: (changes) =>
      inOrder(async () => {
        const workspace = await backend.get<WorkspaceIndex>(workspaceKey);
        if (workspace) await backend.setMany([[workspaceKey, { ...workspace, ...changes }]]);
      }),
    replaceWorkspace: ({ models, activeModelId, includePictures }, discard = []) =>
      inOrder(async () => {
        for (const model of models) await backend.setMany(modelRecords(model));
        const previous = await backend.get<WorkspaceIndex>(workspaceKey);
        const modelIds = models.map((model) => model.draft.id);
        const kept = new Set([...modelIds, ...discard]);
        const setAside = [...(previous?.setAside ?? []), ...(previous?.modelIds ?? [])].filter((id) => !kept.has(id));
        const dropped = [
          ...setAside.slice(0, Math.max(0, setAside.length - SET_ASIDE_LIMIT)),
          ...discard.filter((id) => !modelIds.includes(id)),
        ];
        const index: WorkspaceIndex = {
          schema: 1,
          modelIds,
          activeModelId,
          includePictures,
          setAside: setAside.slice(Math.max(0, setAside.length - SET_ASIDE_LIMIT)),
        };
        await backend.setMany([[workspaceKey, index]]);
        await deleteRecords(dropped);
      }),
    saveDraft: (draft) => inOrder(() => backend.setMany([[modelKey(draft.id), draft]])),
    putPicture: (picture) => inOrder(() => backend.setMany([[pictureKey(picture.modelId, picture.id), picture]])),
    deletePictures: (modelId, pictureIds) => inOrder(() => backend.delMany(pictureIds.map((pictureId) => pictureKey(modelId, pictureId)))),
    putSetPicture: (set, picture) => inOrder(() => backend.setMany([[setPictureKey(set, picture.modelId, picture.id), picture]])),
    deleteSetPictures: (set, modelId, pictureIds) =>
      inOrder(() => backend.delMany(pictureIds.map((pictureId) => setPictureKey(set, modelId, pictureId)))),
    labelInboxPicture: (picture) =>
      inOrder(async () => {
        await backend.setMany([[pictureKey(picture.modelId, picture.id), picture]]);
        await backend.delMany([setPictureKey('inbox', picture.modelId, picture.id)]);
      }),
    saveTrained: (draft, trained) =>
      inOrder(async () => {
        if (draft.trainedVersion !== trained.version) throw new Error('the draft must point at the version being saved');
        await backend.setMany([[versionKey(draft.id, trained.version), trained]]);
        await backend.setMany([[modelKey(draft.id), draft]]);
        await dropStaleVersions(draft.id, trained.version);
      }),
  };
}
