// Adds an extension from outside the "Add Extension" library (the page address, our menu-bar entry). The GUI's
// code area only hears of new extensions once it has shown its first project (the VM's first workspaceUpdate);
// an extension added earlier would never reach the palette. So a request made before that moment waits for it.
import type { ScratchVm } from './scratch-vm';

/** Must be called when the VM arrives (onVmInit), before the editor shows its first project. */
export function extensionAdder(vm: ScratchVm, extensionId: string): () => Promise<void> {
  const paletteListens = new Promise<void>((resolve) => vm.once('workspaceUpdate', () => resolve()));
  return async () => {
    if (vm.extensionManager.isExtensionLoaded(extensionId)) return;
    await paletteListens;
    await vm.extensionManager.loadExtensionURL(extensionId);
  };
}
