// What the editor host needs to put Image Model into Scratch:
//   const extension = createImageModelExtension(vm.runtime, { recognizer, ui });
//   register it with vm.extensionManager under EXTENSION_ID; route OPEN_TRAINER_BUTTON_FUNC to ui.openTrainer.
// The camera and the stage come from vm.runtime (ioDevices.video, renderer), which the GUI sets up.
import type { ExtensionDeps } from './contract';
import { ImageModelExtension, type ExtensionOptions } from './image-model-extension';
import type { ScratchRuntime } from './scratch-types';

export { OPEN_TRAINER_BUTTON_FUNC } from '../blocks/block-specs';
export { EXTENSION_ID } from './contract';
export type { ExtensionDeps, ExtensionUi, PictureRequest } from './contract';
export { ImageModelExtension, type ExtensionOptions } from './image-model-extension';
export type { ScratchRuntime } from './scratch-types';

export function createImageModelExtension(runtime: ScratchRuntime, deps: ExtensionDeps, options?: ExtensionOptions): ImageModelExtension {
  return new ImageModelExtension(runtime, deps, options);
}
