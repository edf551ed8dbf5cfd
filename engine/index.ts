// The engine's public entry for the rest of the product. Everything here is plain TypeScript with no tfjs, so the
// main thread (model service, trainer UI, extension, project files) can import it without loading tfjs; the
// tfjs runtime itself is engine/runtime.ts, imported only by worker/. From tfjs modules this file takes types only.

// The contract: plain data, error codes and what the engine answers (EngineApi).
export * from './types';
export { ENGINE_ERROR_CODES, EngineError, isEngineError, type EngineErrorCode } from './errors';
export type {
  BackboneShrinkReport,
  BaseModelSource,
  EngineApi,
  EngineInfo,
  EngineInitOptions,
  LabelledImage,
  ShrinkReport,
  WasmFiles,
} from './engine-api';
export { BASE_MODEL, TEACHABLE_MACHINE_NO_TOP_URL } from './base-model';

// What a model looks at (Pictures or Hands) and the hand landmarks a Hands model learns from.
export { FEATURE_MODELS, FEATURE_SOURCES, featureSizeOf, featureSourceOf, isFeatureSource } from './feature-source';
export { HAND_FEATURE_SIZE, HAND_LANDMARK_MODEL, HAND_LANDMARK_NAMES, type HandLandmarkName } from './landmarks/hand-landmarks';
export { normaliseHand, type FoundHand, type Landmark } from './landmarks/normalise';

// Names of classes and models: one cleaning and comparing rule everywhere.
export {
  cleanName,
  nameChanges,
  nameKey,
  nameProblem,
  repairNames,
  uniqueName,
  withoutDirectionControls,
  type NameChange,
  type NameProblem,
} from './names';

// Training settings, their one schema and the head kinds (the registry), and the dense head's block-built stack.
export {
  DEFAULT_TRAINING_SETTINGS,
  isValidStopAtAccuracy,
  migrateSettings,
  parseSettings,
  STOP_AT_ACCURACY_LIMITS,
  VALIDATION_RATE_LIMIT,
} from './training-settings';
export {
  isRecord,
  isSafeId,
  isWithin,
  MAX_SAVED_STACK_LAYERS,
  readClassList,
  type ClassListProblem,
  type ClassListRules,
  type SettingLimit,
} from './schema';
export { HEAD_KIND_SPECS, HEAD_KINDS, headSettingsOf, isHeadKind, numberInputsOf, totalEpochs } from './heads/kinds';
export type { HeadKindSpec, HeadSettingsOf, NumberSetting, SettingLabel } from './heads/head-kind';
export { DEFAULT_HIDDEN_LAYERS, hiddenLayersOf, type DenseHeadDescription, type DenseSettings } from './heads/dense-kind';
export type { KnnHeadDescription, KnnSettings } from './heads/knn-kind';
export {
  countParameters,
  MAX_HEAD_PARAMETERS,
  MAX_STACK_LAYERS,
  STACK_PROBLEM_CODES,
  stackProblems,
  type StackLayerSpec,
} from './heads/head-stack';
export { seededRandom } from './training-data';

// The model card: what a trained model is, for a child and a teacher's record.
export {
  buildModelCard,
  cardMeasure,
  picturesPerClass,
  readModelCardFacts,
  TOP_MIX_UPS,
  type CardMeasure,
  type CardMeasuredOn,
  type CardMixUp,
  type ModelCard,
  type ModelCardFacts,
} from './model-card';

// The model file, and models in and out as Teachable Machine's files.
export {
  decodeModel,
  encodeModel,
  isModelFormatError,
  MODEL_FORMAT_VERSION,
  MODEL_LIMITS,
  quantizeModel,
  readModel,
  writeModel,
  type ModelContent,
  type ModelFormatProblem,
  type ValidatedModel,
} from './model-format/model-format';
export * from './interchange';
export { readZipEntryCapped, type CappedRead, type ZipEntrySource } from './interchange/capped-zip';

// Pictures and the Lab's plain parts (what evaluation and "under the hood" return are types of worker-side modules).
export { validateImage } from './picture';
export {
  augmentVariants,
  DEFAULT_AUGMENTATION,
  type AugmentationKind,
  type AugmentationOptions,
  type AugmentedPicture,
} from './lab/augmentation';
export type { ClassScore, Evaluation, PictureResult } from './lab/evaluation';
export type { Heatmap, HeatmapProgress } from './lab/occlusion';
export type { PictureMap } from './lab/picture-map';
export type { FeatureMaps, Histogram, LayerKind, LayerLook, LayerSummary, ModelLayers } from './lab/under-the-hood';
