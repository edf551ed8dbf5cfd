// The main-thread owner of the child's model: the one place that changes it. It keeps the draft, pictures and
// trained model in memory, writes every change to the store, asks the engine (in its worker) for embeddings,
// training and predictions, and tells React (subscribe/getState) and the blocks (RecognizerApi) what changed.
import {
  augmentVariants, cleanName, DEFAULT_AUGMENTATION, DEFAULT_TRAINING_SETTINGS, EngineError, exportModelZip, importModelFiles, nameProblem,
  uniqueName, type AugmentationKind, type ClassInfo, type EarlyStop, type EngineApi, type EpochMetrics, type Evaluation, type HeadKind,
  type HeadLayerSpec, type ImportFile, type LabelledEmbedding, type LayerLook, type ModelLayers, type NameChange, type NameProblem,
  type RgbaImage, type SerializedModel, type ShrinkReport, type TrainingSettings, totalEpochs as totalEpochsOf,
} from '../engine';
import { t } from '../locales';
import { browserPictureDecoder, type EncodedPicture } from '../pictures/picture-codec';
import type { ProjectModels, ProjectModelsLoad } from '../project-file';
import {
  createBrowserModelStore, createMemoryBackend, createModelStore, SET_ASIDE_LIMIT,
  type LoadedModel, type ModelDraft, type ModelStore, type PictureSet, type StoredPicture, type TrainedOn, type TrainedVersion,
} from '../store';
import { cleanChoice, copiesPerPicture, createCopyMaker, type AugmentationChoice } from './augmentation';
import { withoutDuplicates } from './duplicates';
import { safeFileName } from './file-name';
import { newId } from './ids';
import { labReport, type EvaluatedPictures, type LabExample, type LabReport } from './lab-report';
import { problemCode, type ProblemCode } from './problems';
import { modelsFromProject, toProjectModel, type BrokenModel } from './project-models';
import { createIncomingPictures } from './incoming-pictures';
import { trainingSeed } from './training-seed';
import { trainReadiness, type TrainReadiness } from './readiness';
import { applySettingChanges, restoreSettings, type SettingChanges } from './settings';
import type { TabChannel } from './tab-channel';
import type { ModelSwitcherApi, RecognitionResult, RecognizerApi } from './types';

/** A picture as the trainer shows it: the 224x224 square as the picture codec encoded it. */
export interface PictureView extends EncodedPicture {
  readonly id: string;
  readonly classId: string;
  readonly createdAt: number;
}

export interface ClassView {
  readonly id: string;
  readonly name: string;
  readonly pictures: readonly PictureView[];
}

export interface TrainedView {
  /** A fresh id whenever this model's trained head changes (train, keep shrunk, import, duplicate): what per-model UI state is keyed on. */
  readonly versionId: string;
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
  /** Neural network only: every layer it was trained with, the answer layer last (the Lab's head editor counts them). */
  readonly headLayers?: readonly HeadLayerSpec[];
  /** What it learned from: "Learned from 60 pictures in 3 classes". */
  readonly learnedFrom: { readonly pictures: number; readonly classes: number };
}

export type TrainingView =
  | { readonly status: 'idle' }
  /** Train was pressed while pictures were still on their way (addingPictures says how many): it starts once they are in. */
  | { readonly status: 'waiting' }
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

/** One of the project's models, as the trainer lists them. */
export interface ModelListItem {
  readonly id: string;
  readonly name: string;
  readonly trained: boolean;
}

/** What opening the last project left out, for the trainer to explain. */
export interface OpenedProjectNotice {
  readonly broken: readonly BrokenModel[];
  readonly droppedPictures: number;
  /** Names changed so the blocks can tell them apart (blank or repeated in the file). */
  readonly renamed: readonly NameChange[];
}

export interface ModelServiceState {
  /** False until the saved work has been read (the trainer shows a short "loading"). */
  readonly loaded: boolean;
  /** The project's models; the active one (modelId) is what the trainer edits and the blocks use. */
  readonly models: readonly ModelListItem[];
  /** The child ticked "Include my pictures so others can change the model" (pictures go into the .sb3). */
  readonly includePictures: boolean;
  /** Set after a project was opened with models that could not be used or pictures left out, until dismissed. */
  readonly openedProject: OpenedProjectNotice | null;
  /** Models of projects opened before this one, kept in this browser; bringBackEarlierModels() lists them again. */
  readonly earlierModels: number;
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
  /** Pictures given but not in their place yet (files being read, embeddings under way). */
  readonly addingPictures: number;
  /** Pictures waiting in the Lab's inbox to be sorted into a class, oldest first. */
  readonly inbox: readonly InboxPictureView[];
  /** Test pictures of the current classes (never trained on), oldest first; classId is the class each shows. */
  readonly testPictures: readonly PictureView[];
  /** What undoDelete() brings back: the class just deleted (with its pictures), or the pictures just removed. */
  readonly undo: UndoView | null;
  /** The latest thing that went wrong, until dismissed. */
  readonly problem: ProblemCode | null;
}

export type UndoView =
  | { readonly kind: 'class'; readonly className: string }
  /** Removed one by one in a row, or all at once ("Remove all"), from one class. */
  | { readonly kind: 'pictures'; readonly classId: string; readonly className: string; readonly count: number };

/** How pictures are added: with `onDuplicates`, pictures already in the class are skipped and counted to it. */
export interface AddOptions {
  /** Uploads only: a webcam showing a still scene may rightly give the same frame twice. */
  readonly onDuplicates?: (count: number) => void;
}

/** A picture to add: 224x224 RGBA for the engine plus its encoding (what squareFromSource / pictureFromFile make). */
export interface NewPicture extends EncodedPicture {
  readonly image: RgbaImage;
}

/** Pictures announced to a class, delivered in batches as they are read. */
export interface PictureIntake {
  add(pictures: readonly NewPicture[]): Promise<void>;
  /** No more will come (the rest were refused): Train stops waiting for them. Safe to call more than once. */
  finish(): void;
}

export type { NameProblem };

/** An inbox picture: not in any class yet. */
export type InboxPictureView = Omit<PictureView, 'classId'>;

/** What the trained model says an inbox picture shows. */
export interface InboxGuess {
  readonly pictureId: string;
  readonly classId: string;
  /** How sure it is, whole percent. */
  readonly confidence: number;
}

/** "Shrink it": sizes and answers before and after rounding to 8-bit numbers. */
export interface ShrinkComparison {
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** The pictures both versions were checked on: those not learnt from when there are some, otherwise all. */
  readonly measuredOn: 'held-out' | 'practice';
  readonly classes: readonly ClassInfo[];
  readonly before: Evaluation;
  readonly after: Evaluation;
  /** Pictures whose answer changed, with both answers. */
  readonly changed: readonly { readonly pictureId: string; readonly beforeClassId: string; readonly afterClassId: string }[];
}

/** The trained model in 8-bit numbers and what that changes; nothing changes until it is kept. */
export interface ShrinkView extends ShrinkComparison {
  /** The trained version it was made from (keeping it is refused once another model was trained). */
  readonly fromVersion: string;
  readonly model: SerializedModel;
}

export interface CopyPreview {
  readonly kind: 'original' | AugmentationKind;
  readonly image: RgbaImage;
}

export interface ModelService extends RecognizerApi, ModelSwitcherApi {
  getState(): ModelServiceState;
  /** For React's useSyncExternalStore: called after every change of getState(). */
  subscribe(listener: () => void): () => void;
  /** Resolves once the saved work is loaded and its trained model (if any) is active in the engine. */
  whenLoaded(): Promise<void>;
  /** Resolves once every change made so far is in storage (or was reported as a problem). */
  whenSaved(): Promise<void>;

  /** Renames the active model; names are unique among the project's models (blocks choose models by name). */
  renameModel(name: string): NameProblem | null;
  /** Makes a new empty model the active one; returns its id. Refused (null) while training. */
  createModel(name: string): string | null;
  /** Copies the active model (classes, pictures, trained model) under a new name and makes the copy active. */
  duplicateModel(copyName: string): string | null;
  /** Deletes a model; deleting the last one leaves a new empty model. Refused (false) while training. */
  deleteModel(modelId: string): boolean;
  /** Makes another of the project's models the active one. Refused (false) while training. */
  switchModel(modelId: string): Promise<boolean>;
  /** Adds a trained model (an imported file) to the project as a new active model, named uniquely. */
  addTrainedModel(model: SerializedModel): Promise<string>;
  setIncludePictures(include: boolean): void;
  /**
   * The active trained model as a zip in Teachable Machine's layout (plus our exact model file), with a file
   * name. Rejects with EngineError 'model/not-loaded' before any training.
   */
  exportModelFile(): Promise<{ readonly fileName: string; readonly bytes: Uint8Array }>;
  /**
   * Imports a model exported by us or by Teachable Machine (loose files or a zip) as a new active model.
   * Rejects with an ImportError (engine/interchange) for files that are not a usable model.
   */
  importModel(files: readonly ImportFile[]): Promise<readonly NameChange[]>;
  dismissOpenedProject(): void;
  /** Adds the models set aside when other projects were opened back to this project's models. */
  bringBackEarlierModels(): Promise<void>;

  /** The project's models for a save, synchronously (pictures as Blobs; weights are never transferred). */
  exportForProject(): ProjectModels;
  /**
   * Makes an opened project's models the child's models: usable ones are stored and activated, broken ones are
   * listed (never stored). A project without models (`present: false`) starts with one empty model, unless
   * `usesBlocks` says its scripts use Image Model: it was saved before models travelled in the .sb3, so it keeps
   * this browser's models. The models that were there before are set aside in storage, never mixed in.
   */
  replaceFromProject(load: ProjectModelsLoad, project?: { readonly usesBlocks: boolean }): Promise<void>;

  /** Returns the new class's id. */
  addClass(name: string): string;
  renameClass(classId: string, name: string): NameProblem | null;
  deleteClass(classId: string): void;
  /** Brings back what state.undo says: the class just deleted, or the pictures just removed. */
  undoDelete(): void;
  /** Makes the last deletion final (its pictures are removed from storage). */
  dismissUndo(): void;

  /** Embeds and stores the pictures; problems are reported in state.problem. */
  addPictures(classId: string, pictures: readonly NewPicture[], options?: AddOptions): Promise<void>;
  /**
   * Announces `count` pictures for a class before they are ready (files still being read): they count for
   * readiness at once, and Train waits for them. Deliver them through the intake, then finish() it.
   */
  expectPictures(classId: string, count: number, options?: AddOptions): PictureIntake;
  /** Removes a picture at once, with an undo; removals in a row from one class are undone together. */
  removePicture(pictureId: string): void;
  /** Removes every picture of the class ("Remove all"), with an undo. */
  removeAllPictures(classId: string): void;
  /** Moves a picture to another class (fixing its label); the trained model stays until the next training. */
  movePicture(pictureId: string, classId: string): void;

  /** Embeds and keeps pictures in the inbox, unlabelled, until the child sorts them; problems go to state.problem. */
  addToInbox(pictures: readonly NewPicture[]): Promise<void>;
  /** Moves an inbox picture into a class, where it becomes a training picture. */
  labelInboxPicture(pictureId: string, classId: string): void;
  discardInboxPicture(pictureId: string): void;
  /** The trained model's guess for each inbox picture; rejects with 'model/not-loaded' before any training. */
  guessInbox(): Promise<readonly InboxGuess[]>;
  /** Embeds and keeps test pictures of a class: never trained on, only used by evaluateTestPictures(). */
  addTestPictures(classId: string, pictures: readonly NewPicture[]): Promise<void>;
  removeTestPicture(pictureId: string): void;
  /** How the trained model does on the test pictures (measuredOn 'test'); rejects with 'model/not-loaded' before training. */
  evaluateTestPictures(): Promise<LabReport>;

  /** Switches extra practice pictures on or off; used when the method is the neural network. */
  setAugmentation(changes: Partial<AugmentationChoice>): void;
  /** A picture and every kind of copy that augmentation can make of it, for the Lab to show. */
  previewCopies(pictureId: string): Promise<readonly CopyPreview[]>;

  /** Applies the valid changes (see settings.ts); invalid values are ignored. */
  updateSettings(changes: SettingChanges): void;

  /**
   * Trains on the current pictures, first waiting for pictures still on their way (status 'waiting'); the previous
   * model stays in use if this is stopped or fails.
   */
  train(): Promise<void>;
  stopTraining(): void;

  /**
   * The Lab's look at the trained model: accuracy on pictures it did not learn from and the pictures it gets
   * wrong, with the pictures' current labels. Rejects with EngineError 'model/not-loaded' before any training.
   */
  evaluateModel(): Promise<LabReport>;
  /** Makes an 8-bit copy of the trained model and compares the two; rejects with 'model/not-loaded' before training. */
  shrinkModel(): Promise<ShrinkView>;
  /**
   * The experiment of an 8-bit MobileNet: the trained model's answers on the pictures shrinkModel checks, with the
   * normal MobileNet and with an 8-bit copy; bytes are MobileNet's numbers. Nothing is kept (MobileNet is shared by
   * every model and not stored in the project). Pictures that cannot be decoded are left out.
   */
  shrinkBackbone(): Promise<ShrinkComparison>;
  /** Uses and saves the small model instead of the trained one (false: a newer model was trained since). */
  keepShrunkModel(shrink: ShrinkView): Promise<boolean>;
  /** "Under the hood": every step of the trained model, backbone then head; rejects with 'model/not-loaded' before training. */
  describeModelLayers(): Promise<ModelLayers>;
  /** What step `layerIndex` of describeModelLayers makes of one of the pictures: feature maps and histograms. */
  lookAtLayer(pictureId: string, layerIndex: number): Promise<LayerLook>;

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
  /** Decodes a stored picture into pixels (to make extra copies); the browser's by default. */
  readonly decodePicture?: (encoded: Blob) => Promise<RgbaImage>;
  /** Other tabs of the same browser: told about this tab's writes, and heard so this tab reads theirs. */
  readonly tabs?: TabChannel;
  /** Empty classes ("Class 1", "Class 2") a new model starts with, ready to fill; none when omitted. */
  readonly newModelClasses?: number;
}

/** Another tab's writes come in bursts (a drop of pictures): read the store again once they pause. */
const REREAD_DELAY_MS = 250;

/** Pictures taken out of a class in one go, each with the place it had among all pictures. */
type Removal = readonly { readonly picture: StoredPicture; readonly index: number }[];

/** A file name from the model's name that every system accepts. */
function exportFileName(modelName: string): string {
  return `${safeFileName(modelName, 'image-model')}.zip`;
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

export function createModelService(options: ModelServiceOptions): ModelService {
  const { engine, defaultSettings = DEFAULT_TRAINING_SETTINGS } = options;
  let store = options.store ?? createBrowserModelStore();
  const engineReady = Promise.resolve(options.engineReady);
  const decodePicture = options.decodePicture ?? browserPictureDecoder();
  const copyMaker = decodePicture && createCopyMaker(decodePicture, (images) => engine.embed(images));

  function freshDraft(name: string): ModelDraft {
    const classes = Array.from({ length: options.newModelClasses ?? 0 }, (_, i): ClassInfo => ({ id: newId(), name: t('trainer.defaultClassName', { number: i + 1 }) }));
    return { schema: 1, id: newId(), name, classes, settings: defaultSettings, trainedVersion: null, updatedAt: Date.now() };
  }

  let draft: ModelDraft = freshDraft(t('trainer.defaultModelName'));
  /** Every picture, including those of a deleted class while its undo is offered. */
  let pictures: StoredPicture[] = [];
  /** Unlabelled pictures (classId '') and test pictures (any class, as `pictures`): never trained on. */
  let inbox: StoredPicture[] = [];
  let testPictures: StoredPicture[] = [];
  let trained: TrainedVersion | null = null;
  let training: TrainingView = { status: 'idle' };
  let engineStatus: EngineStatus = { status: options.engineReady ? 'starting' : 'ready' };
  let loaded = false;
  let persistent = true;
  /** Inbox and test pictures being embedded. */
  let adding = 0;
  const incoming = createIncomingPictures();
  let deleted: { readonly info: ClassInfo; readonly index: number } | null = null;
  /** Pictures removed from one class (already gone from storage), for undo, in the order removed. Never set with `deleted`. */
  let removed: { readonly classId: string; readonly steps: readonly Removal[] } | null = null;
  let problem: ProblemCode | null = null;
  let abort: AbortController | null = null;
  let lastCreatedAt = 0;
  /** Every model of the project by id, in the trainer's order; the active model's entry is refreshed by stash(). */
  let models = new Map<string, LoadedModel>([[draft.id, { draft, pictures: [], trained: null }]]);
  let includePictures = false;
  /**
   * The selected model's trained version until the engine has it (then it is `trained`): between the two, what
   * the model has is this, though the blocks cannot use it yet.
   */
  let pendingTrained: TrainedVersion | null = null;
  let openedProject: OpenedProjectNotice | null = null;
  let earlierModels = 0;
  /** Changes whenever another model becomes active, so work started for the previous one is not applied to it. */
  let generation = 0;

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
        versionId: trained.version, classes: trainedClasses(), method: metadata.head.kind, trainedAt: metadata.trainedAt, history: metadata.history,
        ...(metadata.stoppedEarly && { stoppedEarly: metadata.stoppedEarly }),
        small: metadata.weightSpecs.length > 0 && metadata.weightSpecs.every((spec) => spec.dtype === 'int8'), outOfDate,
        ...(metadata.head.kind === 'dense' && { headLayers: metadata.head.layers }),
        learnedFrom: { pictures: trained.trainedOn.pictureIds.length, classes: trained.trainedOn.classIds.length },
      };
    }
    const modelList = [...models.values()].map((model): ModelListItem => (model.draft.id === draft.id
      ? { id: draft.id, name: draft.name, trained: (trained ?? pendingTrained) !== null }
      : { id: model.draft.id, name: model.draft.name, trained: model.trained !== null }));
    return {
      loaded, models: modelList, includePictures, openedProject, earlierModels, engine: engineStatus, persistent, modelId: draft.id, name: draft.name, classes, settings: draft.settings,
      augmentation: cleanChoice(draft.augmentation), trained: trainedView, training,
      readiness: trainReadiness(classes.map((view) => ({ name: view.name, pictureCount: view.pictures.length + incoming.of(view.id) })), draft.settings),
      addingPictures: adding + incoming.total(), undo: undoView(), problem,
      inbox, testPictures: testPictures.filter((picture) => byClass.has(picture.classId)),
    };
  }

  function commit(): void {
    state = snapshot();
    for (const listener of [...listeners]) listener();
    const signature = JSON.stringify([state.modelId, state.trained?.classes ?? null, state.models.map((model) => model.name)]);
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
    const written = write(store).then(() => options.tabs?.announce(), report);
    allWritten = allWritten.then(() => written);
  }

  function saveDraft(changes: Partial<ModelDraft>): void {
    draft = { ...draft, ...changes, updatedAt: Date.now() };
    commit();
    const snapshotOfDraft = draft;
    persist((target) => target.saveDraft(snapshotOfDraft));
  }

  function undoView(): UndoView | null {
    if (deleted) return { kind: 'class', className: deleted.info.name };
    if (!removed) return null;
    const { classId, steps } = removed;
    const info = draft.classes.find((candidate) => candidate.id === classId);
    return info ? { kind: 'pictures', classId, className: info.name, count: steps.reduce((sum, step) => sum + step.length, 0) } : null;
  }

  /** Takes pictures of one class out of it and out of storage at once, keeping them for undoDelete(). */
  function removePictures(gone: readonly StoredPicture[]): void {
    if (gone.length === 0) return;
    const { classId } = gone[0];
    if (removed?.classId !== classId) finishDeletion();
    const goneIds = new Set(gone.map((picture) => picture.id));
    const step = pictures.flatMap((picture, index) => (goneIds.has(picture.id) ? [{ picture, index }] : []));
    removed = { classId, steps: [...(removed?.steps ?? []), step] };
    pictures = pictures.filter((picture) => !goneIds.has(picture.id));
    commit();
    const modelId = draft.id;
    persist((target) => target.deletePictures(modelId, [...goneIds]));
  }

  /** Puts removed pictures back where they were: the last removal first, each in the order it had. */
  function restoreRemoved(steps: readonly Removal[]): void {
    const restored = [...pictures];
    for (const step of [...steps].reverse()) {
      for (const { picture, index } of step) restored.splice(Math.min(index, restored.length), 0, picture);
    }
    pictures = restored;
    commit();
    for (const step of steps) for (const { picture } of step) persist((target) => target.putPicture(picture));
  }

  /** Makes a pending deletion final: a deleted class's pictures leave memory and storage (removed pictures already have). */
  function finishDeletion(): void {
    removed = null;
    if (!deleted) return;
    const classId = deleted.info.id;
    const gone = pictures.filter((picture) => picture.classId === classId).map((picture) => picture.id);
    pictures = pictures.filter((picture) => picture.classId !== classId);
    deleted = null;
    const modelId = draft.id;
    if (gone.length > 0) persist((target) => target.deletePictures(modelId, gone));
    const goneTests = testPictures.filter((picture) => picture.classId === classId).map((picture) => picture.id);
    testPictures = testPictures.filter((picture) => picture.classId !== classId);
    if (goneTests.length > 0) persist((target) => target.deleteSetPictures('test', modelId, goneTests));
  }

  async function activate(version: TrainedVersion): Promise<void> {
    await engine.loadModel(engineKey(), version.model);
    trained = version;
  }

  /** Keeps the active model's current state in `models` (before it is listed, saved or switched away from). */
  function stash(): void {
    models.set(draft.id, { draft, pictures, trained: trained ?? pendingTrained, inbox, testPictures });
  }

  /** Makes one of `models` the active one in memory; the engine gets its trained model through activateTrained(). */
  function select(modelId: string): void {
    deleted = null;
    removed = null;
    const model = models.get(modelId)!;
    // Settings saved by an older version may lack a field or hold one the engine no longer accepts.
    draft = { ...model.draft, settings: restoreSettings(defaultSettings, model.draft.settings) };
    pictures = [...model.pictures];
    inbox = [...(model.inbox ?? [])];
    testPictures = [...(model.testPictures ?? [])];
    trained = null;
    pendingTrained = model.trained;
    training = { status: 'idle' };
    generation++;
    lastCreatedAt = Math.max(lastCreatedAt, ...[...pictures, ...inbox, ...testPictures].map((picture) => picture.createdAt));
  }

  /** Puts the selected model's trained version into the engine (the blocks can use it once this resolves). */
  async function activateTrained(version: TrainedVersion | null): Promise<void> {
    const started = generation;
    await engineReady;
    if (!version || started !== generation) return;
    try {
      await activate(version);
    } catch (error) {
      report(error);
    }
    commit();
  }

  async function load(): Promise<void> {
    let saved;
    try {
      saved = await store.loadWorkspace();
    } catch (error) {
      // No usable IndexedDB: keep working for this session, and say that the work will not be kept.
      store = createModelStore(createMemoryBackend());
      persistent = false;
      problem = problemCode(error);
    }
    if (saved) {
      models = new Map(saved.models.map((model) => [model.draft.id, model]));
      includePictures = saved.includePictures;
      earlierModels = saved.setAsideCount;
      select(saved.activeModelId);
    } else {
      const fresh = draft;
      persist((target) => target.createModel(fresh));
    }
    loaded = true;
    const version = pendingTrained;
    commit();
    await activateTrained(version);
  }

  /** Another tab wrote since this tab last read the store. */
  let changedElsewhere = false;
  let rereadTimer: ReturnType<typeof setTimeout> | undefined;
  options.tabs?.onAnnouncement(() => {
    changedElsewhere = true;
    clearTimeout(rereadTimer);
    rereadTimer = setTimeout(() => {
      // While training, the result is saved onto what the other tab wrote (see train()).
      if (training.status !== 'running') {
        void takeInOtherTabs()
          .then((changedTrained) => {
            commit();
            return changedTrained && activateTrained(changedTrained);
          })
          .catch(report);
      }
    }, REREAD_DELAY_MS);
  });

  /**
   * Reads what other tabs saved: the project's models and, when the active model is among them, its classes,
   * pictures and trained version (this tab's training state and pending undo stay). Reads without tidying, so a
   * tab half-way through a save loses nothing. Does not commit; returns the trained version another tab saved
   * for the active model, for the engine, if it changed.
   */
  async function takeInOtherTabs(): Promise<TrainedVersion | null> {
    if (!changedElsewhere || !loaded) return null;
    changedElsewhere = false;
    await allWritten;
    const saved = await store.loadWorkspace({ tidy: false });
    if (!saved) return null;
    models = new Map(saved.models.map((model) => [model.draft.id, model]));
    includePictures = saved.includePictures;
    earlierModels = saved.setAsideCount;
    const latest = models.get(draft.id);
    if (!latest) {
      stash(); // another tab opened a project: this tab keeps its model
      return null;
    }
    draft = { ...latest.draft, settings: restoreSettings(defaultSettings, latest.draft.settings) };
    pictures = [...latest.pictures];
    inbox = [...(latest.inbox ?? [])];
    testPictures = [...(latest.testPictures ?? [])];
    lastCreatedAt = Math.max(lastCreatedAt, ...[...pictures, ...inbox, ...testPictures].map((picture) => picture.createdAt));
    const current = trained ?? pendingTrained;
    if (latest.trained?.version === current?.version) return null;
    trained = null;
    pendingTrained = latest.trained;
    return latest.trained;
  }

  /** Whether the project's models may change now: not while training (its result belongs to the active model). */
  const canSwitch = () => training.status !== 'running';

  /** Makes `model` (already in `models`) active in memory and in the engine. */
  async function switchTo(modelId: string): Promise<void> {
    finishDeletion();
    stash();
    select(modelId);
    const version = pendingTrained;
    commit();
    await activateTrained(version);
  }

  function modelNames(except?: string): string[] {
    stash();
    return [...models.values()].filter((model) => model.draft.id !== except).map((model) => model.draft.name);
  }

  /** Adds a whole model to the project, stores it and makes it active. */
  async function addModel(model: LoadedModel): Promise<void> {
    stash();
    models.set(model.draft.id, model);
    persist((target) => target.putModel(model));
    await switchTo(model.draft.id);
  }

  /** Decodes and embeds pictures that came without embeddings (an opened project's); null where one cannot be read. */
  async function embedPictures(encoded: readonly Blob[]): Promise<(Float32Array | null)[]> {
    const images = await Promise.all(encoded.map((blob) => (decodePicture ? decodePicture(blob).catch(() => null) : Promise.resolve(null))));
    const readable = images.flatMap((image, index) => (image ? [{ image, index }] : []));
    const embeddings: (Float32Array | null)[] = encoded.map(() => null);
    for (let start = 0; start < readable.length; start += EMBED_BATCH) {
      const batch = readable.slice(start, start + EMBED_BATCH);
      const embedded = await engine.embed(batch.map((entry) => entry.image));
      batch.forEach((entry, i) => { embeddings[entry.index] = embedded[i]; });
    }
    return embeddings;
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

  /**
   * Embeds new pictures batch by batch and hands each batch to `keep` as stored pictures of `classId` ('' for the
   * inbox), unless that class (or the model) is gone by then; problems are reported. `settle` hears how many of
   * the pictures (already counted as on their way) are done, kept or not.
   */
  async function embedNew(
    newPictures: readonly NewPicture[], classId: string, keep: (stored: StoredPicture[]) => void, settle: (count: number) => void,
  ): Promise<void> {
    let waiting = newPictures.length;
    commit();
    const startedFor = generation;
    try {
      await engineReady;
      for (let start = 0; start < newPictures.length; start += EMBED_BATCH) {
        const batch = newPictures.slice(start, start + EMBED_BATCH);
        const embeddings = await engine.embed(batch.map((picture) => picture.image));
        waiting -= batch.length;
        const stillThere = classId === '' ? startedFor === generation : draft.classes.some((info) => info.id === classId) || deleted?.info.id === classId;
        if (stillThere) {
          keep(batch.map((picture, index): StoredPicture => ({
            id: newId(), modelId: draft.id, classId, encoded: picture.encoded, mimeType: picture.mimeType, embedding: embeddings[index], createdAt: nextCreatedAt(),
          })));
        }
        // Settled after keeping, so the count readiness sees never dips between the two.
        settle(batch.length);
      }
    } catch (error) {
      report(error);
    } finally {
      settle(waiting);
      commit();
    }
  }

  /** Inbox and test pictures: counted in `adding` while they are embedded. */
  function embedIntoSet(newPictures: readonly NewPicture[], classId: string, keep: (stored: StoredPicture[]) => void): Promise<void> {
    adding += newPictures.length;
    return embedNew(newPictures, classId, keep, (count) => { adding -= count; });
  }

  function keepInClass(stored: StoredPicture[]): void {
    pictures = [...pictures, ...stored];
    commit();
    for (const picture of stored) persist((target) => target.putPicture(picture));
  }

  /** keepInClass for uploads: pictures already in their class (by content) are left out and counted. */
  function keepNewInClass(onDuplicates: (count: number) => void) {
    return (stored: StoredPicture[]) => {
      const classId = stored[0]?.classId;
      const { kept, skipped } = withoutDuplicates(stored, pictures.filter((picture) => picture.classId === classId));
      if (skipped > 0) onDuplicates(skipped);
      keepInClass(kept);
    };
  }

  /** `from` (the inbox or the test pictures) without the picture, whose deletion is written; `from` when absent. */
  function removeSetPicture(set: PictureSet, from: StoredPicture[], pictureId: string): StoredPicture[] {
    const picture = from.find((candidate) => candidate.id === pictureId);
    if (!picture) return from;
    persist((target) => target.deleteSetPictures(set, picture.modelId, [pictureId]));
    return from.filter((candidate) => candidate.id !== pictureId);
  }

  function nextCreatedAt(): number {
    // Strictly increasing, so pictures taken in the same millisecond keep their order after a reload.
    lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
    return lastCreatedAt;
  }

  /** Every picture (of `from`) of the trained model's classes, labelled with the model's index of its current class. */
  function labExamples(classes: readonly ClassInfo[], from: readonly StoredPicture[] = pictures): LabExample[] {
    const classIndex = new Map(classes.map((info, index) => [info.id, index]));
    const current = new Set(draft.classes.map((info) => info.id));
    return from
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

  /** The pictures "Shrink it" checks: those the model did not learn from when there are some, otherwise all. */
  function shrinkPictures(version: TrainedVersion) {
    const classes = trainedClasses();
    const examples = labExamples(classes);
    // KNN keeps every picture it was given, so for it every picture is a practice picture.
    const { unseen } = version.model.metadata.head.kind === 'knn' ? { unseen: [] } : splitByPractice(version, examples);
    return unseen.length > 0
      ? { classes, checked: unseen, measuredOn: 'held-out' as const }
      : { classes, checked: examples, measuredOn: 'practice' as const };
  }

  function shrinkComparison(
    classes: readonly ClassInfo[],
    checked: readonly LabExample[],
    measuredOn: ShrinkComparison['measuredOn'],
    report: Pick<ShrinkReport, 'bytesBefore' | 'bytesAfter' | 'before' | 'after' | 'changedPictures'>,
  ): ShrinkComparison {
    return {
      bytesBefore: report.bytesBefore,
      bytesAfter: report.bytesAfter,
      measuredOn,
      classes,
      before: report.before,
      after: report.after,
      changed: report.changedPictures.map((i) => ({
        pictureId: checked[i].pictureId,
        beforeClassId: classes[report.before.pictures[i].predictedClass].id,
        afterClassId: classes[report.after.pictures[i].predictedClass].id,
      })),
    };
  }

  /** The embeddings of the chosen extra copies (neural network only), made before the first epoch. */
  async function copiesFor(examples: readonly LabelledEmbedding[], settings: TrainingSettings, controller: AbortController) {
    const choice = cleanChoice(draft.augmentation);
    if (settings.head.kind !== 'dense' || copiesPerPicture(choice) === 0 || !copyMaker) return [];
    const byId = new Map(pictures.map((picture) => [picture.id, picture]));
    const sources = examples.map((example) => ({ pictureId: example.pictureId!, encoded: byId.get(example.pictureId!)!.encoded }));
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
      const problemWithName = nameProblem(clean, modelNames(draft.id));
      if (problemWithName) return problemWithName;
      if (clean !== draft.name) saveDraft({ name: clean });
      return null;
    },
    createModel(name) {
      if (!canSwitch()) return null;
      const fresh = freshDraft(uniqueName(cleanName(name) || t('trainer.defaultModelName'), modelNames()));
      void addModel({ draft: fresh, pictures: [], trained: null });
      return fresh.id;
    },
    duplicateModel(copyName) {
      if (!canSwitch()) return null;
      finishDeletion();
      stash();
      const id = newId();
      const version = trained && { ...trained, version: newId() };
      void addModel({
        draft: { ...draft, id, name: uniqueName(cleanName(copyName) || draft.name, modelNames()), trainedVersion: version?.version ?? null, updatedAt: Date.now() },
        pictures: pictures.map((picture) => ({ ...picture, modelId: id })),
        trained: version,
        inbox: inbox.map((picture) => ({ ...picture, modelId: id })),
        testPictures: testPictures.map((picture) => ({ ...picture, modelId: id })),
      });
      return id;
    },
    deleteModel(modelId) {
      if (!canSwitch() || !models.has(modelId)) return false;
      stash();
      const remaining = [...models.keys()].filter((id) => id !== modelId);
      const wasActive = modelId === draft.id;
      models.delete(modelId);
      void engine.unloadModel(`model/${modelId}`).catch(() => undefined);
      if (remaining.length === 0) {
        const fresh = freshDraft(t('trainer.defaultModelName'));
        models.set(fresh.id, { draft: fresh, pictures: [], trained: null });
        persist((target) => target.createModel(fresh));
        select(fresh.id);
      } else if (wasActive) {
        select(remaining[0]);
        void activateTrained(pendingTrained);
      }
      const activeId = draft.id;
      persist((target) => target.deleteModel(modelId, activeId));
      commit();
      return true;
    },
    async switchModel(modelId) {
      if (!canSwitch() || !models.has(modelId)) return false;
      if (modelId === draft.id) return true;
      persist((target) => target.updateWorkspace({ activeModelId: modelId }));
      await switchTo(modelId);
      return true;
    },
    async addTrainedModel(model) {
      const id = newId();
      const name = uniqueName(cleanName(model.metadata.name) || t('trainer.defaultModelName'), modelNames());
      const version: TrainedVersion = {
        version: newId(), model, trainedOn: { classIds: model.metadata.classes.map((info) => info.id), pictureIds: [] },
      };
      await engineReady;
      // The engine checks it before it becomes part of the project.
      await engine.loadModel(`model/${id}`, model);
      await addModel({
        draft: { ...freshDraft(name), id, classes: model.metadata.classes, trainedVersion: version.version },
        pictures: [],
        trained: version,
      });
      return id;
    },
    setIncludePictures(include) {
      if (include === includePictures) return;
      includePictures = include;
      commit();
      persist((target) => target.updateWorkspace({ includePictures: include }));
    },
    async exportModelFile() {
      const version = trained;
      if (!version) throw new EngineError('model/not-loaded', 'no trained model yet');
      const name = draft.name;
      // The backbone the engine runs, from whichever source it came (cache, our server or Google's).
      const backbone = await engine.backboneArtifacts();
      // The current class names go into the file, as the blocks and the trainer show them.
      const model = { ...version.model, metadata: { ...version.model.metadata, name, classes: trainedClasses() } };
      return { fileName: exportFileName(name), bytes: await exportModelZip(model, backbone) };
    },
    async importModel(files) {
      const { model, renamed } = await importModelFiles(files, {
        model: t('trainer.defaultModelName'), className: (position) => t('trainer.defaultClassName', { number: position }),
      });
      await service.addTrainedModel(model);
      return renamed;
    },
    async bringBackEarlierModels() {
      await allWritten;
      const restored = await store.restoreSetAside();
      stash();
      for (const model of restored) {
        const name = uniqueName(model.draft.name, modelNames());
        models.set(model.draft.id, { ...model, draft: { ...model.draft, name } });
        if (name !== model.draft.name) persist((target) => target.saveDraft({ ...model.draft, name }));
      }
      earlierModels = 0;
      commit();
    },
    dismissOpenedProject() {
      openedProject = null;
      commit();
    },

    exportForProject() {
      stash();
      return {
        models: [...models.values()].map((model) => toProjectModel(model, includePictures)),
        activeModelId: draft.id,
        includePictures,
      };
    },
    async replaceFromProject(load, project) {
      await loading;
      if (!load.present && project?.usesBlocks) return;
      abort?.abort();
      stash();
      const previous = [...models.keys()];
      // Models with nothing in them are not worth keeping aside.
      const empty = [...models.values()].filter((model) => model.draft.classes.length === 0 && !model.trained).map((model) => model.draft.id);
      if (load.present) await engineReady;
      const opened = load.present
        ? await modelsFromProject(load, {
          cleanSettings: (settings) => restoreSettings(defaultSettings, settings),
          embedPictures,
          checkTrained: (modelId, version) => engine.loadModel(`model/${modelId}`, version.model),
        })
        : { models: [], activeModelId: null, broken: [], droppedPictures: 0, renamed: [] };
      const kept = opened.models.length > 0 ? opened.models : [{ draft: freshDraft(t('trainer.defaultModelName')), pictures: [], trained: null }];
      const activeModelId = opened.activeModelId ?? kept[0].draft.id;
      models = new Map(kept.map((model) => [model.draft.id, model]));
      includePictures = load.present && load.includePictures;
      openedProject = opened.broken.length > 0 || opened.droppedPictures > 0 || opened.renamed.length > 0
        ? { broken: opened.broken, droppedPictures: opened.droppedPictures, renamed: opened.renamed }
        : null;
      select(activeModelId);
      persist((target) => target.replaceWorkspace({ models: kept, activeModelId, includePictures }, empty));
      earlierModels = Math.min(SET_ASIDE_LIMIT, earlierModels + previous.length - empty.length);
      for (const modelId of previous) void engine.unloadModel(`model/${modelId}`).catch(() => undefined);
      // The trained models were loaded into the engine while being checked.
      trained = models.get(activeModelId)!.trained;
      commit();
    },
    getModelNames: () => modelNames(),
    async useModel(name) {
      const lower = cleanName(name).toLocaleLowerCase();
      stash();
      const model = [...models.values()].find((candidate) => candidate.draft.name.toLocaleLowerCase() === lower);
      return model ? service.switchModel(model.draft.id) : false;
    },
    addClass(name) {
      finishDeletion();
      const taken = draft.classes.map((info) => info.name);
      const fallback = t('trainer.defaultClassName', { number: draft.classes.length + 1 });
      const info: ClassInfo = { id: newId(), name: uniqueName(cleanName(name) || fallback, taken) };
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
      if (removed) {
        const { steps } = removed;
        removed = null;
        restoreRemoved(steps);
        return;
      }
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

    async addPictures(classId, newPictures, options) {
      const intake = service.expectPictures(classId, newPictures.length, options);
      try {
        await intake.add(newPictures);
      } finally {
        intake.finish();
      }
    },
    expectPictures(classId, count, options = {}) {
      incoming.expect(classId, count);
      commit();
      let announced = count;
      return {
        async add(newPictures) {
          // More than announced (a caller that miscounted) still counts while on its way.
          incoming.expect(classId, Math.max(0, newPictures.length - announced));
          announced = Math.max(0, announced - newPictures.length);
          const keep = options.onDuplicates ? keepNewInClass(options.onDuplicates) : keepInClass;
          await embedNew(newPictures, classId, keep, (settled) => incoming.settle(classId, settled));
        },
        finish() {
          if (announced === 0) return;
          incoming.settle(classId, announced);
          announced = 0;
          commit();
        },
      };
    },
    removePicture(pictureId) {
      removePictures(pictures.filter((picture) => picture.id === pictureId));
    },
    removeAllPictures(classId) {
      removePictures(pictures.filter((picture) => picture.classId === classId));
    },
    movePicture(pictureId, classId) {
      const picture = pictures.find((candidate) => candidate.id === pictureId);
      if (!picture || picture.classId === classId || !draft.classes.some((info) => info.id === classId)) return;
      const moved: StoredPicture = { ...picture, classId };
      pictures = pictures.map((candidate) => (candidate.id === pictureId ? moved : candidate));
      commit();
      persist((target) => target.putPicture(moved));
    },

    async addToInbox(newPictures) {
      await embedIntoSet(newPictures, '', (stored) => {
        inbox = [...inbox, ...stored];
        commit();
        for (const picture of stored) persist((target) => target.putSetPicture('inbox', picture));
      });
    },
    labelInboxPicture(pictureId, classId) {
      const picture = inbox.find((candidate) => candidate.id === pictureId);
      if (!picture || !draft.classes.some((info) => info.id === classId)) return;
      // Last in its class, as a picture just added there.
      const labelled: StoredPicture = { ...picture, classId, createdAt: nextCreatedAt() };
      inbox = inbox.filter((candidate) => candidate.id !== pictureId);
      pictures = [...pictures, labelled];
      commit();
      persist((target) => target.labelInboxPicture(labelled));
    },
    discardInboxPicture(pictureId) {
      inbox = removeSetPicture('inbox', inbox, pictureId);
      commit();
    },
    async guessInbox() {
      if (!trained) throw new EngineError('model/not-loaded', 'no trained model yet');
      const classes = trainedClasses();
      const waiting = inbox;
      await engineReady;
      const predictions = await engine.predictEmbeddings(engineKey(), waiting.map((picture) => picture.embedding));
      return predictions.map((prediction, i) => ({
        pictureId: waiting[i].id,
        classId: classes[prediction.classIndex].id,
        confidence: Math.round(prediction.confidences[prediction.classIndex] * 100),
      }));
    },
    async addTestPictures(classId, newPictures) {
      await embedIntoSet(newPictures, classId, (stored) => {
        testPictures = [...testPictures, ...stored];
        commit();
        for (const picture of stored) persist((target) => target.putSetPicture('test', picture));
      });
    },
    removeTestPicture(pictureId) {
      testPictures = removeSetPicture('test', testPictures, pictureId);
      commit();
    },
    async evaluateTestPictures() {
      if (!trained) throw new EngineError('model/not-loaded', 'no trained model yet');
      const classes = trainedClasses();
      const examples = labExamples(classes, testPictures);
      const base = { trainedAt: trained.model.metadata.trainedAt, classes, measuredOn: 'test' as const };
      await engineReady;
      return labReport(base, { examples, evaluation: await engine.evaluate(engineKey(), examples), practised: false });
    },

    setAugmentation(changes) {
      const choice = cleanChoice({ ...cleanChoice(draft.augmentation), ...changes });
      if (JSON.stringify(choice) !== JSON.stringify(cleanChoice(draft.augmentation))) saveDraft({ augmentation: choice });
    },
    async previewCopies(pictureId) {
      const picture = pictures.find((candidate) => candidate.id === pictureId);
      if (!picture || !decodePicture) return [];
      const image = await decodePicture(picture.encoded);
      return [{ kind: 'original', image }, ...augmentVariants(image, DEFAULT_AUGMENTATION)];
    },

    updateSettings(changes) {
      const settings = applySettingChanges(draft.settings, changes);
      if (JSON.stringify(settings) !== JSON.stringify(draft.settings)) saveDraft({ settings });
    },

    async train() {
      if (training.status === 'running' || training.status === 'waiting') return;
      if (incoming.total() > 0) {
        const startedFor = generation;
        training = { status: 'waiting' };
        problem = null;
        commit();
        await incoming.whenSettled();
        // Stopped while waiting, or another model became active.
        if (training.status !== 'waiting' || startedFor !== generation) return;
        training = { status: 'idle' };
        commit();
      }
      const readiness = state.readiness;
      if (!readiness.ready) {
        if (readiness.need === 'head') report(new EngineError('train/invalid-head', 'the block stack has problems', readiness.problems));
        else report(new EngineError(readiness.need === 'classes' ? 'train/too-few-classes' : 'train/too-few-examples', 'not ready'));
        return;
      }
      const classes = draft.classes;
      const classIndex = new Map(classes.map((info, index) => [info.id, index]));
      // In class order, each class's pictures in the order they were given: pictures of several classes arrive
      // interleaved when they are added at once, and the order must not change what the model learns.
      const examples: LabelledEmbedding[] = pictures
        .filter((picture) => classIndex.has(picture.classId))
        .map((picture) => ({ classIndex: classIndex.get(picture.classId)!, embedding: picture.embedding, pictureId: picture.id }))
        .sort((a, b) => a.classIndex - b.classIndex);
      const trainedOn: TrainedOn = {
        classIds: classes.map((info) => info.id),
        pictureIds: examples.map((example) => example.pictureId!),
        pictureClassIds: examples.map((example) => classes[example.classIndex].id),
      };
      const settings = draft.settings;
      const controller = new AbortController();
      abort = controller;
      const history: EpochMetrics[] = [];
      const startedFor = generation;
      const totalEpochs = totalEpochsOf(settings.head);
      training = { status: 'running', method: settings.head.kind, epoch: 0, totalEpochs, history, stopping: false };
      problem = null;
      commit();
      try {
        await engineReady;
        const augmented = await copiesFor(examples, settings, controller);
        if (controller.signal.aborted) throw new EngineError('train/cancelled', 'training was stopped');
        const model = await engine.train(
          { modelName: draft.name, classes, examples, settings, seed: trainingSeed(examples), ...(augmented.length > 0 && { augmented }) },
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
        // Another model became active meanwhile (an opened project): this result is not for it.
        if (startedFor !== generation) throw new EngineError('train/cancelled', 'the active model changed');
        const version: TrainedVersion = { version: newId(), model, trainedOn };
        // Saved onto what another tab wrote meanwhile (its new classes then show as "train again").
        await takeInOtherTabs();
        await activate(version);
        training = { status: 'done' };
        saveDraft({ trainedVersion: version.version });
        const pointing = draft;
        persist((target) => target.saveTrained(pointing, version));
      } catch (error) {
        const code = problemCode(error);
        if (startedFor !== generation) return;
        training = code === 'train/cancelled' ? { status: 'stopped' } : { status: 'failed', problem: code };
        if (training.status === 'failed') console.warn('[image-model] training failed', error);
        commit();
      } finally {
        if (abort === controller) abort = null;
      }
    },
    stopTraining() {
      if (training.status === 'waiting') {
        training = { status: 'idle' };
        commit();
        return;
      }
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
      const { classes, checked, measuredOn } = shrinkPictures(version);
      await engineReady;
      const report = await engine.shrinkModel(version.model, checked);
      return { ...shrinkComparison(classes, checked, measuredOn, report), fromVersion: version.version, model: report.model };
    },
    async shrinkBackbone() {
      const version = trained;
      if (!version) throw new EngineError('model/not-loaded', 'no trained model yet');
      if (!decodePicture) throw new EngineError('image/invalid', 'no picture decoder to read the pictures with');
      const { classes, checked, measuredOn } = shrinkPictures(version);
      const encodedOf = new Map(pictures.map((picture) => [picture.id, picture.encoded]));
      const decoded = await Promise.all(checked.map((example) => decodePicture(encodedOf.get(example.pictureId)!).catch(() => null)));
      const readable = checked.flatMap((example, i) => (decoded[i] ? [{ example, image: decoded[i] }] : []));
      await engineReady;
      const report = await engine.shrinkBackbone(engineKey(), readable.map(({ example, image }) => ({ image, classIndex: example.classIndex })));
      return shrinkComparison(classes, readable.map(({ example }) => example), measuredOn, report);
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

    async describeModelLayers() {
      if (!trained) throw new EngineError('model/not-loaded', 'no trained model yet');
      await engineReady;
      return engine.describeLayers(engineKey());
    },
    async lookAtLayer(pictureId, layerIndex) {
      if (!trained) throw new EngineError('model/not-loaded', 'no trained model yet');
      const picture = pictures.find((candidate) => candidate.id === pictureId);
      if (!picture || !decodePicture) throw new EngineError('image/invalid', `no picture ${pictureId} to look at`);
      const image = await decodePicture(picture.encoded);
      await engineReady;
      return engine.lookAtLayer(engineKey(), image, layerIndex);
    },

    dismissProblem() {
      problem = null;
      commit();
    },

    // RecognizerApi: what the blocks see.
    getClasses: () => trainedClasses(),
    hasTrainedModel: () => trained !== null,
    activeModelId: () => draft.id,
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
