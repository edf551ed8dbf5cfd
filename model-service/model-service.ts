// The main-thread owner of the child's model: the one place that changes it. It keeps the draft, pictures and
// trained model in memory, writes every change to the store, asks the engine (in its worker) for embeddings,
// training and predictions, and tells React (subscribe/getState) and the blocks (RecognizerApi) what changed.
import { EngineError } from '../engine/errors';
import type { EngineApi } from '../engine/engine-api';
import { DEFAULT_TRAINING_SETTINGS } from '../engine/training-settings';
import type {
  ClassInfo, EpochMetrics, HeadKind, LabelledEmbedding, RgbaImage, TrainingSettings,
} from '../engine/types';
import { t } from '../locales';
import {
  createBrowserModelStore, createMemoryBackend, createModelStore,
  type ModelDraft, type ModelStore, type StoredPicture, type TrainedOn, type TrainedVersion,
} from '../store';
import { newId } from './ids';
import { problemCode, type ProblemCode } from './problems';
import { trainReadiness, type TrainReadiness } from './readiness';
import { applySettingChanges } from './settings';
import type { RecognitionResult, RecognizerApi } from './types';

/** A picture as the trainer shows it. */
export interface PictureView {
  readonly id: string;
  readonly classId: string;
  /** The 224x224 square as JPEG. */
  readonly jpeg: Blob;
  readonly createdAt: number;
}

export interface ClassView {
  readonly id: string;
  readonly name: string;
  readonly pictures: readonly PictureView[];
}

export interface TrainedView {
  /** The trained model's classes, with the names they have now. */
  readonly classes: readonly ClassInfo[];
  readonly method: HeadKind;
  readonly trainedAt: string;
  readonly history: readonly EpochMetrics[];
  /** Pictures or classes changed since it was trained: train again to use them. */
  readonly outOfDate: boolean;
}

export type TrainingView =
  | { readonly status: 'idle' }
  | {
    readonly status: 'running';
    readonly method: HeadKind;
    /** Epochs finished so far. */
    readonly epoch: number;
    readonly totalEpochs: number;
    readonly history: readonly EpochMetrics[];
    readonly stopping: boolean;
  }
  | { readonly status: 'done' }
  | { readonly status: 'stopped' }
  | { readonly status: 'failed'; readonly problem: ProblemCode };

export type EngineStatus =
  | { readonly status: 'starting' }
  | { readonly status: 'ready' }
  | { readonly status: 'failed'; readonly problem: ProblemCode };

export interface ModelServiceState {
  /** False until the saved work has been read (the trainer shows a short "loading"). */
  readonly loaded: boolean;
  readonly engine: EngineStatus;
  /** False when this browser cannot keep the work (no IndexedDB): it lasts until the tab closes. */
  readonly persistent: boolean;
  readonly modelId: string;
  readonly name: string;
  readonly classes: readonly ClassView[];
  readonly settings: TrainingSettings;
  readonly trained: TrainedView | null;
  readonly training: TrainingView;
  readonly readiness: TrainReadiness;
  /** Pictures being embedded and saved right now. */
  readonly addingPictures: number;
  /** The class just deleted, which undoDelete() brings back with its pictures. */
  readonly undo: { readonly className: string } | null;
  /** The latest thing that went wrong, until dismissed. */
  readonly problem: ProblemCode | null;
}

/** A picture to add: 224x224 RGBA for the engine plus its JPEG (what squareFromSource / pictureFromFile make). */
export interface NewPicture {
  readonly image: RgbaImage;
  readonly jpeg: Blob;
}

export type NameProblem = 'empty' | 'taken';

export interface ModelService extends RecognizerApi {
  getState(): ModelServiceState;
  /** For React's useSyncExternalStore: called after every change of getState(). */
  subscribe(listener: () => void): () => void;
  /** Resolves once the saved work is loaded and its trained model (if any) is active in the engine. */
  whenLoaded(): Promise<void>;
  /** Resolves once every change made so far is in storage (or was reported as a problem). */
  whenSaved(): Promise<void>;

  renameModel(name: string): NameProblem | null;
  /** Returns the new class's id. */
  addClass(name: string): string;
  renameClass(classId: string, name: string): NameProblem | null;
  deleteClass(classId: string): void;
  undoDelete(): void;
  /** Makes the last deletion final (its pictures are removed from storage). */
  dismissUndo(): void;

  /** Embeds and stores the pictures; problems are reported in state.problem. */
  addPictures(classId: string, pictures: readonly NewPicture[]): Promise<void>;
  removePicture(pictureId: string): void;

  /** Applies the valid changes (see settings.ts); invalid values are ignored. */
  updateSettings(changes: Partial<TrainingSettings>): void;

  /** Trains on the current pictures; the previous model stays in use if this is stopped or fails. */
  train(): Promise<void>;
  stopTraining(): void;

  dismissProblem(): void;
}

export interface ModelServiceOptions {
  readonly engine: EngineApi;
  /** Defaults to the browser's IndexedDB store. */
  readonly store?: ModelStore;
  /** Settings of a new model; the engine's defaults when omitted. */
  readonly defaultSettings?: TrainingSettings;
  /** Settles when engine.init() has: nothing is sent to the engine before. Omit when it is already initialised. */
  readonly engineReady?: Promise<unknown>;
}

/** How many pictures go to the engine at once: they appear in the trainer batch by batch. */
const EMBED_BATCH = 8;

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

export function createModelService(options: ModelServiceOptions): ModelService {
  const { engine, defaultSettings = DEFAULT_TRAINING_SETTINGS } = options;
  let store = options.store ?? createBrowserModelStore();
  const engineReady = Promise.resolve(options.engineReady);

  let draft: ModelDraft = {
    schema: 1, id: newId(), name: t('trainer.defaultModelName'), classes: [], settings: defaultSettings,
    trainedVersion: null, updatedAt: Date.now(),
  };
  /** Every picture, including those of a deleted class while its undo is offered. */
  let pictures: StoredPicture[] = [];
  let trained: TrainedVersion | null = null;
  let training: TrainingView = { status: 'idle' };
  let engineStatus: EngineStatus = { status: options.engineReady ? 'starting' : 'ready' };
  let loaded = false;
  let persistent = true;
  let adding = 0;
  let deleted: { readonly info: ClassInfo; readonly index: number } | null = null;
  let problem: ProblemCode | null = null;
  let abort: AbortController | null = null;
  let lastCreatedAt = 0;

  const listeners = new Set<() => void>();
  const recognizerListeners = new Set<() => void>();
  let recognizerSignature = '';
  let state: ModelServiceState;

  const engineKey = () => `model/${draft.id}`;

  function trainedClasses(): ClassInfo[] {
    if (!trained) return [];
    const currentNames = new Map(draft.classes.map((info) => [info.id, info.name]));
    return trained.model.metadata.classes.map((info) => ({ id: info.id, name: currentNames.get(info.id) ?? info.name }));
  }

  function snapshot(): ModelServiceState {
    const byClass = new Map<string, PictureView[]>(draft.classes.map((info) => [info.id, []]));
    for (const picture of pictures) byClass.get(picture.classId)?.push(picture);
    const classes = draft.classes.map((info) => ({ id: info.id, name: info.name, pictures: byClass.get(info.id) ?? [] }));
    let trainedView: TrainedView | null = null;
    if (trained) {
      const { metadata } = trained.model;
      const outOfDate = !sameMembers(trained.trainedOn.classIds, draft.classes.map((info) => info.id))
        || !sameMembers(trained.trainedOn.pictureIds, classes.flatMap((view) => view.pictures.map((picture) => picture.id)));
      trainedView = {
        classes: trainedClasses(), method: metadata.head.kind, trainedAt: metadata.trainedAt, history: metadata.history, outOfDate,
      };
    }
    return {
      loaded, engine: engineStatus, persistent, modelId: draft.id, name: draft.name, classes, settings: draft.settings,
      trained: trainedView, training,
      readiness: trainReadiness(classes.map((view) => ({ name: view.name, pictureCount: view.pictures.length }))),
      addingPictures: adding, undo: deleted ? { className: deleted.info.name } : null, problem,
    };
  }

  function commit(): void {
    state = snapshot();
    for (const listener of [...listeners]) listener();
    const signature = JSON.stringify(state.trained?.classes ?? null);
    if (signature !== recognizerSignature) {
      recognizerSignature = signature;
      for (const listener of [...recognizerListeners]) listener();
    }
  }

  function report(error: unknown): void {
    console.warn('[image-model]', error);
    problem = problemCode(error);
    commit();
  }

  /** Settles when every write started so far has (for tests, and for hosts that want to know). */
  let allWritten: Promise<void> = Promise.resolve();

  /** Runs a store write in the background; a failure keeps the work in memory and tells the child. */
  function persist(write: (target: ModelStore) => Promise<void>): void {
    const written = write(store).catch(report);
    allWritten = allWritten.then(() => written);
  }

  function saveDraft(changes: Partial<ModelDraft>): void {
    draft = { ...draft, ...changes, updatedAt: Date.now() };
    commit();
    const snapshotOfDraft = draft;
    persist((target) => target.saveDraft(snapshotOfDraft));
  }

  function nameProblem(name: string, others: readonly string[]): NameProblem | null {
    if (name.length === 0) return 'empty';
    const lower = name.toLocaleLowerCase();
    return others.some((other) => other.toLocaleLowerCase() === lower) ? 'taken' : null;
  }

  /** Makes a pending class deletion final: its pictures leave memory and storage. */
  function finishDeletion(): void {
    if (!deleted) return;
    const classId = deleted.info.id;
    const gone = pictures.filter((picture) => picture.classId === classId).map((picture) => picture.id);
    pictures = pictures.filter((picture) => picture.classId !== classId);
    deleted = null;
    const modelId = draft.id;
    if (gone.length > 0) persist((target) => target.deletePictures(modelId, gone));
  }

  async function activate(version: TrainedVersion): Promise<void> {
    await engine.loadModel(engineKey(), version.model);
    trained = version;
  }

  async function load(): Promise<void> {
    let saved;
    try {
      saved = await store.loadActiveModel();
    } catch (error) {
      // No usable IndexedDB: keep working for this session, and say that the work will not be kept.
      store = createModelStore(createMemoryBackend());
      persistent = false;
      problem = problemCode(error);
    }
    if (saved) {
      // Settings saved by an older version may lack a field or hold one the engine no longer accepts.
      draft = { ...saved.draft, settings: applySettingChanges(defaultSettings, saved.draft.settings) };
      pictures = [...saved.pictures];
      lastCreatedAt = pictures.reduce((latest, picture) => Math.max(latest, picture.createdAt), 0);
    } else {
      const fresh = draft;
      persist((target) => target.createModel(fresh));
    }
    loaded = true;
    commit();
    await engineReady;
    if (saved?.trained) {
      try {
        await activate(saved.trained);
      } catch (error) {
        report(error);
      }
    }
    commit();
  }

  const loading = (async () => {
    void engineReady.then(
      () => { engineStatus = { status: 'ready' }; commit(); },
      (error) => { engineStatus = { status: 'failed', problem: problemCode(error) }; commit(); },
    );
    try {
      await load();
    } catch (error) {
      loaded = true;
      report(error);
    }
  })();

  function nextCreatedAt(): number {
    // Strictly increasing, so pictures taken in the same millisecond keep their order after a reload.
    lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
    return lastCreatedAt;
  }

  const service: ModelService = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenLoaded: () => loading,
    whenSaved: () => allWritten,

    renameModel(name) {
      const clean = cleanName(name);
      if (clean.length === 0) return 'empty';
      if (clean !== draft.name) saveDraft({ name: clean });
      return null;
    },
    addClass(name) {
      finishDeletion();
      const taken = draft.classes.map((info) => info.name);
      let unique = cleanName(name);
      for (let n = 2; nameProblem(unique, taken); n++) unique = `${cleanName(name)} ${n}`;
      const info: ClassInfo = { id: newId(), name: unique };
      saveDraft({ classes: [...draft.classes, info] });
      return info.id;
    },
    renameClass(classId, name) {
      const clean = cleanName(name);
      const others = draft.classes.filter((info) => info.id !== classId).map((info) => info.name);
      const problemWithName = nameProblem(clean, others);
      if (problemWithName) return problemWithName;
      saveDraft({ classes: draft.classes.map((info) => (info.id === classId ? { ...info, name: clean } : info)) });
      return null;
    },
    deleteClass(classId) {
      const index = draft.classes.findIndex((info) => info.id === classId);
      if (index < 0) return;
      finishDeletion();
      deleted = { info: draft.classes[index], index };
      // The pictures stay (in memory and storage) until the undo is dismissed; a reload drops them.
      saveDraft({ classes: draft.classes.filter((info) => info.id !== classId) });
    },
    undoDelete() {
      if (!deleted) return;
      const { info, index } = deleted;
      deleted = null;
      const classes = [...draft.classes];
      classes.splice(Math.min(index, classes.length), 0, info);
      saveDraft({ classes });
    },
    dismissUndo() {
      finishDeletion();
      commit();
    },

    async addPictures(classId, newPictures) {
      let waiting = newPictures.length;
      adding += waiting;
      commit();
      try {
        await engineReady;
        for (let start = 0; start < newPictures.length; start += EMBED_BATCH) {
          const batch = newPictures.slice(start, start + EMBED_BATCH);
          const embeddings = await engine.embed(batch.map((picture) => picture.image));
          adding -= batch.length;
          waiting -= batch.length;
          const stillThere = draft.classes.some((info) => info.id === classId) || deleted?.info.id === classId;
          if (!stillThere) continue;
          const stored = batch.map((picture, index): StoredPicture => ({
            id: newId(), modelId: draft.id, classId, jpeg: picture.jpeg, embedding: embeddings[index], createdAt: nextCreatedAt(),
          }));
          pictures = [...pictures, ...stored];
          commit();
          for (const picture of stored) persist((target) => target.putPicture(picture));
        }
      } catch (error) {
        report(error);
      } finally {
        adding -= waiting;
        commit();
      }
    },
    removePicture(pictureId) {
      const picture = pictures.find((candidate) => candidate.id === pictureId);
      if (!picture) return;
      pictures = pictures.filter((candidate) => candidate.id !== pictureId);
      commit();
      persist((target) => target.deletePictures(picture.modelId, [pictureId]));
    },

    updateSettings(changes) {
      const settings = applySettingChanges(draft.settings, changes);
      if (JSON.stringify(settings) !== JSON.stringify(draft.settings)) saveDraft({ settings });
    },

    async train() {
      if (training.status === 'running') return;
      const readiness = state.readiness;
      if (!readiness.ready) {
        report(new EngineError(readiness.need === 'classes' ? 'train/too-few-classes' : 'train/too-few-examples', 'not ready'));
        return;
      }
      const classes = draft.classes;
      const classIndex = new Map(classes.map((info, index) => [info.id, index]));
      const examples: LabelledEmbedding[] = pictures
        .filter((picture) => classIndex.has(picture.classId))
        .map((picture) => ({ classIndex: classIndex.get(picture.classId)!, embedding: picture.embedding, pictureId: picture.id }));
      const trainedOn: TrainedOn = { classIds: classes.map((info) => info.id), pictureIds: examples.map((example) => example.pictureId!) };
      const settings = draft.settings;
      const controller = new AbortController();
      abort = controller;
      const history: EpochMetrics[] = [];
      const totalEpochs = settings.method === 'dense' ? settings.epochs : 1;
      training = { status: 'running', method: settings.method, epoch: 0, totalEpochs, history, stopping: false };
      problem = null;
      commit();
      try {
        await engineReady;
        const model = await engine.train(
          { modelName: draft.name, classes, examples, settings },
          (progress) => {
            if (training.status !== 'running' || abort !== controller) return;
            if (progress.metrics) history.push(progress.metrics);
            training = { ...training, epoch: progress.metrics ? progress.epoch : training.epoch, totalEpochs: progress.totalEpochs, history: [...history] };
            commit();
          },
          controller.signal,
        );
        const version: TrainedVersion = { version: newId(), model, trainedOn };
        await activate(version);
        training = { status: 'done' };
        saveDraft({ trainedVersion: version.version });
        const pointing = draft;
        persist((target) => target.saveTrained(pointing, version));
      } catch (error) {
        const code = problemCode(error);
        training = code === 'train/cancelled' ? { status: 'stopped' } : { status: 'failed', problem: code };
        if (training.status === 'failed') console.warn('[image-model] training failed', error);
        commit();
      } finally {
        if (abort === controller) abort = null;
      }
    },
    stopTraining() {
      if (training.status !== 'running' || training.stopping || !abort) return;
      training = { ...training, stopping: true };
      commit();
      abort.abort();
    },

    dismissProblem() {
      problem = null;
      commit();
    },

    // RecognizerApi: what the blocks see.
    getClasses: () => trainedClasses(),
    hasTrainedModel: () => trained !== null,
    async recognize(image): Promise<RecognitionResult> {
      if (!trained) throw new EngineError('model/not-loaded', 'no trained model yet');
      const classes = trainedClasses();
      const prediction = await engine.predict(engineKey(), image);
      const top = classes[prediction.classIndex];
      return {
        className: top.name,
        classId: top.id,
        confidences: classes.map((info, index) => ({ classId: info.id, name: info.name, confidence: prediction.confidences[index] ?? 0 })),
      };
    },
    onChange(listener) {
      recognizerListeners.add(listener);
      return () => recognizerListeners.delete(listener);
    },
  };

  state = snapshot();
  return service;
}
