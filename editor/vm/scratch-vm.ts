// The slice of scratch-vm 15.1.1 the host touches. The GUI's bundle hands us its VM instance (onVmInit) but no
// types; these mirror virtual-machine.js, extension-manager.js and runtime.js of that version.
import type { ScratchRuntime } from '../../extension/scratch-types';

/** A Blockly event as the VM's listeners receive it (only what we read). */
export interface BlocklyEvent {
  readonly workspaceId?: string;
  getEventWorkspace_?(): BlocklyWorkspace;
}

/** A scratch-blocks (Blockly 12) workspace: the main one, or the palette's flyout workspace. */
export interface BlocklyWorkspace {
  readonly id: string;
  /** For a flyout's workspace: the main workspace it belongs to. */
  readonly targetWorkspace?: BlocklyWorkspace | null;
  registerButtonCallback(key: string, callback: () => void): void;
}

export interface ScratchExtensionManager {
  loadExtensionURL(url: string): Promise<unknown>;
  isExtensionLoaded(id: string): boolean;
  /** Registers an in-page extension object; returns its service name. */
  _registerInternalExtension(extension: object): string;
  /** Loaded extension id → service name. */
  readonly _loadedExtensions: Map<string, string>;
}

export interface ScratchVmRuntime extends ScratchRuntime {
  /** The blocks of the palette; scratch-blocks' flyout events reach it through vm.flyoutBlockListener. */
  readonly flyoutBlocks: { blocklyListen(event: BlocklyEvent): void };
}

export interface ScratchVm {
  readonly runtime: ScratchVmRuntime;
  readonly extensionManager: ScratchExtensionManager;
  /** Called by the GUI at start and from its language menu; refreshes every extension's blocks. */
  setLocale(locale: string, messages?: unknown): Promise<unknown>;
  getLocale(): string;
}
