// What our extension puts into a .sb3 and what it gets back: plain data, no DOM, no VM, no tfjs.
// The model service builds a ProjectModels from the child's work before a save, and receives a
// ProjectModelsLoad after a project is opened.
import type { ClassInfo, FeatureSource, ModelCardFacts, NameChange, SerializedModel, TrainingSettings, ZipEntrySource } from '../engine';
import type { PictureMimeType } from '../pictures/picture-codec';

export type { NameChange, ZipEntrySource };

/** A training picture that travels with the project (only when the child chose to include pictures). */
export interface ProjectPicture {
  readonly id: string;
  readonly classId: string;
  /** The 224x224 square the trainer keeps, as pictures/picture-codec.ts encoded it. A Blob is read by JSZip in the browser. */
  readonly encoded: Uint8Array | Blob;
  readonly mimeType: PictureMimeType;
}

/** Which classes and pictures the trained model learnt from, so the trainer can tell whether it is out of date. */
export interface ProjectTrainedOn {
  readonly classIds: readonly string[];
  readonly pictureIds: readonly string[];
}

/** One model of the project, as the trainer shows it: the draft the child edits plus its trained version. */
export interface ProjectModel {
  /** Stable id; also names the model's zip entries, so it must be a safe token (see `isSafeId`). */
  readonly id: string;
  readonly name: string;
  /** What the model looks at; absent (every project before Hands models): 'pictures'. A trained model must agree. */
  readonly featureSource?: FeatureSource;
  readonly classes: readonly ClassInfo[];
  readonly settings: TrainingSettings;
  /** Null while the model has never been trained. */
  readonly trained: SerializedModel | null;
  readonly trainedOn?: ProjectTrainedOn;
  /** Ids of classes switched off for the next training; absent: all on. */
  readonly classesOff?: readonly string[];
  /** The trained model's card facts (engine/model-card.ts); only with `trained`. */
  readonly card?: ModelCardFacts;
  /** Written only when `includePictures` is on; ignored otherwise. */
  readonly pictures?: readonly ProjectPicture[];
}

/** Everything the extension saves with a project. */
export interface ProjectModels {
  readonly models: readonly ProjectModel[];
  readonly activeModelId: string | null;
  /** The child ticked "Include my pictures so others can change the model". */
  readonly includePictures: boolean;
}

/**
 * Why one model of a project could not be used. Each has words in locales/<lang>/sharing.json under
 * `sharing.problem.<code>` (see problems.ts).
 */
export type ProjectModelProblem =
  | 'weights-missing' // the weights entry is not in the zip
  | 'weights-truncated' // the weights entry is shorter or longer than the model declares
  | 'too-large' // a declared or actual size is far beyond any real model
  | 'wrong-shapes' // the weight tensors do not have the shapes the head needs
  | 'not-finite' // NaN or Infinity among the weights
  | 'unknown-base-model' // trained on a backbone we do not have
  | 'classes-mismatch' // the class list does not match what the weights answer
  | 'unsafe-name' // an id that could escape its folder in the zip or clash with built-in names
  | 'duplicate' // a model id used twice
  | 'newer-version' // written by a newer version of Image Model
  | 'invalid'; // anything else malformed

/** A model read back from a project. Broken models keep what could be read (id, name) so the trainer can list them. */
export type LoadedProjectModel =
  | {
      readonly status: 'ok';
      /** `trained` passed the model format's complete check; `pictures` hold only readable, well-named entries. */
      readonly model: ProjectModel & { readonly pictures: readonly ProjectPicture[] };
      /** Pictures listed in project.json that were missing, oversized or badly named, and left out. */
      readonly droppedPictures: number;
      /** Names repaired by the trainer's rules (blank, or a repeat the blocks could not tell apart); ids never change. */
      readonly renamed: readonly NameChange[];
      /** The model card in the file was not a card of this model: left out (the model itself is fine). */
      readonly cardUnreadable?: true;
    }
  | {
      readonly status: 'broken';
      readonly id: string;
      readonly name: string;
      readonly problem: ProjectModelProblem;
      /** English, for logs and tests; never shown to a child as is. */
      readonly detail: string;
    };

export interface ProjectModelsLoad {
  /** False for a project that never had our models (a vanilla project): the project has no models. */
  readonly present: boolean;
  readonly models: readonly LoadedProjectModel[];
  /** The saved active model when it loaded fine; else the first model that did, else null. */
  readonly activeModelId: string | null;
  readonly includePictures: boolean;
  /** Set when our part of project.json as a whole is unusable (then `models` is empty). */
  readonly problem?: { readonly code: ProjectModelProblem; readonly detail: string };
}

/** What writing needs from a zip: JSZip's `file(name, data)`. */
export interface ZipSink {
  file(name: string, data: Uint8Array | Blob): unknown;
}

/** What reading needs from a zip: JSZip's `file(name)` (a loaded JSZip satisfies it). */
export interface ZipSource {
  file(name: string): ZipEntrySource | null;
}
