import type { ClassInfo, FoundHand, RgbaImage } from '../engine';
import type { HandLookMode } from './picture-features';

/** One class's confidence in a recognition, 0..1. */
export interface ClassConfidence {
  readonly classId: string;
  readonly name: string;
  readonly confidence: number;
}

export interface RecognitionResult {
  /** Name of the top class; '' when a Hands model found no hand (then every confidence is 0). */
  readonly className: string;
  readonly classId: string;
  /** Every class of the model, in the model's order. */
  readonly confidences: readonly ClassConfidence[];
  /** Hands models only: the hand found in the picture (its landmarks 0..1 across it), or null when there was none. */
  readonly hand?: FoundHand | null;
}

/**
 * The narrow view of the child's models that the Scratch extension needs. The model service implements it;
 * the extension never sees tfjs, IndexedDB or React.
 */
export interface RecognizerApi {
  /** Classes of the active trained model; empty when there is none. */
  getClasses(): readonly ClassInfo[];
  hasTrainedModel(): boolean;
  /** Id of the active model, the one recognize() asks. */
  activeModelId(): string;
  /**
   * Rejects with EngineError 'model/not-loaded' when no trained model is active. `mode` 'video' for frames of a
   * moving video (a Hands model then follows the hand from frame to frame).
   */
  recognize(image: RgbaImage, mode?: HandLookMode): Promise<RecognitionResult>;
  /** Called whenever another model becomes active, or the active model's classes change (block menus refresh). */
  onChange(listener: () => void): () => void;
}

/** The project's models by name, for a `use model [name]` block and its menu. */
export interface ModelSwitcherApi {
  /** Names of the project's models, in the trainer's order. */
  getModelNames(): readonly string[];
  /** Makes the model with this name (any letter case) the active one; false when there is none or training runs. */
  useModel(name: string): Promise<boolean>;
}
