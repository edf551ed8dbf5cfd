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

/** An extension's palette button as getInfo() declares it. */
export interface ExtensionButtonInfo {
  readonly func: string;
  readonly text: string;
}

export interface ScratchVmRuntime extends ScratchRuntime {
  /** The blocks of the palette; scratch-blocks' flyout events reach it through vm.flyoutBlockListener. */
  readonly flyoutBlocks: { blocklyListen(event: BlocklyEvent): void };
  /** Turns a palette button into the palette's XML (called on every fill of an extension's category). */
  _convertButtonForScratchBlocks(button: ExtensionButtonInfo, ...rest: unknown[]): { readonly info: unknown; readonly xml: string };
}

export interface ScratchVm {
  readonly runtime: ScratchVmRuntime;
  readonly extensionManager: ScratchExtensionManager;
  /** Called by the GUI at start and from its language menu; refreshes every extension's blocks. */
  setLocale(locale: string, messages?: unknown): Promise<unknown>;
  getLocale(): string;
  /** The VM is an EventEmitter; 'workspaceUpdate' is emitted each time the code area shows a target's scripts. */
  once(event: 'workspaceUpdate', listener: () => void): unknown;
}
