// Between the child's models (as the store keeps them) and a project's models (project-file/): what a save
// writes, and what an opened project's models become. The engine work (checking a trained model, embedding the
// pictures again) is passed in, so this module is plain data handling.
import { featureSourceOf, type FeatureSource, type NameChange, type TrainingSettings } from '../engine';
import type { LoadedProjectModel, ProjectModel, ProjectModelProblem, ProjectModelsLoad } from '../project-file';
import type { LoadedModel, StoredPicture, TrainedVersion } from '../store';
import { newId } from './ids';
import type { PictureFeatures } from './picture-features';

/** A model of an opened project that could not be used; it is listed in the trainer, never stored. */
export interface BrokenModel {
  /** Empty when the project's model part as a whole was unusable. */
  readonly name: string;
  readonly problem: ProjectModelProblem;
}

export interface OpenedProject {
  readonly models: readonly LoadedModel[];
  /** The new id of the project's active model; null when no model could be used. */
  readonly activeModelId: string | null;
  readonly broken: readonly BrokenModel[];
  /** Pictures left out: unreadable in the file, or not decodable as pictures. */
  readonly droppedPictures: number;
  /** Names the project reader repaired (project-file/read-models.ts), for the notice to say so. */
  readonly renamed: readonly NameChange[];
  /** Model cards in the file that were not cards of their model, and were left out. */
  readonly unreadableCards: number;
}

export interface OpenProjectSteps {
  /** Settings as this version accepts them (a file may hold old or odd values). */
  cleanSettings(settings: TrainingSettings): TrainingSettings;
  /** The numbers `source` looks at, per encoded picture, same order; null for one that cannot be decoded. */
  featuresOf(encoded: readonly Blob[], source: FeatureSource): Promise<(PictureFeatures | null)[]>;
  /** Rejects when the engine refuses the trained model (the file's check passed, but the engine has the last word). */
  checkTrained(modelId: string, trained: TrainedVersion): Promise<void>;
}

/** The project's view of one of the child's models; pictures only when the child chose to include them. */
export function toProjectModel({ draft, pictures, trained }: LoadedModel, includePictures: boolean): ProjectModel {
  const classIds = new Set(draft.classes.map((info) => info.id));
  return {
    id: draft.id,
    name: draft.name,
    ...(draft.featureSource && { featureSource: featureSourceOf(draft) }),
    classes: draft.classes,
    settings: draft.settings,
    trained: trained?.model ?? null,
    ...(trained && { trainedOn: { classIds: trained.trainedOn.classIds, pictureIds: trained.trainedOn.pictureIds } }),
    ...(draft.classesOff?.length && { classesOff: draft.classesOff }),
    ...(trained?.card && { card: trained.card }),
    pictures: includePictures
      ? pictures
          .filter((picture) => classIds.has(picture.classId))
          .map(({ id, classId, encoded, mimeType }) => ({ id, classId, encoded, mimeType }))
      : [],
  };
}

type OkModel = Extract<LoadedProjectModel, { status: 'ok' }>;

/**
 * The opened project's usable models as store records, under new ids so that nothing already in this browser
 * is overwritten (the same project opened twice, or an older copy of work still set aside).
 */
export async function modelsFromProject(load: ProjectModelsLoad, steps: OpenProjectSteps): Promise<OpenedProject> {
  const broken: BrokenModel[] = [];
  const renamed: NameChange[] = [];
  if (load.problem) broken.push({ name: '', problem: load.problem.code });
  const models: LoadedModel[] = [];
  const newIds = new Map<string, string>();
  let droppedPictures = 0;
  let unreadableCards = 0;
  let createdAt = Date.now();
  for (const loaded of load.models) {
    if (loaded.status === 'broken') {
      broken.push({ name: loaded.name, problem: loaded.problem });
      continue;
    }
    const { model, pictures, dropped } = await toRecord(loaded, steps, () => createdAt++);
    droppedPictures += dropped;
    if (model.trained) {
      try {
        await steps.checkTrained(model.draft.id, model.trained);
      } catch (error) {
        console.warn('[image-model] a model of the project was refused by the engine', error);
        broken.push({ name: model.draft.name, problem: 'invalid' });
        continue;
      }
    }
    models.push({ ...model, pictures });
    renamed.push(...loaded.renamed);
    if (loaded.cardUnreadable) unreadableCards++;
    newIds.set(loaded.model.id, model.draft.id);
  }
  const activeModelId = (load.activeModelId && newIds.get(load.activeModelId)) || (models[0]?.draft.id ?? null);
  return { models, activeModelId, broken, droppedPictures, renamed, unreadableCards };
}

async function toRecord(loaded: OkModel, steps: OpenProjectSteps, nextCreatedAt: () => number) {
  const { model } = loaded;
  const id = newId();
  const classIds = new Set(model.classes.map((info) => info.id));
  const candidates = model.pictures.filter((picture) => classIds.has(picture.classId));
  const blobs = candidates.map(({ encoded, mimeType }) =>
    encoded instanceof Blob ? encoded : new Blob([encoded as Uint8Array<ArrayBuffer>], { type: mimeType }),
  );
  const source = featureSourceOf(model);
  const features = candidates.length > 0 ? await steps.featuresOf(blobs, source) : [];
  const pictures: StoredPicture[] = [];
  candidates.forEach((picture, index) => {
    const found = features[index];
    if (found) {
      pictures.push({
        id: picture.id,
        modelId: id,
        classId: picture.classId,
        encoded: blobs[index],
        mimeType: picture.mimeType,
        ...found,
        createdAt: nextCreatedAt(),
      });
    }
  });
  const kept = new Set(pictures.map((picture) => picture.id));
  const trained: TrainedVersion | null = model.trained && {
    version: newId(),
    model: model.trained,
    // Only pictures that came along count: a model shared without its pictures is not "out of date".
    trainedOn: {
      classIds: model.trainedOn?.classIds ?? model.trained.metadata.classes.map((info) => info.id),
      pictureIds: (model.trainedOn?.pictureIds ?? []).filter((pictureId) => kept.has(pictureId)),
    },
    ...(model.card && { card: model.card }),
  };
  const record: LoadedModel = {
    draft: {
      schema: 1,
      id,
      name: model.name,
      ...(source !== 'pictures' && { featureSource: source }),
      classes: model.classes,
      settings: steps.cleanSettings(model.settings),
      ...(model.classesOff && { classesOff: model.classesOff }),
      trainedVersion: trained?.version ?? null,
      updatedAt: Date.now(),
    },
    pictures,
    trained,
  };
  return { model: record, pictures, dropped: loaded.droppedPictures + candidates.length - pictures.length };
}
