// The editor's way to start Image Model's parts: the engine in our own worker, finding its files relative to the
// page. editor/app.tsx imports this module dynamically, when the extension is first loaded.
import { startEngineWorker } from '../worker/start-engine-worker';
import { ENGINE_INIT_OPTIONS } from './engine-init-options';
import { startImageModelParts, type ImageModelParts, type PartsOptions } from './image-model-parts';
import type { ScratchVm } from './vm/scratch-vm';

export function startEditorParts(vm: ScratchVm, options: Omit<PartsOptions, 'engine'>): ImageModelParts {
  return startImageModelParts(vm, { ...options, engine: { api: startEngineWorker().engine, init: ENGINE_INIT_OPTIONS } });
}
