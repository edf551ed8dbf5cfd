export { createModelService, type ModelService, type ModelServiceOptions } from './model-service';
export type {
  ClassView,
  EngineStatus,
  InboxPictureView,
  ModelListItem,
  ModelServiceState,
  OpenedProjectNotice,
  PictureView,
  TrainedView,
  TrainingView,
} from './state';
export type { NewPicture, PictureIntake } from './facets/pictures';
export type { CopyPreview, InboxGuess, ShrinkComparison, ShrinkView } from './facets/lab';
export { PLACES, type PictureExplanation, type Place } from './explanation';
export type { MapPoint, PictureMapView } from './picture-map-view';
export type { NameProblem } from '../engine';
export { MIN_CLASSES, MIN_PICTURES_PER_CLASS, type TrainReadiness } from './readiness';
export { mistakesToReview, type LabReport, type MeasuredOn, type Mistake } from './lab-report';
export { nameKey, type FeatureMaps, type Histogram, type LayerLook, type LayerSummary, type ModelLayers } from '../engine';
export { copiesPerPicture, type AugmentationChoice } from './augmentation';
export { type SettingChanges } from './settings';
export {
  HEAD_KIND_SPECS,
  HEAD_KINDS,
  isValidStopAtAccuracy,
  isWithin as isValidSetting,
  VALIDATION_RATE_LIMIT,
  type SettingLimit,
} from '../engine';
export { problemCode, type ProblemCode } from './problems';
export type { ClassConfidence, ModelSwitcherApi, RecognitionResult, RecognizerApi } from './types';
export type { BrokenModel } from './project-models';
export { projectStorageHandlers, type ProjectStorageDeps } from './project-storage';
export { createBroadcastTabChannel, type TabChannel } from './tab-channel';
export { safeFileName } from './file-name';
export type { HandLooker, HandLookMode } from './picture-features';
export { FEATURE_SOURCES, HAND_LANDMARK_NAMES, type FeatureSource, type FoundHand, type Landmark } from '../engine';
