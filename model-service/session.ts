// The model service's session: everything that changes while the child works, in one object that every facet
// receives, and the few questions about it that several facets ask. Only the facets read or write it.
import { type ClassInfo, EngineError } from '../engine';
import type { LoadedModel, ModelDraft, ModelStore, StoredPicture, TrainedVersion } from '../store';
import { createIncomingPictures, type IncomingPictures } from './incoming-pictures';
import type { ProblemCode } from './problems';
import type { EngineStatus, OpenedProjectNotice, TrainingView } from './state';

/** Pictures taken out of a class in one go, each with the place it had among all pictures. */
export type Removal = readonly { readonly picture: StoredPicture; readonly index: number }[];

export interface Session {
  /** Replaced by a memory store when the browser's cannot be read. */
  store: ModelStore;
  /** The active model. */
  draft: ModelDraft;
  /** Every picture, including those of a deleted class while its undo is offered. */
  pictures: StoredPicture[];
  /** Unlabelled pictures (classId '') and test pictures (any class, as `pictures`): never trained on. */
  inbox: StoredPicture[];
  testPictures: StoredPicture[];
  trained: TrainedVersion | null;
  /**
   * The selected model's trained version until the engine has it (then it is `trained`): between the two, what
   * the model has is this, though the blocks cannot use it yet.
   */
  pendingTrained: TrainedVersion | null;
  training: TrainingView;
  engine: EngineStatus;
  loaded: boolean;
  persistent: boolean;
  /** Inbox and test pictures being embedded. */
  adding: number;
  /** Class pictures on their way. */
  readonly incoming: IncomingPictures;
  deleted: { readonly info: ClassInfo; readonly index: number } | null;
  /** Pictures removed from one class (already gone from storage), for undo, in the order removed. Never set with `deleted`. */
  removed: { readonly classId: string; readonly steps: readonly Removal[] } | null;
  problem: ProblemCode | null;
  /** Stops the training under way. */
  abort: AbortController | null;
  lastCreatedAt: number;
  /** Every model of the project by id, in the trainer's order; the active model's entry is refreshed by stash(). */
  models: Map<string, LoadedModel>;
  includePictures: boolean;
  openedProject: OpenedProjectNotice | null;
  earlierModels: number;
  /** Changes whenever another model becomes active, so work started for the previous one is not applied to it. */
  generation: number;
}

export function createSession(store: ModelStore, draft: ModelDraft, engineStarting: boolean): Session {
  return {
    store,
    draft,
    pictures: [],
    inbox: [],
    testPictures: [],
    trained: null,
    pendingTrained: null,
    training: { status: 'idle' },
    engine: { status: engineStarting ? 'starting' : 'ready' },
    loaded: false,
    persistent: true,
    adding: 0,
    incoming: createIncomingPictures(),
    deleted: null,
    removed: null,
    problem: null,
    abort: null,
    lastCreatedAt: 0,
    models: new Map([[draft.id, { draft, pictures: [], trained: null }]]),
    includePictures: false,
    openedProject: null,
    earlierModels: 0,
    generation: 0,
  };
}

/** The active trained model; rejects what needs one with EngineError 'model/not-loaded' before any training. */
/** Training runs: models may not be switched, created or deleted, and other tabs' writes wait. */
export const isTraining = (session: Session): boolean => session.training.status === 'running';

export function requireTrained(session: Session): TrainedVersion {
  if (!session.trained) throw new EngineError('model/not-loaded', 'no trained model yet');
  return session.trained;
}

/** The name the engine keeps a model's trained head under. */
export const engineKeyOf = (modelId: string) => `model/${modelId}`;

export const engineKey = (session: Session) => engineKeyOf(session.draft.id);

/** The trained model's classes, with the names they have now. */
export function trainedClasses(session: Session): ClassInfo[] {
  const { trained, draft } = session;
  if (!trained) return [];
  const currentNames = new Map(draft.classes.map((info) => [info.id, info.name]));
  return trained.model.metadata.classes.map((info) => ({ id: info.id, name: currentNames.get(info.id) ?? info.name }));
}

export function nextCreatedAt(session: Session): number {
  // Strictly increasing, so pictures taken in the same millisecond keep their order after a reload.
  session.lastCreatedAt = Math.max(Date.now(), session.lastCreatedAt + 1);
  return session.lastCreatedAt;
}

/** Keeps createdAt increasing past every picture the session now holds. */
export function noteCreatedAt(session: Session): void {
  const { pictures, inbox, testPictures } = session;
  session.lastCreatedAt = Math.max(session.lastCreatedAt, ...[...pictures, ...inbox, ...testPictures].map((picture) => picture.createdAt));
}
