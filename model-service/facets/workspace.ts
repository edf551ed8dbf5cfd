// Models and workspace: the project's models (create, rename, duplicate, delete, switch), which one is active in
// memory and in the engine, and loading the saved work at start.
import {
  type ClassInfo,
  cleanName,
  EngineError,
  type FeatureSource,
  nameProblem,
  type NameProblem,
  type TrainingSettings,
  uniqueName,
  featureSourceOf,
} from '../../engine';
import { t } from '../../locales';
import { createMemoryBackend, createModelStore, type LoadedModel, type ModelDraft, type TrainedVersion } from '../../store';
import { newId } from '../ids';
import { problemCode } from '../problems';
import { engineKey, engineKeyOf, isTraining, noteCreatedAt } from '../session';
import { restoreSettings } from '../settings';
import type { FacetContext } from './context';

export interface WorkspaceFacet {
  /** Resolves once the saved work is loaded and its trained model (if any) is active in the engine. */
  whenLoaded(): Promise<void>;
  /** Renames the active model; names are unique among the project's models (blocks choose models by name). */
  renameModel(name: string): NameProblem | null;
  /** Makes a new empty model the active one, looking at `source` (Pictures by default); returns its id. Refused (null) while training. */
  createModel(name: string, source?: FeatureSource): string | null;
  /**
   * Changes what the active model looks at. Only while it has no pictures and was never trained (their numbers
   * would be the wrong kind): false otherwise.
   */
  setFeatureSource(source: FeatureSource): boolean;
  /** Copies the active model (classes, pictures, trained model) under a new name and makes the copy active. */
  duplicateModel(copyName: string): string | null;
  /** Deletes a model; deleting the last one leaves a new empty model. Refused (false) while training. */
  deleteModel(modelId: string): boolean;
  /** Makes another of the project's models the active one. Refused (false) while training. */
  switchModel(modelId: string): Promise<boolean>;
}

export interface Workspace {
  readonly api: WorkspaceFacet;
  /** A new, empty model with the default settings (and the default empty classes). */
  freshDraft(name: string, source?: FeatureSource): ModelDraft;
  /** Keeps the active model's current state in `models` (before it is listed, saved or switched away from). */
  stash(): void;
  /** Makes one of `models` the active one in memory; the engine gets its trained model through activateTrained(). */
  select(modelId: string): void;
  /** Takes a stored model's draft and pictures as the active model's (settings completed). */
  takeModel(model: LoadedModel): void;
  /** Puts a trained version into the engine as the active model's, then uses it. */
  activate(version: TrainedVersion): Promise<void>;
  /** Puts the selected model's trained version into the engine (the blocks can use it once this resolves). */
  activateTrained(version: TrainedVersion | null): Promise<void>;
  /** Names of the project's models, but the one with id `except`. */
  modelNames(except?: string): string[];
  /** Adds a whole model to the project, stores it and makes it active. */
  addModel(model: LoadedModel): Promise<void>;
  /** Frees a model's trained head in the engine, in the background (a model it does not hold is no problem). */
  unload(modelId: string): void;
  /** Whether the project's models may change now: not while training (its result belongs to the active model). */
}

/** A new, empty model: `classCount` empty classes ("Class 1", "Class 2") ready to fill. */
export function newModelDraft(
  name: string,
  settings: TrainingSettings,
  classCount: number,
  source: FeatureSource = 'pictures',
): ModelDraft {
  const classes = Array.from({ length: classCount }, (_, i): ClassInfo => ({
    id: newId(),
    name: t('trainer.defaultClassName', { number: i + 1 }),
  }));
  return {
    schema: 1,
    id: newId(),
    name,
    ...(source !== 'pictures' && { featureSource: source }),
    classes,
    settings,
    trainedVersion: null,
    updatedAt: Date.now(),
  };
}

export function createWorkspace(context: FacetContext, newModelClasses: number, pictures: { finishDeletion(): void }): Workspace {
  const { session, commit, persist } = context;

  const freshDraft = (name: string, source?: FeatureSource) => newModelDraft(name, context.defaultSettings, newModelClasses, source);

  function stash(): void {
    const { draft, pictures: classPictures, trained, pendingTrained, inbox, testPictures } = session;
    session.models.set(draft.id, { draft, pictures: classPictures, trained: trained ?? pendingTrained, inbox, testPictures });
  }

  function takeModel(model: LoadedModel): void {
    // Settings saved by an older version may lack a field or hold one the engine no longer accepts.
    session.draft = { ...model.draft, settings: restoreSettings(context.defaultSettings, model.draft.settings) };
    session.pictures = [...model.pictures];
    session.inbox = [...(model.inbox ?? [])];
    session.testPictures = [...(model.testPictures ?? [])];
    noteCreatedAt(session);
  }

  function select(modelId: string): void {
    session.deleted = null;
    session.removed = null;
    const model = session.models.get(modelId)!;
    takeModel(model);
    session.trained = null;
    session.pendingTrained = model.trained;
    session.training = { status: 'idle' };
    session.generation++;
  }

  /** Loads `version` as the active model's; throws 'train/cancelled' when another model became active meanwhile. */
  async function activate(version: TrainedVersion): Promise<void> {
    const started = session.generation;
    const key = engineKey(session);
    const engine = await context.engine();
    await engine.loadModel(key, version.model);
    if (started !== session.generation) throw new EngineError('train/cancelled', 'the active model changed');
    session.trained = version;
  }

  async function activateTrained(version: TrainedVersion | null): Promise<void> {
    const started = session.generation;
    await context.engine();
    if (!version || started !== session.generation) return;
    try {
      await activate(version);
    } catch (error) {
      context.report(error);
    }
    commit();
  }

  async function load(): Promise<void> {
    let saved;
    try {
      saved = await session.store.loadWorkspace();
    } catch (error) {
      // No usable IndexedDB: keep working for this session, and say that the work will not be kept.
      session.store = createModelStore(createMemoryBackend());
      session.persistent = false;
      session.problem = problemCode(error);
    }
    if (saved) {
      session.models = new Map(saved.models.map((model) => [model.draft.id, model]));
      session.includePictures = saved.includePictures;
      session.earlierModels = saved.setAsideCount;
      select(saved.activeModelId);
    } else {
      const fresh = session.draft;
      persist((target) => target.createModel(fresh));
    }
    session.loaded = true;
    const version = session.pendingTrained;
    commit();
    await activateTrained(version);
  }

  function unload(modelId: string): void {
    void context
      .engine()
      .then((engine) => engine.unloadModel(engineKeyOf(modelId)))
      .catch(() => undefined);
  }

  /** Makes `model` (already in `models`) active in memory and in the engine. */
  async function switchTo(modelId: string): Promise<void> {
    pictures.finishDeletion();
    stash();
    select(modelId);
    const version = session.pendingTrained;
    commit();
    await activateTrained(version);
  }

  function modelNames(except?: string): string[] {
    stash();
    return [...session.models.values()].filter((model) => model.draft.id !== except).map((model) => model.draft.name);
  }

  async function addModel(model: LoadedModel): Promise<void> {
    stash();
    session.models.set(model.draft.id, model);
    persist((target) => target.putModel(model));
    await switchTo(model.draft.id);
  }

  const loading = (async () => {
    try {
      await load();
    } catch (error) {
      session.loaded = true;
      context.report(error);
    }
  })();

  const api: WorkspaceFacet = {
    whenLoaded: () => loading,
    renameModel(name) {
      const clean = cleanName(name);
      const problemWithName = nameProblem(clean, modelNames(session.draft.id));
      if (problemWithName) return problemWithName;
      if (clean !== session.draft.name) context.saveDraft({ name: clean });
      return null;
    },
    createModel(name, source) {
      if (isTraining(session)) return null;
      const fresh = freshDraft(uniqueName(cleanName(name) || t('trainer.defaultModelName'), modelNames()), source);
      void addModel({ draft: fresh, pictures: [], trained: null });
      return fresh.id;
    },
    setFeatureSource(source) {
      if (featureSourceOf(session.draft) === source) return true;
      const { pictures: classPictures, inbox, testPictures, trained, pendingTrained } = session;
      const untouched = [classPictures, inbox, testPictures].every((list) => list.length === 0) && !trained && !pendingTrained;
      if (!untouched || isTraining(session) || session.incoming.total() > 0 || session.adding > 0) return false;
      context.saveDraft({ featureSource: source });
      return true;
    },
    duplicateModel(copyName) {
      if (isTraining(session)) return null;
      pictures.finishDeletion();
      stash();
      const { draft, trained } = session;
      const id = newId();
      const version = trained && { ...trained, version: newId() };
      void addModel({
        draft: {
          ...draft,
          id,
          name: uniqueName(cleanName(copyName) || draft.name, modelNames()),
          trainedVersion: version?.version ?? null,
          updatedAt: Date.now(),
        },
        pictures: session.pictures.map((picture) => ({ ...picture, modelId: id })),
        trained: version,
        inbox: session.inbox.map((picture) => ({ ...picture, modelId: id })),
        testPictures: session.testPictures.map((picture) => ({ ...picture, modelId: id })),
      });
      return id;
    },
    deleteModel(modelId) {
      if (isTraining(session) || !session.models.has(modelId)) return false;
      stash();
      const remaining = [...session.models.keys()].filter((id) => id !== modelId);
      const wasActive = modelId === session.draft.id;
      session.models.delete(modelId);
      unload(modelId);
      if (remaining.length === 0) {
        const fresh = freshDraft(t('trainer.defaultModelName'));
        session.models.set(fresh.id, { draft: fresh, pictures: [], trained: null });
        persist((target) => target.createModel(fresh));
        select(fresh.id);
      } else if (wasActive) {
        select(remaining[0]);
        void activateTrained(session.pendingTrained);
      }
      const activeId = session.draft.id;
      persist((target) => target.deleteModel(modelId, activeId));
      commit();
      return true;
    },
    async switchModel(modelId) {
      if (isTraining(session) || !session.models.has(modelId)) return false;
      if (modelId === session.draft.id) return true;
      persist((target) => target.updateWorkspace({ activeModelId: modelId }));
      await switchTo(modelId);
      return true;
    },
  };

  return { api, freshDraft, stash, select, takeModel, activate, activateTrained, modelNames, addModel, unload };
}
