// What the editor host needs to put Image Model into Scratch:
//   const extension = createImageModelExtension(vm.runtime, { recognizer, ui });
//   register it with vm.extensionManager under EXTENSION_ID; route OPEN_TRAINER_BUTTON_FUNC to ui.openTrainer.
import type { ExtensionDeps } from './contract';
import { ImageModelExtension } from './image-model-extension';
import type { ScratchRuntime } from './scratch-types';

export { EXTENSION_ID, OPEN_TRAINER_BUTTON_FUNC } from './contract';
export type { ExtensionDeps, ExtensionUi, PictureRequest } from './contract';
export { ImageModelExtension } from './image-model-extension';
export type { ScratchRuntime } from './scratch-types';

export function createImageModelExtension(runtime: ScratchRuntime, deps: ExtensionDeps): ImageModelExtension {
  return new ImageModelExtension(runtime, deps);
}
