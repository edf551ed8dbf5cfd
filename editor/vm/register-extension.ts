// Puts our extension into the VM. scratch-vm only knows its built-in extensions by id, and every way in goes
// through extensionManager.loadExtensionURL(id): the library tile, loading a project that uses the
// extension, and pasting its blocks. So we answer that call for our id and leave all others to the VM. The
// extension is created on the first such call (its code is downloaded then), and every caller waits for it.
import type { ScratchVm } from './scratch-vm';

export function registerExtensionOnDemand(vm: ScratchVm, extensionId: string, create: () => Promise<object>): void {
  const manager = vm.extensionManager;
  const loadOthers = manager.loadExtensionURL.bind(manager);
  // One instance for the page's lifetime: it listens to the runtime and the language. A failed download (the
  // network dropped) is tried again by the next call.
  let extension: Promise<object> | null = null;

  manager.loadExtensionURL = async (url: string) => {
    if (url !== extensionId) return loadOthers(url);
    extension ??= create().catch((error: unknown) => {
      extension = null;
      throw error;
    });
    const created = await extension;
    if (!manager.isExtensionLoaded(extensionId)) manager._loadedExtensions.set(extensionId, manager._registerInternalExtension(created));
  };
}
