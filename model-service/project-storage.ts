// What the editor's VM hooks (editor/vm/project-storage-hooks.ts) do with the child's models on every save and
// load. The host passes how to reach the model service, which starts only when Image Model is first loaded.
import type { ProjectModels, ProjectModelsLoad } from '../project-file';
import type { ModelService } from './model-service';

export interface ProjectStorageDeps {
  /** The model service, or null while Image Model has not started on this page. */
  service(): ModelService | null;
  /** Starts Image Model (the extension and its model service) for a project that carries models. */
  start(): Promise<unknown>;
  /** Whether the project just loaded has Image Model blocks in its scripts. */
  projectUsesBlocks(): boolean;
}

/** The hooks' side of saving and loading, shaped as editor/vm/project-storage-hooks.ts's ProjectStorageHooks. */
export function projectStorageHandlers(deps: ProjectStorageDeps) {
  return {
    /** Null (the project saved exactly as Scratch writes it) while Image Model has not started. */
    getModelsForSave(): ProjectModels | null {
      return deps.service()?.exportForProject() ?? null;
    },
    /**
     * A project without models at page start (the editor's default project) leaves the child's saved work alone:
     * the service has not started, and when it does it reads that work from IndexedDB.
     */
    async onModelsLoaded(load: ProjectModelsLoad): Promise<void> {
      if (!deps.service()) {
        if (!load.present) return;
        // A project saved with models but without our blocks does not load the extension by itself.
        await deps.start();
      }
      await deps.service()?.replaceFromProject(load, { usesBlocks: deps.projectUsesBlocks() });
    },
  };
}
