// Makes the project's models travel inside the .sb3. scratch-vm 15.1.1 has no extensionStorage, so three steps of
// its own save and load are wrapped on the VM instance:
//   saveProjectSb3()         takes one snapshot of the models for this save (both steps below use the same one);
//     toJSON()               adds `extensionStorage.imageModel` (TurboWarp's layout) to project.json;
//     _addFileDescsToZip()   adds the weights (and, if chosen, pictures) as binary zip entries;
//   deserializeProject()     after Scratch has loaded the project, reads our part back and hands it over.
// A sprite export (toJSON(targetId)) and any toJSON outside a save are left untouched.
import {
  addStorageToProjectJson,
  planProjectModels,
  readModelsFromProject,
  type ProjectModels,
  type ProjectModelsLoad,
  type ProjectModelsPlan,
  type ZipSink,
  type ZipSource,
} from '../../project-file';

/** The methods of scratch-vm's VirtualMachine that are wrapped (virtual-machine.js, 15.1.1). */
export interface ProjectStorageVm {
  saveProjectSb3(...args: unknown[]): Promise<unknown>;
  toJSON(optTargetId?: string, ...rest: unknown[]): string;
  _addFileDescsToZip(fileDescs: unknown, zip: ZipSink): void;
  /** `zip` is the opened .sb3 (JSZip), or absent for a project loaded from plain JSON. */
  deserializeProject(projectJson: unknown, zip?: ZipSource | null, ...rest: unknown[]): Promise<unknown>;
}

export interface ProjectStorageHooks {
  /**
   * The models as they are now; called once per save, synchronously (picture bytes may be Blobs). Null when
   * Image Model never started on this page: the project is saved exactly as Scratch writes it.
   */
  getModelsForSave(): ProjectModels | null;
  /**
   * Called after every project load, also for projects without our models (`present: false`). The project's
   * load waits for a returned promise, so the blocks can work as soon as the project appears.
   */
  onModelsLoaded(load: ProjectModelsLoad): void | Promise<void>;
  /** A save with these models finished (the host says whether the pictures went with them). */
  onSaved?(models: ProjectModels): void;
  /** onModelsLoaded failed: the project still opens; the host tells the child. */
  onLoadError?(error: unknown): void;
}

/** Installs the wrappers; returns a function that puts the VM's own methods back. */
export function installProjectStorageHooks(vm: ProjectStorageVm, hooks: ProjectStorageHooks): () => void {
  const original = {
    saveProjectSb3: vm.saveProjectSb3,
    toJSON: vm.toJSON,
    _addFileDescsToZip: vm._addFileDescsToZip,
    deserializeProject: vm.deserializeProject,
  };
  /** Set only while saveProjectSb3 runs its synchronous part (it calls toJSON and _addFileDescsToZip there). */
  let saving: ProjectModelsPlan | null = null;

  vm.saveProjectSb3 = function saveProjectSb3(this: ProjectStorageVm, ...args: unknown[]) {
    const models = hooks.getModelsForSave();
    saving = models && planProjectModels(models);
    try {
      const saved = original.saveProjectSb3.apply(this, args);
      if (models && hooks.onSaved)
        saved.then(
          () => hooks.onSaved?.(models),
          () => undefined,
        );
      return saved;
    } finally {
      saving = null;
    }
  };

  vm.toJSON = function toJSON(this: ProjectStorageVm, optTargetId?: string, ...rest: unknown[]) {
    const json = original.toJSON.call(this, optTargetId, ...rest);
    if (!saving || optTargetId !== undefined) return json;
    const project = JSON.parse(json) as Record<string, unknown>;
    addStorageToProjectJson(project, saving.storage);
    return JSON.stringify(project);
  };

  vm._addFileDescsToZip = function addFileDescsToZip(this: ProjectStorageVm, fileDescs: unknown, zip: ZipSink) {
    original._addFileDescsToZip.call(this, fileDescs, zip);
    if (saving) for (const entry of saving.entries) zip.file(entry.name, entry.data);
  };

  vm.deserializeProject = async function deserializeProject(
    this: ProjectStorageVm,
    projectJson: unknown,
    zip?: ZipSource | null,
    ...rest: unknown[]
  ) {
    const result = await original.deserializeProject.call(this, projectJson, zip, ...rest);
    try {
      await hooks.onModelsLoaded(await readModelsFromProject(projectJson, zip ?? null));
    } catch (error) {
      hooks.onLoadError?.(error);
    }
    return result;
  };

  return () => Object.assign(vm, original);
}
