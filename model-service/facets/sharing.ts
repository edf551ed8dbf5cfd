// Sharing: the child's models in and out of the project (.sb3 save and open), a model file to export or import,
// and the models set aside when other projects were opened.
import {
  cleanName,
  encodeModel,
  type EngineApi,
  exportModelZip,
  type FeatureSource,
  type ImportFile,
  importModelFiles,
  type NameChange,
  type SerializedModel,
  uniqueName,
  featureSourceOf,
} from '../../engine';
import { t } from '../../locales';
import type { ProjectModels, ProjectModelsLoad } from '../../project-file';
import { SET_ASIDE_LIMIT, type TrainedVersion } from '../../store';
import { safeFileName } from '../file-name';
import { newId } from '../ids';
import type { PictureFeatures } from '../picture-features';
import { modelsFromProject, toProjectModel } from '../project-models';
import { engineKeyOf, requireTrained, trainedClasses } from '../session';
import { restoreSettings } from '../settings';
import type { FacetContext } from './context';
import { EMBED_BATCH } from './pictures';
import type { Workspace } from './workspace';

export interface SharingFacet {
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

  /** The project's models for a save, synchronously (picture JPEGs as Blobs; weights are never transferred). */
  exportForProject(): ProjectModels;
  /**
   * Makes an opened project's models the child's models: usable ones are stored and activated, broken ones are
   * listed (never stored). A project without models (`present: false`) starts with one empty model, unless
   * `usesBlocks` says its scripts use Image Model: it was saved before models travelled in the .sb3, so it keeps
   * this browser's models. The models that were there before are set aside in storage, never mixed in.
   */
  replaceFromProject(load: ProjectModelsLoad, project?: { readonly usesBlocks: boolean }): Promise<void>;
}

/** A file name from the model's name that every system accepts. */
function exportFileName(modelName: string): string {
  return `${safeFileName(modelName, 'image-model')}.zip`;
}

/** The exact model file alone, for models Teachable Machine cannot open. */
function exactFileName(modelName: string): string {
  return `${safeFileName(modelName, 'image-model')}.bin`;
}

export function createSharing(context: FacetContext, workspace: Workspace, whenSaved: () => Promise<void>): SharingFacet {
  const { session, commit, persist } = context;
  const { stash, modelNames } = workspace;

  /**
   * Decodes pictures that came without their numbers (an opened project's) and makes them again (embeddings, or
   * found hands); null where one cannot be read.
   */
  async function featuresOf(encoded: readonly Blob[], source: FeatureSource): Promise<(PictureFeatures | null)[]> {
    const { decodePicture } = context;
    const images = await Promise.all(
      encoded.map((blob) => (decodePicture ? decodePicture(blob).catch(() => null) : Promise.resolve(null))),
    );
    const readable = images.flatMap((image, index) => (image ? [{ image, index }] : []));
    const features: (PictureFeatures | null)[] = encoded.map(() => null);
    for (let start = 0; start < readable.length; start += EMBED_BATCH) {
      const batch = readable.slice(start, start + EMBED_BATCH);
      const made = await context.features.featuresOf(
        source,
        batch.map((entry) => entry.image),
      );
      batch.forEach((entry, i) => {
        features[entry.index] = made[i];
      });
    }
    return features;
  }

  /** The opened project's models, checked by the engine (their trained models are loaded into it meanwhile). */
  function openProject(load: ProjectModelsLoad, engine: EngineApi) {
    return modelsFromProject(load, {
      cleanSettings: (settings) => restoreSettings(context.defaultSettings, settings),
      featuresOf,
      checkTrained: (modelId, version) => engine.loadModel(engineKeyOf(modelId), version.model),
    });
  }

  const sharing: SharingFacet = {
    async addTrainedModel(model) {
      const id = newId();
      const name = uniqueName(cleanName(model.metadata.name) || t('trainer.defaultModelName'), modelNames());
      const version: TrainedVersion = {
        version: newId(),
        model,
        trainedOn: { classIds: model.metadata.classes.map((info) => info.id), pictureIds: [] },
      };
      const engine = await context.engine();
      // The engine checks it before it becomes part of the project.
      await engine.loadModel(engineKeyOf(id), model);
      await workspace.addModel({
        draft: {
          ...workspace.freshDraft(name, featureSourceOf(model.metadata)),
          id,
          classes: model.metadata.classes,
          trainedVersion: version.version,
        },
        pictures: [],
        trained: version,
      });
      return id;
    },
    setIncludePictures(include) {
      if (include === session.includePictures) return;
      session.includePictures = include;
      commit();
      persist((target) => target.updateWorkspace({ includePictures: include }));
    },
    async exportModelFile() {
      const version = requireTrained(session);
      const { name } = session.draft;
      // The current class names go into the file, as the blocks and the trainer show them.
      const model = { ...version.model, metadata: { ...version.model.metadata, name, classes: trainedClasses(session) } };
      // Teachable Machine has no Hands models: ours travels as our exact model file alone (import reads it).
      if (featureSourceOf(session.draft) !== 'pictures') return { fileName: exactFileName(name), bytes: encodeModel(model) };
      // The backbone the engine runs, from whichever source it came (cache, our server or Google's).
      const backbone = await (await context.engine()).backboneArtifacts();
      return { fileName: exportFileName(name), bytes: await exportModelZip(model, backbone) };
    },
    async importModel(files) {
      const { model, renamed } = await importModelFiles(files, {
        model: t('trainer.defaultModelName'),
        className: (position) => t('trainer.defaultClassName', { number: position }),
      });
      await sharing.addTrainedModel(model);
      return renamed;
    },
    dismissOpenedProject() {
      session.openedProject = null;
      commit();
    },
    async bringBackEarlierModels() {
      await whenSaved();
      const restored = await session.store.restoreSetAside();
      stash();
      for (const model of restored) {
        const name = uniqueName(model.draft.name, modelNames());
        session.models.set(model.draft.id, { ...model, draft: { ...model.draft, name } });
        if (name !== model.draft.name) persist((target) => target.saveDraft({ ...model.draft, name }));
      }
      session.earlierModels = 0;
      commit();
    },

    exportForProject() {
      stash();
      const { includePictures } = session;
      return {
        models: [...session.models.values()].map((model) => toProjectModel(model, includePictures)),
        activeModelId: session.draft.id,
        includePictures,
      };
    },
    async replaceFromProject(load, project) {
      await workspace.api.whenLoaded();
      if (!load.present && project?.usesBlocks) return;
      session.abort?.abort();
      stash();
      const previous = [...session.models.keys()];
      // Models with nothing in them are not worth keeping aside.
      const empty = [...session.models.values()]
        .filter((model) => model.draft.classes.length === 0 && !model.trained)
        .map((model) => model.draft.id);
      const opened = load.present
        ? await openProject(load, await context.engine())
        : { models: [], activeModelId: null, broken: [], droppedPictures: 0, renamed: [], unreadableCards: 0 };
      const kept =
        opened.models.length > 0
          ? opened.models
          : [{ draft: workspace.freshDraft(t('trainer.defaultModelName')), pictures: [], trained: null }];
      const activeModelId = opened.activeModelId ?? kept[0].draft.id;
      session.models = new Map(kept.map((model) => [model.draft.id, model]));
      const includePictures = load.present && load.includePictures;
      session.includePictures = includePictures;
      const trainedModel = Boolean(session.models.get(activeModelId)?.trained);
      session.openedProject =
        opened.broken.length > 0 || opened.droppedPictures > 0 || opened.renamed.length > 0 || opened.unreadableCards > 0 || trainedModel
          ? {
              broken: opened.broken,
              droppedPictures: opened.droppedPictures,
              renamed: opened.renamed,
              unreadableCards: opened.unreadableCards,
              trainedModel,
            }
          : null;
      workspace.select(activeModelId);
      persist((target) => target.replaceWorkspace({ models: kept, activeModelId, includePictures }, empty));
      session.earlierModels = Math.min(SET_ASIDE_LIMIT, session.earlierModels + previous.length - empty.length);
      for (const modelId of previous) workspace.unload(modelId);
      // The trained models were loaded into the engine while being checked.
      session.trained = session.models.get(activeModelId)!.trained;
      commit();
    },
  };
  return sharing;
}
