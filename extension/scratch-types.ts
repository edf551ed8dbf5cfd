// The slice of scratch-vm 15.1.1 the extension touches. scratch-vm ships no types; these mirror the shapes
// read by its extension-manager.js (_prepareExtensionInfo, _prepareMenuInfo) and runtime.js.
import type { ArgumentTypeValue, BlockTypeValue } from '../blocks/scratch-constants';

export interface ScratchRuntime {
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
  /** Makes the VM call getInfo() again and redraw the palette (new language, new classes). */
  requestToolboxExtensionsUpdate(): void;
  /** The editor's devices; the video one owns the camera and the stage's video layer (io/video.js). */
  readonly ioDevices?: { readonly video: VideoDevice };
  /** scratch-render's RenderWebGL; absent in a VM without a stage (Node). */
  readonly renderer?: StageRenderer | null;
  getTargetForStage?(): StageTarget | undefined;
}

/** Frame formats of VideoDevice.getFrame. */
export const VideoFormat = { imageData: 'image-data', canvas: 'canvas' } as const;

export interface FrameRequest {
  /** [width, height]: the whole camera picture is scaled into these. */
  readonly dimensions?: readonly [number, number];
  readonly mirror?: boolean;
  readonly format?: (typeof VideoFormat)[keyof typeof VideoFormat];
  /** Reuse a frame captured less than this many ms ago (the stage preview grabs one every frame). */
  readonly cacheTimeout?: number;
}

/** A frame as getFrame gives it in 'image-data' format (ImageData in the browser). */
export interface VideoFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** What supplies camera frames (the GUI's VideoProvider, or ours once a camera is chosen). */
export interface VideoProvider {
  enableVideo(): Promise<unknown>;
  disableVideo(): void;
  /** 'canvas' format gives the provider's canvas; we only ask for 'image-data'. */
  getFrame(request: Required<FrameRequest>): VideoFrame | HTMLCanvasElement | null;
  readonly videoReady: boolean;
  /** The playing <video>, whose size tells the camera's shape (the GUI's provider has it). */
  readonly video?: { readonly videoWidth: number; readonly videoHeight: number } | null;
}

/** scratch-vm's io/video.js: one camera for every extension, drawn on the stage's video layer. */
export interface VideoDevice {
  provider: VideoProvider | null;
  /** Whether frames are mirrored (video sensing's "on"); unset, the provider's default (mirrored). */
  mirror?: boolean;
  enableVideo(): Promise<unknown> | null;
  disableVideo(): void;
  setProvider(provider: VideoProvider): void;
  /** 0 (visible) to 100 (invisible). */
  setPreviewGhost(ghost: number): void;
  getFrame(request: FrameRequest): VideoFrame | HTMLCanvasElement | null;
  readonly videoReady: boolean;
}

/** The slice of RenderWebGL used to read the stage as drawn. */
export interface StageRenderer {
  readonly canvas: HTMLCanvasElement;
  /** Draws every layer now (the stage's own redraw waits for the next frame). */
  draw(): void;
}

/** Video sensing keeps the stage's video state in the project; we keep it in step. */
export interface StageTarget {
  videoState?: string;
  videoTransparency?: number;
}

/** A costume of a sprite or the stage, as scratch-vm keeps it (only what we read). */
export interface Costume {
  readonly name: string;
  readonly dataFormat: string;
  readonly asset?: { readonly data: Uint8Array } | null;
}

/** Runtime events the extension listens to (names from scratch-vm's Runtime statics). */
export const RuntimeEvent = {
  /** Stop sign pressed or the project stopped by a script: waiting pictures are no longer wanted. */
  stopAll: 'PROJECT_STOP_ALL',
  /** The runtime was cleared for another project (File > New, Load): forget the last result. */
  disposed: 'RUNTIME_DISPOSED',
  /** A project finished loading: the camera follows the video state it saved. */
  projectLoaded: 'PROJECT_LOADED',
} as const;

/** The block utility scratch-vm passes as a block function's second argument (only what we read). */
export interface BlockUtility {
  readonly target?: {
    getName(): string;
    readonly isStage?: boolean;
    getCostumes?(): readonly Costume[];
    readonly currentCostume?: number;
  };
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
  readonly isEdgeActivated?: boolean;
}

export interface ScratchButtonInfo {
  readonly blockType: 'button';
  readonly text: string;
  readonly func: string;
}

export interface ScratchMenuInfo {
  readonly acceptReporters: boolean;
  /** Fixed items, or the name of an extension method returning MenuItem[] (called whenever the menu opens). */
  readonly items: string | readonly MenuItem[];
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
