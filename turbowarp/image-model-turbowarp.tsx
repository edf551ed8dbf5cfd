// Image Model as a TurboWarp (or PenguinMod) custom extension: one file, loaded unsandboxed. It is the editor's
// composition (editor/app.tsx) on TurboWarp's VM: the same engine worker, model service, blocks and trainer;
// the trainer and picture popup mount in a layer of their own on TurboWarp's page, the palette button calls
// the extension (TurboWarp runs a button's `func`), and the models travel in TurboWarp's extensionStorage.
import { createRoot } from 'react-dom/client';
import { DEFAULT_TRAINING_SETTINGS } from '../engine';
import { createImageModelExtension, OPEN_TRAINER_BUTTON_FUNC, type ExtensionUi } from '../extension';
import { createBroadcastTabChannel, createModelService } from '../model-service';
import { createPicturePrompt } from '../modal-ui/recognize';
import { createOpenState } from '../editor/overlays/open-state';
import { Overlays } from '../editor/overlays/overlays';
import { followEditorLanguage } from '../editor/vm/follow-editor-language';
import { keepModelsInProject } from './project-storage';
import { EXTENSION_FILE_URL } from './script-address';
import { engineInitOptions, startTurboWarpEngine } from './start-engine';
import type { ScratchGlobal } from './turbowarp-api';
import './overlay-layer.css';

declare const Scratch: ScratchGlobal;

function start(scratch: ScratchGlobal): void {
  if (!scratch.extensions.unsandboxed) {
    // The trainer is a window on the page: a sandboxed worker has no page. TurboWarp shows this in its console.
    throw new Error('Image Model must be loaded unsandboxed ("Run without sandbox").');
  }
  const { vm } = scratch;
  const trainer = createOpenState();
  const prompt = createPicturePrompt();
  const ui: ExtensionUi = {
    openTrainer: trainer.open,
    askForPicture: prompt.ask,
    cancelPictureRequests: prompt.cancelAll,
    reportError: prompt.reportError,
  };
  const engine = startTurboWarpEngine();
  const service = createModelService({
    engine,
    defaultSettings: DEFAULT_TRAINING_SETTINGS,
    engineReady: engine.init(engineInitOptions(EXTENSION_FILE_URL)),
    tabs: createBroadcastTabChannel(),
    newModelClasses: 2,
  });
  const models = keepModelsInProject(vm, service, { reportError: prompt.reportError });
  followEditorLanguage(vm);

  const layer = document.createElement('div');
  layer.className = 'image-model-overlay-layer';
  document.body.append(layer);
  createRoot(layer).render(<Overlays service={service} trainer={trainer} prompt={prompt} />);

  const extension = createImageModelExtension(vm.runtime, { recognizer: service, models: service, ui });
  void models.opened.then(() => scratch.extensions.register(Object.assign(extension, { [OPEN_TRAINER_BUTTON_FUNC]: ui.openTrainer })));
}

start(Scratch);
