// What the extension brings into the editor once it is first loaded: the engine's worker, the model service, the
// blocks and our overlays (trainer, picture popup). The editor loads it on demand (editor/start-editor-parts.ts), so a
// child who never adds Image Model downloads none of it (scripts/check-main-chunk.ts keeps it out of the first
// chunks); the TurboWarp file (turbowarp/) starts the same parts on TurboWarp's VM.
//   engine (tfjs in a worker) → model service (the child's models, IndexedDB) → extension (blocks)
//                                                      ↘ overlays (trainer, picture popup) ↗
import { createRoot } from 'react-dom/client';
import { DEFAULT_TRAINING_SETTINGS, type EngineApi, type EngineInitOptions } from '../engine';
import { createImageModelExtension, type ExtensionUi } from '../extension';
import { createBroadcastTabChannel, createModelService, type ModelService } from '../model-service';
import { createPicturePrompt, type PicturePrompt } from '../modal-ui/recognize';
import type { HandFinder } from '../hands/hand-finder';
import { lazyHandLooker, startEditorHandFinder } from './hand-looker';
import type { OpenState } from './overlays/open-state';
import type { SaveNotice } from './overlays/save-notice';
import { Overlays } from './overlays/overlays';
import type { ScratchVm } from './vm/scratch-vm';

export interface ImageModelParts {
  readonly service: ModelService;
  readonly prompt: PicturePrompt;
  /** The Scratch extension object, for the VM's extension manager. */
  readonly extension: object;
}

export interface PartsOptions {
  /** Where the trainer and the picture popup mount. */
  readonly overlays: HTMLElement;
  /** The trainer's open state, which the palette button changes. */
  readonly trainer: OpenState;
  readonly saveNotice?: SaveNotice;
  /** The engine and where it finds its files (the editor's worker, or TurboWarp's beside the extension's file). */
  readonly engine: { readonly api: EngineApi; readonly init: EngineInitOptions };
  /** Starts MediaPipe Hands for Hands models (on first use); the editor's, with its files beside the page, unless given. */
  readonly startHandFinder?: () => HandFinder;
}

/** Starts everything once per page: the editor's composition, also TurboWarp's (turbowarp/). */
export function startImageModelParts(vm: ScratchVm, options: PartsOptions): ImageModelParts {
  const { trainer, saveNotice } = options;
  const prompt = createPicturePrompt();
  const ui: ExtensionUi = {
    openTrainer: trainer.open,
    askForPicture: prompt.ask,
    cancelPictureRequests: prompt.cancelAll,
    reportError: prompt.reportError,
  };
  const { api: engine, init } = options.engine;
  const service = createModelService({
    engine,
    defaultSettings: DEFAULT_TRAINING_SETTINGS,
    engineReady: engine.init(init),
    // Another tab of the editor shares the stored models: each hears the other's changes.
    tabs: createBroadcastTabChannel(),
    newModelClasses: 2,
    findHand: lazyHandLooker(options.startHandFinder ?? startEditorHandFinder),
  });
  createRoot(options.overlays).render(<Overlays service={service} trainer={trainer} prompt={prompt} saveNotice={saveNotice} />);
  const extension = createImageModelExtension(vm.runtime, { recognizer: service, models: service, ui });
  return { service, prompt, extension };
}
