// What the trainer sees of the model service (getState()), as types: the state view facet derives it.
import type { EncodedPicture } from '../pictures/picture-codec';
import type {
  ClassInfo,
  EarlyStop,
  EpochMetrics,
  FeatureSource,
  FoundHand,
  HeadKind,
  HeadLayerSpec,
  ModelCard,
  NameChange,
  TrainingSettings,
} from '../engine';
import type { AugmentationChoice } from './augmentation';
import type { ProblemCode } from './problems';
import type { BrokenModel } from './project-models';
import type { TrainReadiness } from './readiness';

/** A picture as the trainer shows it: the 224x224 square as the picture codec encoded it. */
export interface PictureView extends EncodedPicture {
  readonly id: string;
  readonly classId: string;
  readonly createdAt: number;
  /** Hands models only: the hand found in it (drawn over it), or null: "no hand found", left out of training. */
  readonly hand?: FoundHand | null;
}

export interface ClassView {
  readonly id: string;
  readonly name: string;
  readonly pictures: readonly PictureView[];
  /** Used by the next training: the child can switch a class off without deleting it. */
  readonly inTraining: boolean;
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
  /** Its model card, with the names as they are now. */
  readonly card: ModelCard;
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
  { readonly status: 'starting' } | { readonly status: 'ready' } | { readonly status: 'failed'; readonly problem: ProblemCode };

/** One of the project's models, as the trainer lists them. */
export interface ModelListItem {
  readonly id: string;
  readonly name: string;
  readonly trained: boolean;
  readonly featureSource: FeatureSource;
}

/** What opening the last project left out, for the trainer to explain. */
export interface OpenedProjectNotice {
  readonly broken: readonly BrokenModel[];
  readonly droppedPictures: number;
  /** Names changed so the blocks can tell them apart (blank or repeated in the file). */
  readonly renamed: readonly NameChange[];
  /** Model cards that were not cards of their model, left out (the models are fine). */
  readonly unreadableCards?: number;
  /** The active model came trained: the trainer offers its model card. */
  readonly trainedModel?: boolean;
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
  /** What the active model looks at, chosen when it was made. */
  readonly featureSource: FeatureSource;
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

/** An inbox picture: not in any class yet. */
export type InboxPictureView = Omit<PictureView, 'classId'>;
