// Puts our extension into the VM. scratch-vm only knows its built-in extensions by id, and every way in goes
// through extensionManager.loadExtensionURL(id): the library tile, loading a project that uses the
// extension, and pasting its blocks. So we answer that call for our id and leave all others to the VM.
import type { ScratchVm } from './scratch-vm';

export function registerExtensionOnDemand(vm: ScratchVm, extensionId: string, create: () => object): void {
  const manager = vm.extensionManager;
  const loadOthers = manager.loadExtensionURL.bind(manager);
  let extension: object | null = null;

  manager.loadExtensionURL = (url: string) => {
    if (url !== extensionId) return loadOthers(url);
    if (!manager.isExtensionLoaded(extensionId)) {
      // One instance for the page's lifetime: it listens to the runtime and the language.
      extension ??= create();
      manager._loadedExtensions.set(extensionId, manager._registerInternalExtension(extension));
    }
    return Promise.resolve();
  };
}
