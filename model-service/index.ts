export { createModelService, type ModelService, type ModelServiceOptions } from './model-service';
export type {
  ClassView, EngineStatus, InboxPictureView, ModelListItem, ModelServiceState, OpenedProjectNotice, PictureView, TrainedView, TrainingView,
} from './state';
export type { NewPicture, PictureIntake } from './facets/pictures';
export type { CopyPreview, InboxGuess, ShrinkComparison, ShrinkView } from './facets/lab';
export type { NameProblem } from '../engine/names';
export { MIN_CLASSES, MIN_PICTURES_PER_CLASS, type TrainReadiness } from './readiness';
export { mistakesToReview, type LabReport, type MeasuredOn, type Mistake } from './lab-report';
export type { FeatureMaps, Histogram, LayerLook, LayerSummary, ModelLayers } from '../engine/lab/under-the-hood';
export { copiesPerPicture, type AugmentationChoice } from './augmentation';
export { SETTING_LIMITS, isValidSetting, isValidStopAtAccuracy, type NumericSetting, type SettingLimit } from './settings';
export { problemCode, type ProblemCode } from './problems';
export type { ClassConfidence, ModelSwitcherApi, RecognitionResult, RecognizerApi } from './types';
export type { BrokenModel } from './project-models';
export { projectStorageHandlers, type ProjectStorageDeps } from './project-storage';
export { createBroadcastTabChannel, type TabChannel } from './tab-channel';
export { nameKey } from '../engine/names';
