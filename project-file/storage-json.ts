// The shape of our part of project.json: `extensionStorage.imageModel`, TurboWarp's project-level layout.
// Weights and pictures are not in here: they are zip entries named after the ids (zip-entries.ts).
import { EXTENSION_ID } from '../extension/contract';
import type { ClassInfo, FeatureSource, ModelCardFacts, ModelMetadata, TrainingSettings } from '../engine';
import type { PictureMimeType } from '../pictures/picture-codec';

/** Version of this layout (not of the model format, which each model's metadata carries). */
export const PROJECT_STORAGE_VERSION = 1;

/** The key under project.json's `extensionStorage`: our Scratch extension id. */
export const STORAGE_KEY = EXTENSION_ID;

/** Bounds far above a classroom project, so a hostile project cannot make us read or allocate without end. */
export const PROJECT_LIMITS = {
  models: 50,
  picturesPerModel: 5000,
  pictureBytes: 1024 * 1024,
  /** Everything our entries may add up to in one project. */
  totalBytes: 256 * 1024 * 1024,
} as const;

export interface StoredTrainedJson {
  readonly metadata: ModelMetadata;
  /** Byte length of the weights entry: a truncated or swapped entry is caught before it is parsed. */
  readonly weightsBytes: number;
}

export interface StoredModelJson {
  readonly id: string;
  readonly name: string;
  /** Written for Hands models only; absent: 'pictures'. */
  readonly featureSource?: FeatureSource;
  readonly classes: readonly ClassInfo[];
  readonly settings: TrainingSettings;
  readonly trained: StoredTrainedJson | null;
  readonly trainedOn?: { readonly classIds: readonly string[]; readonly pictureIds: readonly string[] };
  /** Classes switched off for the next training; absent (older projects): all on. */
  readonly classesOff?: readonly string[];
  /** The trained model's card facts (picture counts, how well it did); absent: made before cards. */
  readonly card?: ModelCardFacts;
  /**
   * Listed only when pictures are included; each is the entry imageModel/<model id>/<picture id>.<extension of its
   * type>. Versions before the picture codec listed no `mimeType`: their pictures are JPEGs named .jpg.
   */
  readonly pictures: readonly { readonly id: string; readonly classId: string; readonly mimeType: PictureMimeType }[];
}

export interface ProjectStorageJson {
  readonly format: typeof PROJECT_STORAGE_VERSION;
  readonly activeModelId: string | null;
  readonly includePictures: boolean;
  readonly models: readonly StoredModelJson[];
}
