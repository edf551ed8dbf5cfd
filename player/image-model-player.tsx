// Image Model inside a game page (player/game-page-format.ts): our extension for TurboWarp's player, recognising
// only. The composition of turbowarp/image-model-turbowarp.tsx without the trainer: the engine and the base model
// come from the page, the models from the project and live in memory (no IndexedDB: two games open side by side
// never see each other's models), and the project's reader checks them as it checks any .sb3.
import { createRoot } from 'react-dom/client';
import { DEFAULT_TRAINING_SETTINGS, isEngineError } from '../engine';
import { createImageModelExtension, type ExtensionUi } from '../extension';
import { installProjectStorageHooks } from '../editor/vm/project-storage-hooks';
import { setLocale } from '../locales';
import { createModelService, projectStorageHandlers } from '../model-service';
import { createPicturePrompt, RecognizePopupHost } from '../modal-ui/recognize';
import { ModelServiceProvider } from '../modal-ui/service';
import { createMemoryBackend, createModelStore } from '../store';
import type { ScratchGlobal } from '../turbowarp/turbowarp-api';
import { startPageEngine } from './engine-from-page';
import { GameNotice } from './game-notice';
import '../turbowarp/overlay-layer.css';

declare const Scratch: ScratchGlobal;

async function start(scratch: ScratchGlobal): Promise<void> {
  const { vm } = scratch;
  const engine = await startPageEngine();
  const prompt = createPicturePrompt();
  const service = createModelService({
    engine: engine.api,
    store: createModelStore(createMemoryBackend()),
    defaultSettings: DEFAULT_TRAINING_SETTINGS,
    engineReady: engine.api.init(engine.init),
  });
  const layer = document.createElement('div');
  layer.className = 'image-model-overlay-layer';
  document.body.append(layer);
  createRoot(layer).render(
    <ModelServiceProvider service={service}>
      <RecognizePopupHost prompt={prompt} />
      <GameNotice />
    </ModelServiceProvider>,
  );
  const handlers = projectStorageHandlers({ service: () => service, start: async () => {}, projectUsesBlocks: () => true });
  installProjectStorageHooks(vm, {
    getModelsForSave: () => null,
    onModelsLoaded: handlers.onModelsLoaded,
    onLoadError: (error) => {
      console.warn("[image-model] the game's models could not be opened", error);
      prompt.reportError(isEngineError(error) ? error.code : 'internal');
    },
  });
  // The page speaks the language it was saved in (its words were written then).
  setLocale(document.documentElement.lang);
  const ui: ExtensionUi = {
    // A game has no trainer: the popup that would offer it says the game has no working model instead.
    openTrainer: () => {},
    askForPicture: prompt.ask,
    cancelPictureRequests: prompt.cancelAll,
    reportError: prompt.reportError,
  };
  scratch.extensions.register(createImageModelExtension(vm.runtime, { recognizer: service, models: service, ui }));
}

void start(Scratch).catch((error: unknown) => console.error('[image-model] the game could not start its picture model', error));
