// Image Model as a TurboWarp (or PenguinMod) custom extension: one file, loaded unsandboxed. It is the editor's
// composition (editor/app.tsx) on TurboWarp's VM: the same engine worker, model service, blocks and trainer;
// the trainer and picture popup mount in a layer of their own on TurboWarp's page, the palette button calls
// the extension (TurboWarp runs a button's `func`), and the models travel in TurboWarp's extensionStorage.
import { OPEN_TRAINER_BUTTON_FUNC } from '../blocks/block-specs';
import { startImageModelParts } from '../editor/image-model-parts';
import { createOpenState } from '../editor/overlays/open-state';
import { followEditorLanguage } from '../editor/vm/follow-editor-language';
import { keepModelsInProject } from './project-storage';
import { EXTENSION_FILE_URL } from './script-address';
import { engineInitOptions, startTurboWarpEngine } from './start-engine';
import { startTurboWarpHandFinder } from './start-hand-finder';
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
  const layer = document.createElement('div');
  layer.className = 'image-model-overlay-layer';
  document.body.append(layer);
  const { service, prompt, extension } = startImageModelParts(vm, {
    overlays: layer,
    trainer,
    engine: { api: startTurboWarpEngine(), init: engineInitOptions(EXTENSION_FILE_URL) },
    startHandFinder: () => startTurboWarpHandFinder(EXTENSION_FILE_URL),
  });
  const models = keepModelsInProject(vm, service, { reportError: prompt.reportError });
  followEditorLanguage(vm);
  void models.opened.then(() => scratch.extensions.register(Object.assign(extension, { [OPEN_TRAINER_BUTTON_FUNC]: trainer.open })));
}

start(Scratch);
