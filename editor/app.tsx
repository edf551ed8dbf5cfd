// Composition root: builds Image Model's parts and plugs them into the editor's VM.
//   engine (tfjs in a worker) → model service (the child's models, IndexedDB) → extension (blocks)
//                                                      ↘ overlays (trainer, picture popup) ↗
// The engine and the model service start when the extension is first loaded (tile, project, paste, the page
// address or our menu-bar entry), so the editor alone pays nothing for them.
import { createRoot } from 'react-dom/client';
import { DEFAULT_TRAINING_SETTINGS, isEngineError, type EngineInitOptions } from '../engine';
import { createImageModelExtension, EXTENSION_ID, OPEN_TRAINER_BUTTON_FUNC, type ExtensionUi } from '../extension';
import { createBroadcastTabChannel, createModelService, projectStorageHandlers, type ModelService } from '../model-service';
import { createPicturePrompt } from '../modal-ui/recognize';
import { startEngineWorker } from '../worker/start-engine-worker';
import { mountMenuBarEntry } from './menu-bar/menu-bar-entry';
import { createOpenState } from './overlays/open-state';
import { Overlays } from './overlays/overlays';
import { createSaveNotice } from './overlays/save-notice';
import { addressAsksForImageModel } from './page-address';
import { extensionAdder } from './vm/add-extension';
import { followEditorLanguage } from './vm/follow-editor-language';
import { routeFlyoutButton } from './vm/flyout-button';
import { installProjectStorageHooks, type ProjectStorageVm } from './vm/project-storage-hooks';
import { registerExtensionOnDemand } from './vm/register-extension';
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

/** Where Image Model lives in the page. */
export interface HostPage {
  /** The element the editor renders into (its menu bar gets our entry). */
  readonly editor: HTMLElement;
  /** Our layer above the editor (trainer, picture popup). */
  readonly overlays: HTMLElement;
  /** The address's query, e.g. "?extension=image-model". */
  readonly search: string;
}

export function startImageModel(vm: ScratchVm, page: HostPage): void {
  const trainer = createOpenState();
  const prompt = createPicturePrompt();
  const saveNotice = createSaveNotice();
  const ui: ExtensionUi = {
    openTrainer: trainer.open,
    askForPicture: prompt.ask,
    cancelPictureRequests: prompt.cancelAll,
    reportError: prompt.reportError,
  };

  // The child's models travel inside the .sb3. Installed when the VM arrives, before any load or save; the model
  // service itself starts later, with the extension.
  let startedService: ModelService | null = null;
  const storageVm = vm as unknown as ProjectStorageVm;
  installProjectStorageHooks(storageVm, {
    ...projectStorageHandlers({
      service: () => startedService,
      start: () => vm.extensionManager.loadExtensionURL(EXTENSION_ID),
      // scratch-vm lists the extensions a project's blocks use in project.json.
      projectUsesBlocks: () => (JSON.parse(storageVm.toJSON()) as { extensions?: unknown[] }).extensions?.includes(EXTENSION_ID) === true,
    }),
    onSaved: saveNotice.saved,
    onLoadError: (error) => {
      console.warn("[image-model] the project's models could not be opened", error);
      prompt.reportError(isEngineError(error) ? error.code : 'internal');
    },
  });

  registerExtensionOnDemand(vm, EXTENSION_ID, () => {
    const { engine } = startEngineWorker();
    const service = createModelService({
      engine,
      defaultSettings: DEFAULT_TRAINING_SETTINGS,
      engineReady: engine.init(ENGINE_INIT_OPTIONS),
      // Another tab of the editor shares the stored models: each hears the other's changes.
      tabs: createBroadcastTabChannel(),
      newModelClasses: 2,
    });
    startedService = service;
    createRoot(page.overlays).render(<Overlays service={service} trainer={trainer} prompt={prompt} saveNotice={saveNotice} />);
    return createImageModelExtension(vm.runtime, { recognizer: service, models: service, ui });
  });
  routeFlyoutButton(vm, OPEN_TRAINER_BUTTON_FUNC, ui.openTrainer);
  followEditorLanguage(vm);

  // Ways in that the cut-off "Add Extension" button of a small screen cannot hide.
  const addImageModel = extensionAdder(vm, EXTENSION_ID);
  mountMenuBarEntry(page.editor, () => void addImageModel().then(trainer.open));
  if (addressAsksForImageModel(page.search)) void addImageModel();
}
