// The child's models in a TurboWarp project. Saving goes through TurboWarp's own `runtime.extensionStorage`,
// which its VM writes into project.json: our usual storage object, with the weights and pictures inlined as base64
// (project-file/inline-entries.ts), since TurboWarp writes no zip entries of ours. Loading reads both layouts: a
// project from our editor keeps its entries in the zip, so the VM's load is wrapped (the editor's own load hook,
// with saving left to TurboWarp) to see the zip.
import { installProjectStorageHooks } from '../editor/vm/project-storage-hooks';
import { isEngineError, type EngineErrorCode } from '../engine';
import { projectStorageHandlers, type ModelService } from '../model-service';
import { INLINE_ENTRIES_FIELD, inlineEntries, planProjectModels, readModelsFromProject, STORAGE_KEY } from '../project-file';
import type { TurboWarpVm } from './turbowarp-api';

/** Changes come in bursts (a training reports each epoch); one write after a burst is enough. */
const WRITE_DELAY_MS = 150;

export interface TurboWarpStorageOptions {
  readonly reportError: (code: EngineErrorCode) => void;
}

export interface ModelsInProject {
  /**
   * Settles once the models of a project being opened are in the service. Registering the extension waits for it,
   * so that project's load does too, and its blocks never run before its model is there.
   */
  readonly opened: Promise<void>;
  /** Stops the writes. */
  stop(): void;
}

/** Call once the service exists. */
export function keepModelsInProject(vm: TurboWarpVm, service: ModelService, { reportError }: TurboWarpStorageOptions): ModelsInProject {
  const { runtime } = vm;
  const usesBlocks = () => (JSON.parse(vm.toJSON()) as { extensions?: unknown[] }).extensions?.includes(STORAGE_KEY) === true;
  const handlers = projectStorageHandlers({ service: () => service, start: async () => {}, projectUsesBlocks: usesBlocks });
  const onLoadError = (error: unknown) => {
    console.warn("[image-model] the project's models could not be opened", error);
    reportError(isEngineError(error) ? error.code : 'internal');
  };
  installProjectStorageHooks(vm, { getModelsForSave: () => null, onModelsLoaded: handlers.onModelsLoaded, onLoadError });

  // Loaded by a project that names our file (its extensionURLs): that project's storage is already in the runtime,
  // its targets not yet (so nothing here may ask the VM about the project).
  const storage = runtime.extensionStorage[STORAGE_KEY];
  const opened =
    storage === undefined
      ? Promise.resolve()
      : readModelsFromProject({ extensionStorage: { [STORAGE_KEY]: storage } }, null)
          .then((load) => service.replaceFromProject(load))
          .catch(onLoadError);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let writes = Promise.resolve();
  const write = async () => {
    const plan = planProjectModels(service.exportForProject());
    runtime.extensionStorage[STORAGE_KEY] = { ...plan.storage, [INLINE_ENTRIES_FIELD]: await inlineEntries(plan.entries) };
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      writes = writes
        .then(write)
        .catch((error: unknown) => console.warn('[image-model] the models could not be put into the project', error));
    }, WRITE_DELAY_MS);
  };
  const unsubscribe = service.subscribe(schedule);
  return {
    opened,
    stop() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
