// The main-thread owner of the child's model: the one place that changes it. It keeps the draft, pictures and
// trained model in memory, writes every change to the store, asks the engine (in its worker) for embeddings,
// training and predictions, and tells React (subscribe/getState) and the blocks (RecognizerApi) what changed.
import { EngineError } from '../engine/errors';
import type { EngineApi } from '../engine/engine-api';
import { DEFAULT_TRAINING_SETTINGS } from '../engine/training-settings';
import type { Evaluation } from '../engine/lab/evaluation';
import type {
  ClassInfo, EarlyStop, EpochMetrics, HeadKind, LabelledEmbedding, RgbaImage, SerializedModel, TrainingSettings,
} from '../engine/types';
import { t } from '../locales';
import {
  createBrowserModelStore, createMemoryBackend, createModelStore,
  type ModelDraft, type ModelStore, type StoredPicture, type TrainedOn, type TrainedVersion,
} from '../store';
import { augmentVariants, DEFAULT_AUGMENTATION, type AugmentationKind } from '../engine/lab/augmentation';
import { cleanChoice, copiesPerPicture, createCopyMaker, type AugmentationChoice } from './augmentation';
import { browserPictureDecoder } from './decode-picture';
import { newId } from './ids';
import { labReport, type EvaluatedPictures, type LabExample, type LabReport } from './lab-report';
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
  /** Set when "stop when accuracy reaches …" ended its training early. */
  readonly stoppedEarly?: EarlyStop;
  /** Shrunk to 8-bit numbers ("Shrink it" in the Lab). */
  readonly small: boolean;
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
    /** Set while extra practice pictures are being made, before the first epoch: pictures done of total. */
    readonly copies?: { readonly done: number; readonly total: number };
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
  /** Extra practice pictures for the neural network (the Lab's switches). */
  readonly augmentation: AugmentationChoice;
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

/** "Shrink it": the trained model in 8-bit numbers and what that changes; nothing changes until it is kept. */
export interface ShrinkView {
  /** The trained version it was made from (keeping it is refused once another model was trained). */
  readonly fromVersion: string;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** The pictures both versions were checked on: those not learnt from when there are some, otherwise all. */
  readonly measuredOn: 'held-out' | 'practice';
  readonly classes: readonly ClassInfo[];
  readonly before: Evaluation;
  readonly after: Evaluation;
  /** Pictures whose answer changed, with both answers. */
  readonly changed: readonly { readonly pictureId: string; readonly beforeClassId: string; readonly afterClassId: string }[];
  readonly model: SerializedModel;
}

export interface CopyPreview {
  readonly kind: 'original' | AugmentationKind;
  readonly image: RgbaImage;
}

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
  /** Moves a picture to another class (fixing its label); the trained model stays until the next training. */
  movePicture(pictureId: string, classId: string): void;

  /** Switches extra practice pictures on or off; used when the method is the neural network. */
  setAugmentation(changes: Partial<AugmentationChoice>): void;
  /** A picture and every kind of copy that augmentation can make of it, for the Lab to show. */
  previewCopies(pictureId: string): Promise<readonly CopyPreview[]>;

  /** Applies the valid changes (see settings.ts); invalid values are ignored. */
  updateSettings(changes: Partial<TrainingSettings>): void;

  /** Trains on the current pictures; the previous model stays in use if this is stopped or fails. */
  train(): Promise<void>;
  stopTraining(): void;

  /**
   * The Lab's look at the trained model: accuracy on pictures it did not learn from and the pictures it gets
   * wrong, with the pictures' current labels. Rejects with EngineError 'model/not-loaded' before any training.
   */
  evaluateModel(): Promise<LabReport>;
  /** Makes an 8-bit copy of the trained model and compares the two; rejects with 'model/not-loaded' before training. */
  shrinkModel(): Promise<ShrinkView>;
  /** Uses and saves the small model instead of the trained one (false: a newer model was trained since). */
  keepShrunkModel(shrink: ShrinkView): Promise<boolean>;

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
  /** Decodes a stored picture's JPEG into pixels (to make extra copies); the browser's by default. */
  readonly decodePicture?: (jpeg: Blob) => Promise<RgbaImage>;
}

/** How many pictures go to the engine at once: they appear in the trainer batch by batch. */
const EMBED_BATCH = 8;

/** Pictures moved to another class since training (versions saved before labels were recorded: none). */
function labelsChanged(trainedOn: TrainedOn, pictures: readonly StoredPicture[]): boolean {
  const labels = trainedOn.pictureClassIds;
  if (!labels) return false;
  const classOf = new Map(pictures.map((picture) => [picture.id, picture.classId]));
  return trainedOn.pictureIds.some((pictureId, i) => classOf.has(pictureId) && classOf.get(pictureId) !== labels[i]);
}

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
  const decodePicture = options.decodePicture ?? browserPictureDecoder();
  const copyMaker = decodePicture && createCopyMaker(decodePicture, (images) => engine.embed(images));

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
        || !sameMembers(trained.trainedOn.pictureIds, classes.flatMap((view) => view.pictures.map((picture) => picture.id)))
        || labelsChanged(trained.trainedOn, pictures);
      trainedView = {
        classes: trainedClasses(), method: metadata.head.kind, trainedAt: metadata.trainedAt, history: metadata.history,
        ...(metadata.stoppedEarly && { stoppedEarly: metadata.stoppedEarly }),
        small: metadata.weightSpecs.length > 0 && metadata.weightSpecs.every((spec) => spec.dtype === 'int8'), outOfDate,
      };
    }
    return {
      loaded, engine: engineStatus, persistent, modelId: draft.id, name: draft.name, classes, settings: draft.settings,
      augmentation: cleanChoice(draft.augmentation), trained: trainedView, training,
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

  /** Every picture of the trained model's classes, labelled with the model's index of its current class. */
  function labExamples(classes: readonly ClassInfo[]): LabExample[] {
    const classIndex = new Map(classes.map((info, index) => [info.id, index]));
    const current = new Set(draft.classes.map((info) => info.id));
    return pictures
      .filter((picture) => classIndex.has(picture.classId) && current.has(picture.classId))
      .map((picture) => ({ classIndex: classIndex.get(picture.classId)!, embedding: picture.embedding, pictureId: picture.id }));
  }

  /** The pictures the model learnt from and those it did not (held out for validation, or added since). */
  function splitByPractice(version: TrainedVersion, examples: readonly LabExample[]) {
    const heldOut = new Set(version.model.metadata.validationPictureIds ?? []);
    const practisedIds = new Set(version.trainedOn.pictureIds.filter((pictureId) => !heldOut.has(pictureId)));
    return {
      practised: examples.filter((example) => practisedIds.has(example.pictureId)),
      unseen: examples.filter((example) => !practisedIds.has(example.pictureId)),
    };
  }

  /** The embeddings of the chosen extra copies (neural network only), made before the first epoch. */
  async function copiesFor(examples: readonly LabelledEmbedding[], settings: TrainingSettings, controller: AbortController) {
    const choice = cleanChoice(draft.augmentation);
    if (settings.method !== 'dense' || copiesPerPicture(choice) === 0 || !copyMaker) return [];
    const byId = new Map(pictures.map((picture) => [picture.id, picture]));
    const sources = examples.map((example) => ({ pictureId: example.pictureId!, jpeg: byId.get(example.pictureId!)!.jpeg }));
    return copyMaker.copies(sources, choice, {
      signal: controller.signal,
      onProgress(done, total) {
        if (training.status !== 'running' || abort !== controller) return;
        training = { ...training, copies: { done, total } };
        commit();
      },
    });
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
    movePicture(pictureId, classId) {
      const picture = pictures.find((candidate) => candidate.id === pictureId);
      if (!picture || picture.classId === classId || !draft.classes.some((info) => info.id === classId)) return;
      const moved: StoredPicture = { ...picture, classId };
      pictures = pictures.map((candidate) => (candidate.id === pictureId ? moved : candidate));
      commit();
      persist((target) => target.putPicture(moved));
    },

    setAugmentation(changes) {
      const choice = cleanChoice({ ...cleanChoice(draft.augmentation), ...changes });
      if (JSON.stringify(choice) !== JSON.stringify(cleanChoice(draft.augmentation))) saveDraft({ augmentation: choice });
    },
    async previewCopies(pictureId) {
      const picture = pictures.find((candidate) => candidate.id === pictureId);
      if (!picture || !decodePicture) return [];
      const image = await decodePicture(picture.jpeg);
      return [{ kind: 'original', image }, ...augmentVariants(image, DEFAULT_AUGMENTATION)];
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
      const trainedOn: TrainedOn = {
        classIds: classes.map((info) => info.id),
        pictureIds: examples.map((example) => example.pictureId!),
        pictureClassIds: examples.map((example) => classes[example.classIndex].id),
      };
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
        const augmented = await copiesFor(examples, settings, controller);
        if (controller.signal.aborted) throw new EngineError('train/cancelled', 'training was stopped');
        const model = await engine.train(
          { modelName: draft.name, classes, examples, settings, ...(augmented.length > 0 && { augmented }) },
          (progress) => {
            if (training.status !== 'running' || abort !== controller) return;
            if (progress.metrics) history.push(progress.metrics);
            training = {
              ...training, epoch: progress.metrics ? progress.epoch : training.epoch, totalEpochs: progress.totalEpochs, history: [...history], copies: undefined,
            };
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

    async evaluateModel() {
      const version = trained;
      if (!version) throw new EngineError('model/not-loaded', 'no trained model yet');
      const { metadata } = version.model;
      const classes = trainedClasses();
      const base = { trainedAt: metadata.trainedAt, classes };
      const examples = labExamples(classes);
      await engineReady;
      if (metadata.head.kind === 'knn' && examples.length >= 2) {
        const evaluation = await engine.evaluateLeaveOneOut(examples, classes.length, metadata.head.k);
        return labReport({ ...base, measuredOn: 'leave-one-out' }, { examples, evaluation, practised: false });
      }
      const { practised, unseen } = splitByPractice(version, examples);
      const evaluated = async (group: readonly LabExample[], isPractice: boolean): Promise<EvaluatedPictures> =>
        ({ examples: group, evaluation: await engine.evaluate(engineKey(), group), practised: isPractice });
      if (unseen.length === 0) return labReport({ ...base, measuredOn: 'practice' }, await evaluated(practised, true));
      return labReport({ ...base, measuredOn: 'held-out' }, await evaluated(unseen, false), await evaluated(practised, true));
    },

    async shrinkModel() {
      const version = trained;
      if (!version) throw new EngineError('model/not-loaded', 'no trained model yet');
      const classes = trainedClasses();
      const examples = labExamples(classes);
      // KNN keeps every picture it was given, so for it every picture is a practice picture.
      const { unseen } = version.model.metadata.head.kind === 'knn' ? { unseen: [] } : splitByPractice(version, examples);
      const checked = unseen.length > 0 ? unseen : examples;
      await engineReady;
      const report = await engine.shrinkModel(version.model, checked);
      return {
        fromVersion: version.version,
        bytesBefore: report.bytesBefore,
        bytesAfter: report.bytesAfter,
        measuredOn: unseen.length > 0 ? 'held-out' : 'practice',
        classes,
        before: report.before,
        after: report.after,
        changed: report.changedPictures.map((i) => ({
          pictureId: checked[i].pictureId,
          beforeClassId: classes[report.before.pictures[i].predictedClass].id,
          afterClassId: classes[report.after.pictures[i].predictedClass].id,
        })),
        model: report.model,
      };
    },
    async keepShrunkModel(shrink) {
      const version = trained;
      if (!version || version.version !== shrink.fromVersion || training.status === 'running') return false;
      const small: TrainedVersion = { version: newId(), model: shrink.model, trainedOn: version.trainedOn };
      try {
        await activate(small);
      } catch (error) {
        report(error);
        return false;
      }
      saveDraft({ trainedVersion: small.version });
      const pointing = draft;
      persist((target) => target.saveTrained(pointing, small));
      return true;
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
