// What every facet of the model service receives from the composition root (model-service.ts): the session, the
// engine, and the shared ways to show, report and store a change.
import type { EngineApi, RgbaImage, TrainingSettings } from '../../engine';
import type { ModelDraft, ModelStore } from '../../store';
import type { FeatureMaker } from '../picture-features';
import type { Session } from '../session';

export interface FacetContext {
  readonly session: Session;
  /** The engine, once engine.init() has settled: the only way to it, so nothing is sent to it before. */
  engine(): Promise<EngineApi>;
  /** Settings of a new model, and what settings saved by an older version are completed with. */
  readonly defaultSettings: TrainingSettings;
  /** Decodes a stored picture's JPEG into pixels; none where the platform cannot. */
  readonly decodePicture: ((encoded: Blob) => Promise<RgbaImage>) | undefined;
  /** The numbers each picture gives its model (MobileNet's embedding, or the found hand's landmarks). */
  readonly features: FeatureMaker;
  /** Derives the state again and tells the trainer and the blocks. */
  commit(): void;
  /** Shows a failure to the child (state.problem). */
  report(error: unknown): void;
  /** Runs a store write in the background, in order. */
  persist(write: (target: ModelStore) => Promise<void>): void;
  /** Changes the active model's draft, shows and stores it. */
  saveDraft(changes: Partial<ModelDraft>): void;
}
