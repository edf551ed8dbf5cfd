// The Image Model palette as data: what each block looks like and takes. The extension turns this into
// Scratch's getInfo() in the current language and supplies one function per opcode.
//
// Opcodes and argument names are saved inside children's projects (as `imageModel_<opcode>` and input
// names): never rename them; menu values are saved too. A new block is a new entry here plus one handler in
// the extension.
import { HAND_LANDMARK_NAMES } from '../engine';
import type { MessageKey } from '../locales';
import { ArgumentType, BlockType, type ArgumentTypeValue } from './scratch-constants';
import { BLOCK_ICON_URI, MENU_ICON_URI } from './icons';

/** `func` of the palette button that opens the trainer (the host routes clicks on it to `openTrainer`). */
export const OPEN_TRAINER_BUTTON_FUNC = 'IMAGE_MODEL_OPEN_TRAINER';

export const CATEGORY = {
  nameKey: 'blocks.categoryName',
  // Blockly needs all three colours when one is set ("Invalid colour" otherwise).
  color1: '#5e6ad2',
  color2: '#4f5abf',
  color3: '#4450a8',
  menuIconURI: MENU_ICON_URI,
  blockIconURI: BLOCK_ICON_URI,
} as const;

/** Video states, as scratch-vm's video sensing names them (both extensions share the stage's video). */
export const VideoState = { off: 'off', on: 'on', onFlipped: 'on-flipped' } as const;
export type VideoStateValue = (typeof VideoState)[keyof typeof VideoState];

/** What `recognize [stage / this costume]` looks at. */
export const PictureSource = { stage: 'stage', costume: 'costume' } as const;
export type PictureSourceValue = (typeof PictureSource)[keyof typeof PictureSource];

/** The two stage coordinates of `[x / y] of [landmark]`. */
export const Axis = { x: 'x', y: 'y' } as const;

/** Where `[x / y] of [landmark]` starts: the index fingertip, the point a child steers with. */
export const DEFAULT_LANDMARK = 'indexTip';

export interface FixedMenuItem {
  readonly textKey: MessageKey;
  readonly value: string;
}

/**
 * Dynamic menus name the extension method that lists their items when a child opens them; fixed menus list
 * their items here (translated when the palette is built).
 */
export type MenuSpec =
  | { readonly acceptReporters: boolean; readonly itemsFunction: string }
  | { readonly acceptReporters: boolean; readonly items: readonly FixedMenuItem[] };

export const MENUS = {
  /** The active model's class names (a placeholder item when there is no model yet). */
  classes: { acceptReporters: true, itemsFunction: 'classMenu' },
  /** The project's model names (there is always at least one). */
  models: { acceptReporters: true, itemsFunction: 'modelMenu' },
  /** The cameras this browser has (a placeholder item when it has none). */
  cameras: { acceptReporters: true, itemsFunction: 'cameraMenu' },
  videoState: {
    acceptReporters: false,
    items: [
      { textKey: 'blocks.videoOff', value: VideoState.off },
      { textKey: 'blocks.videoOn', value: VideoState.on },
      { textKey: 'blocks.videoOnFlipped', value: VideoState.onFlipped },
    ],
  },
  pictureSource: {
    acceptReporters: false,
    items: [
      { textKey: 'blocks.sourceStage', value: PictureSource.stage },
      { textKey: 'blocks.sourceCostume', value: PictureSource.costume },
    ],
  },
  axis: {
    acceptReporters: false,
    items: [
      { textKey: 'blocks.axisX', value: Axis.x },
      { textKey: 'blocks.axisY', value: Axis.y },
    ],
  },
  /** The 21 points MediaPipe Hands finds, by their names in engine/landmarks (saved in projects). */
  landmarks: {
    acceptReporters: false,
    items: HAND_LANDMARK_NAMES.map((name) => ({ textKey: `blocks.landmark.${name}` as const, value: name })),
  },
} as const satisfies Readonly<Record<string, MenuSpec>>;
export type MenuId = keyof typeof MENUS;

/**
 * Filled in by the extension when it builds the palette: the first item of the argument's menu (the model's
 * first class, the first camera), so a block dragged from the palette works as it is.
 */
export const FIRST_ITEM = { kind: 'first-item' } as const;

export interface ArgumentSpec {
  readonly type: ArgumentTypeValue;
  readonly menu?: MenuId;
  readonly defaultValue?: string | number | typeof FIRST_ITEM;
}

export const Opcode = {
  recognizeImage: 'recognizeImage',
  result: 'result',
  confidenceOf: 'confidenceOf',
  isResult: 'isResult',
  videoToggle: 'videoToggle',
  setVideoTransparency: 'setVideoTransparency',
  chooseCamera: 'chooseCamera',
  recognizeVideo: 'recognizeVideo',
  stopRecognizingVideo: 'stopRecognizingVideo',
  whenRecognized: 'whenRecognized',
  setConfidenceThreshold: 'setConfidenceThreshold',
  recognizePicture: 'recognizePicture',
  useModel: 'useModel',
  handFound: 'handFound',
  landmarkPosition: 'landmarkPosition',
} as const;
export type OpcodeValue = (typeof Opcode)[keyof typeof Opcode];

export interface BlockSpec {
  readonly kind: 'block';
  readonly opcode: OpcodeValue;
  readonly blockType: typeof BlockType.COMMAND | typeof BlockType.REPORTER | typeof BlockType.BOOLEAN | typeof BlockType.HAT;
  /** Locale key of the block's text; `[NAME]` in the text places the argument NAME. */
  readonly textKey: MessageKey;
  readonly arguments: Readonly<Record<string, ArgumentSpec>>;
  /** Reporters without arguments get a stage-monitor checkbox unless this is set. */
  readonly disableMonitor?: boolean;
  /** Hats: the VM checks the block every frame and starts the script only when it turns from false to true. */
  readonly isEdgeActivated?: boolean;
}

export interface ButtonSpec {
  readonly kind: 'button';
  readonly textKey: MessageKey;
  /** The host routes clicks on this key (Scratch buttons have no block function). */
  readonly func: string;
}

export type PaletteEntry = BlockSpec | ButtonSpec;

const CLASS_ARGUMENT: ArgumentSpec = { type: ArgumentType.STRING, menu: 'classes', defaultValue: FIRST_ITEM };

/** Percent a hat needs before `set confidence threshold` is used. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 50;
/** Seconds between live recognitions before a child sets another value. */
export const DEFAULT_VIDEO_INTERVAL = 0.2;

/** In palette order. */
export const PALETTE: readonly PaletteEntry[] = [
  { kind: 'button', textKey: 'blocks.openTrainer', func: OPEN_TRAINER_BUTTON_FUNC },
  {
    kind: 'block',
    opcode: Opcode.useModel,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.useModel',
    arguments: { MODEL: { type: ArgumentType.STRING, menu: 'models', defaultValue: FIRST_ITEM } },
  },
  { kind: 'block', opcode: Opcode.recognizeImage, blockType: BlockType.COMMAND, textKey: 'blocks.recognizeImage', arguments: {} },
  { kind: 'block', opcode: Opcode.result, blockType: BlockType.REPORTER, textKey: 'blocks.result', arguments: {} },
  {
    kind: 'block',
    opcode: Opcode.confidenceOf,
    blockType: BlockType.REPORTER,
    textKey: 'blocks.confidenceOf',
    arguments: { CLASS: CLASS_ARGUMENT },
  },
  {
    kind: 'block',
    opcode: Opcode.isResult,
    blockType: BlockType.BOOLEAN,
    textKey: 'blocks.isResult',
    arguments: { CLASS: CLASS_ARGUMENT },
  },
  {
    kind: 'block',
    opcode: Opcode.whenRecognized,
    blockType: BlockType.HAT,
    textKey: 'blocks.whenRecognized',
    arguments: { CLASS: CLASS_ARGUMENT },
    isEdgeActivated: true,
  },
  {
    kind: 'block',
    opcode: Opcode.setConfidenceThreshold,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.setConfidenceThreshold',
    arguments: { THRESHOLD: { type: ArgumentType.NUMBER, defaultValue: DEFAULT_CONFIDENCE_THRESHOLD } },
  },
  {
    kind: 'block',
    opcode: Opcode.recognizePicture,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.recognizePicture',
    arguments: { SOURCE: { type: ArgumentType.STRING, menu: 'pictureSource', defaultValue: PictureSource.stage } },
  },
  { kind: 'block', opcode: Opcode.handFound, blockType: BlockType.BOOLEAN, textKey: 'blocks.handFound', arguments: {} },
  {
    kind: 'block',
    opcode: Opcode.landmarkPosition,
    blockType: BlockType.REPORTER,
    textKey: 'blocks.landmarkPosition',
    arguments: {
      AXIS: { type: ArgumentType.STRING, menu: 'axis', defaultValue: Axis.x },
      LANDMARK: { type: ArgumentType.STRING, menu: 'landmarks', defaultValue: DEFAULT_LANDMARK },
    },
  },
  {
    kind: 'block',
    opcode: Opcode.recognizeVideo,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.recognizeVideo',
    arguments: { INTERVAL: { type: ArgumentType.NUMBER, defaultValue: DEFAULT_VIDEO_INTERVAL } },
  },
  {
    kind: 'block',
    opcode: Opcode.stopRecognizingVideo,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.stopRecognizingVideo',
    arguments: {},
  },
  {
    kind: 'block',
    opcode: Opcode.videoToggle,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.videoToggle',
    arguments: { VIDEO_STATE: { type: ArgumentType.STRING, menu: 'videoState', defaultValue: VideoState.on } },
  },
  {
    kind: 'block',
    opcode: Opcode.setVideoTransparency,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.setVideoTransparency',
    arguments: { TRANSPARENCY: { type: ArgumentType.NUMBER, defaultValue: 50 } },
  },
  {
    kind: 'block',
    opcode: Opcode.chooseCamera,
    blockType: BlockType.COMMAND,
    textKey: 'blocks.chooseCamera',
    arguments: { CAMERA: { type: ArgumentType.STRING, menu: 'cameras', defaultValue: FIRST_ITEM } },
  },
];
