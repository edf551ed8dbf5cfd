// The slice of scratch-vm 15.1.1 the extension touches. scratch-vm ships no types; these mirror the shapes
// read by its extension-manager.js (_prepareExtensionInfo, _prepareMenuInfo) and runtime.js.
import type { ArgumentTypeValue, BlockTypeValue } from '../blocks/scratch-constants';

export interface ScratchRuntime {
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
  /** Makes the VM call getInfo() again and redraw the palette (new language, new classes). */
  requestToolboxExtensionsUpdate(): void;
}

/** Runtime events the extension listens to (names from scratch-vm's Runtime statics). */
export const RuntimeEvent = {
  /** Stop sign pressed or the project stopped by a script: waiting pictures are no longer wanted. */
  stopAll: 'PROJECT_STOP_ALL',
  /** The runtime was cleared for another project (File > New, Load): forget the last result. */
  disposed: 'RUNTIME_DISPOSED',
} as const;

/** The block utility scratch-vm passes as a block function's second argument (only what we read). */
export interface BlockUtility {
  readonly target?: { getName(): string; readonly isStage?: boolean };
}

export interface MenuItem {
  readonly text: string;
  readonly value: string;
}

export interface ScratchArgumentInfo {
  readonly type: ArgumentTypeValue;
  readonly menu?: string;
  readonly defaultValue?: string | number;
}

export interface ScratchBlockInfo {
  readonly opcode: string;
  readonly blockType: Exclude<BlockTypeValue, 'button'>;
  readonly text: string;
  readonly arguments: Readonly<Record<string, ScratchArgumentInfo>>;
  readonly disableMonitor?: boolean;
}

export interface ScratchButtonInfo {
  readonly blockType: 'button';
  readonly text: string;
  readonly func: string;
}

export interface ScratchMenuInfo {
  readonly acceptReporters: boolean;
  /** The name of an extension method returning MenuItem[] (called whenever the menu opens). */
  readonly items: string;
}

export interface ScratchExtensionInfo {
  readonly id: string;
  readonly name: string;
  readonly color1: string;
  readonly color2: string;
  readonly color3: string;
  readonly menuIconURI: string;
  readonly blockIconURI: string;
  readonly blocks: readonly (ScratchBlockInfo | ScratchButtonInfo)[];
  readonly menus: Readonly<Record<string, ScratchMenuInfo>>;
}
