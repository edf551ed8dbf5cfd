// What the extension brings into the editor once it is first loaded: the engine's worker, the model service, the
// blocks and our overlays (trainer, picture popup). editor/app.tsx imports this module dynamically, so a child who
// never adds Image Model downloads none of it (scripts/check-main-chunk.ts keeps it out of the page's first chunks).
//   engine (tfjs in a worker) → model service (the child's models, IndexedDB) → extension (blocks)
//                                                      ↘ overlays (trainer, picture popup) ↗
import { createRoot } from 'react-dom/client';
import { DEFAULT_TRAINING_SETTINGS, type EngineInitOptions } from '../engine';
import { createImageModelExtension, type ExtensionUi } from '../extension';
import { createBroadcastTabChannel, createModelService, type ModelService } from '../model-service';
import { createPicturePrompt, type PicturePrompt } from '../modal-ui/recognize';
import { startEngineWorker } from '../worker/start-engine-worker';
import type { OpenState } from './overlays/open-state';
import { Overlays } from './overlays/overlays';
import type { ScratchVm } from './vm/scratch-vm';

const BASE_MODEL_CACHE = 'indexeddb://image-model-base';

/** Where the backbone comes from: the browser's copy, the weights served by our server, Teachable Machine's. */
export const ENGINE_INIT_OPTIONS: EngineInitOptions = {
  sources: [
    { kind: 'cache', url: BASE_MODEL_CACHE },
    { kind: 'backbone', url: './models/mobilenet-v2-0.35-224-backbone/model.json' },
    {
      kind: 'no-top',
      url: 'https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/model.json',
    },
  ],
  cacheUrl: BASE_MODEL_CACHE,
  wasmPath: './tfjs-wasm/',
};

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
