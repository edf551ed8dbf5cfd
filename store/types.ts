// What is kept in IndexedDB for the child's work. Records are plain structured-clonable data.
import type { ClassInfo, Embedding, FeatureSource, FoundHand, ModelCardFacts, SerializedModel, TrainingSettings } from '../engine';
import type { EncodedPicture } from '../pictures/picture-codec';

/** Which pictures and classes a trained model learnt from, to tell when the child changed them since. */
export interface TrainedOn {
  /** Class ids in the model's order. */
  readonly classIds: readonly string[];
  readonly pictureIds: readonly string[];
  /** The class id of each of `pictureIds` (same order), so moving a picture to another class asks for training again. */
  readonly pictureClassIds?: readonly string[];
}

/** The model the child is building: small, rewritten whole on every change. */
export interface ModelDraft {
  readonly schema: 1;
  readonly id: string;
  readonly name: string;
  /** What the model looks at, chosen when it is made (absent: 'pictures', as every model before Hands models). */
  readonly featureSource?: FeatureSource;
  readonly classes: readonly ClassInfo[];
  readonly settings: TrainingSettings;
  /** Extra practice pictures the child switched on in the Lab (absent: none). */
  readonly augmentation?: { readonly flip: boolean; readonly turn: boolean; readonly blur: boolean; readonly light: boolean };
  /** Classes switched off for the next training (model-service/class-switches.ts); absent: all on. */
  readonly classesOff?: readonly string[];
  /** The trained version in use (the pointer switched after the version is fully written); null before any. */
  readonly trainedVersion: string | null;
  readonly updatedAt: number;
}

/**
 * One picture, stored on its own so adding a picture is one small write: the 224x224 centre-cropped square as
 * pictures/picture-codec.ts encoded it (records written before it have `jpeg` instead: see picture-records.ts).
 */
export interface StoredPicture extends EncodedPicture {
  readonly id: string;
  readonly modelId: string;
  readonly classId: string;
  /**
   * The numbers its model looks at, computed once when the picture was added: the backbone's embedding, or for a
   * Hands model the found hand's normalised landmarks (empty when no hand was found).
   */
  readonly embedding: Embedding;
  /** Hands models only: the hand found in it (drawn over the picture), or null when none was (left out of training). */
  readonly hand?: FoundHand | null;
  /** Milliseconds since 1970; orders pictures within a class. */
  readonly createdAt: number;
}

export interface TrainedVersion {
  readonly version: string;
  readonly model: SerializedModel;
  readonly trainedOn: TrainedOn;
  /** What its model card needs beyond the model (picture counts, how well it did); absent: made before cards. */
  readonly card?: ModelCardFacts;
}

/** Which models the current project has, and which one the blocks use. */
export interface WorkspaceIndex {
  readonly schema: 1;
  /** The project's models, in the order the trainer lists them. */
  readonly modelIds: readonly string[];
  readonly activeModelId: string;
  /** The child ticked "Include my pictures so others can change the model" (absent: no). */
  readonly includePictures?: boolean;
  /**
   * Models of earlier projects, newest last: opening a project never deletes the child's previous work at once,
   * it is set aside here (only the newest few are kept, see model-store.ts).
   */
  readonly setAside?: readonly string[];
}

/** The project's models as stored. */
export interface LoadedWorkspace {
  /** In the index's order; models whose record is missing are left out. */
  readonly models: readonly LoadedModel[];
  /** One of `models`. */
  readonly activeModelId: string;
  readonly includePictures: boolean;
  /** How many models of earlier projects are set aside (restoreSetAside brings them back). */
  readonly setAsideCount: number;
}

export interface LoadedModel {
  readonly draft: ModelDraft;
  /** Ordered by createdAt. */
  readonly pictures: readonly StoredPicture[];
  readonly trained: TrainedVersion | null;
  /** Pictures waiting to be sorted into a class (classId ''), ordered by createdAt; absent: none. */
  readonly inbox?: readonly StoredPicture[];
  /** Test pictures (never trained on), each in the class it shows, ordered by createdAt; absent: none. */
  readonly testPictures?: readonly StoredPicture[];
}

/** Pictures kept apart from the training pictures: the inbox (unlabelled) and the test pictures. */
export type PictureSet = 'inbox' | 'test';
