// What the extension brings into the editor once it is first loaded: the engine's worker, the model service, the
// blocks and our overlays (trainer, picture popup). editor/app.tsx imports this module dynamically, so a child who
// never adds Image Model downloads none of it (scripts/check-main-chunk.ts keeps it out of the page's first chunks).
//   engine (tfjs in a worker) → model service (the child's models, IndexedDB) → extension (blocks)
//                                                      ↘ overlays (trainer, picture popup) ↗
import { createRoot } from 'react-dom/client';
import { DEFAULT_TRAINING_SETTINGS } from '../engine';
import { createImageModelExtension, type ExtensionUi } from '../extension';
import { createBroadcastTabChannel, createModelService, type ModelService } from '../model-service';
import { createPicturePrompt, type PicturePrompt } from '../modal-ui/recognize';
import { startEngineWorker } from '../worker/start-engine-worker';
import { ENGINE_INIT_OPTIONS } from './engine-init-options';
import type { OpenState } from './overlays/open-state';
import { Overlays } from './overlays/overlays';
import type { ScratchVm } from './vm/scratch-vm';

export interface ImageModelParts {
  readonly service: ModelService;
  readonly prompt: PicturePrompt;
  /** The Scratch extension object, for the VM's extension manager. */
  readonly extension: object;
}

/** Starts everything once per page; `trainer` is the editor's open state, which the palette button changes. */
export function startImageModelParts(vm: ScratchVm, overlays: HTMLElement, trainer: OpenState): ImageModelParts {
  const prompt = createPicturePrompt();
  const ui: ExtensionUi = {
    openTrainer: trainer.open,
    askForPicture: prompt.ask,
    cancelPictureRequests: prompt.cancelAll,
    reportError: prompt.reportError,
  };
  const { engine } = startEngineWorker();
  const service = createModelService({
    engine,
    defaultSettings: DEFAULT_TRAINING_SETTINGS,
    engineReady: engine.init(ENGINE_INIT_OPTIONS),
    // Another tab of the editor shares the stored models: each hears the other's changes.
    tabs: createBroadcastTabChannel(),
    newModelClasses: 2,
  });
  createRoot(overlays).render(<Overlays service={service} trainer={trainer} prompt={prompt} />);
  const extension = createImageModelExtension(vm.runtime, { recognizer: service, models: service, ui });
  return { service, prompt, extension };
}
