export {
  createModelService,
  type ClassView, type EngineStatus, type ModelService, type ModelServiceOptions, type ModelServiceState,
  type NameProblem, type NewPicture, type PictureView, type TrainedView, type TrainingView,
} from './model-service';
export { MIN_CLASSES, MIN_PICTURES_PER_CLASS, type TrainReadiness } from './readiness';
export { SETTING_LIMITS, isValidSetting, type NumericSetting, type SettingLimit } from './settings';
export { problemCode, type ProblemCode } from './problems';
export type { ClassConfidence, RecognitionResult, RecognizerApi } from './types';
