// Palette buttons of extensions: scratch-vm emits <button callbackKey="..."> into the palette, but only the
// GUI's own MAKE_A_* keys have callbacks, and the dist bundle keeps the Blockly workspace private. Every
// Blockly event of the palette passes through vm.runtime.flyoutBlocks.blocklyListen, and an event knows its
// workspace; so the first event from each new palette workspace tells us where to register our callback
// (on the palette's workspace and the main one: Blockly looks the key up on the latter).
import type { BlocklyEvent, BlocklyWorkspace, ScratchVm, ScratchVmRuntime } from './scratch-vm';

/** One of the keys scratch-vm converts without complaint (runtime.js, _convertButtonForScratchBlocks). */
const KEY_THE_VM_KNOWS = 'MAKE_A_VARIABLE';

export function routeFlyoutButton(vm: ScratchVm, callbackKey: string, onClick: () => void): void {
  convertQuietly(vm.runtime, callbackKey);
  const flyoutBlocks = vm.runtime.flyoutBlocks;
  const listen = flyoutBlocks.blocklyListen.bind(flyoutBlocks);
  const checkedWorkspaceIds = new Set<string>();
  const registered = new WeakSet<BlocklyWorkspace>();

  flyoutBlocks.blocklyListen = (event: BlocklyEvent) => {
    const id = event.workspaceId;
    if (id && !checkedWorkspaceIds.has(id)) {
      checkedWorkspaceIds.add(id);
      const workspace = workspaceOf(event);
      for (const each of [workspace, workspace?.targetWorkspace]) {
        if (!each || registered.has(each)) continue;
        registered.add(each);
        each.registerButtonCallback(callbackKey, onClick);
      }
    }
    listen(event);
  };
}

/**
 * scratch-vm logs "Custom button callbacks not supported yet" each time it puts a button with any other key into
 * the palette (every refresh), although the host supports ours. Ours is converted as a key the VM knows, and
 * then given its own key back.
 */
function convertQuietly(runtime: ScratchVmRuntime, callbackKey: string): void {
  const convert = runtime._convertButtonForScratchBlocks.bind(runtime);
  runtime._convertButtonForScratchBlocks = (button, ...rest) => {
    if (button.func !== callbackKey) return convert(button, ...rest);
    const converted = convert({ ...button, func: KEY_THE_VM_KNOWS }, ...rest);
    return { ...converted, info: button, xml: converted.xml.replace(`callbackKey="${KEY_THE_VM_KNOWS}"`, `callbackKey="${callbackKey}"`) };
  };
}

function workspaceOf(event: BlocklyEvent): BlocklyWorkspace | null {
  try {
    return event.getEventWorkspace_?.() ?? null;
  } catch {
    // Events replayed without a live workspace (none in practice): nothing to register on.
    return null;
  }
}
