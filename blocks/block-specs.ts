// The Image Model palette as data: what each block looks like and takes. The extension turns this into
// Scratch's getInfo() in the current language and supplies one function per opcode.
//
// Opcodes and argument names are saved inside children's projects (as `imageModel_<opcode>` and input
// names): never rename them. New blocks (use model [name], video, `when [class] is recognized`,
// recognize stage/costume) are added as new entries here plus one handler each in the extension.
import { OPEN_TRAINER_BUTTON_FUNC } from '../extension/contract';
import { ArgumentType, BlockType, type ArgumentTypeValue } from './scratch-constants';
import { BLOCK_ICON_URI, MENU_ICON_URI } from './icons';

export const CATEGORY = {
  nameKey: 'blocks.categoryName',
  // Blockly needs all three colours when one is set ("Invalid colour" otherwise).
  color1: '#5e6ad2',
  color2: '#4f5abf',
  color3: '#4450a8',
  menuIconURI: MENU_ICON_URI,
  blockIconURI: BLOCK_ICON_URI,
} as const;

/** Menus whose items come from the extension at the moment a child opens them. */
export const MENUS = {
  /** The active model's class names (a placeholder item when there is no model yet). */
  classes: { acceptReporters: true, itemsFunction: 'classMenu' },
} as const;
export type MenuId = keyof typeof MENUS;

/** Filled in by the extension when it builds the palette: the active model's first class, or ''. */
export const FIRST_CLASS = { kind: 'first-class' } as const;

export interface ArgumentSpec {
  readonly type: ArgumentTypeValue;
  readonly menu?: MenuId;
  readonly defaultValue?: string | number | typeof FIRST_CLASS;
}

export const Opcode = {
  recognizeImage: 'recognizeImage',
  result: 'result',
  confidenceOf: 'confidenceOf',
  isResult: 'isResult',
} as const;
export type OpcodeValue = (typeof Opcode)[keyof typeof Opcode];

export interface BlockSpec {
  readonly kind: 'block';
  readonly opcode: OpcodeValue;
  readonly blockType: typeof BlockType.COMMAND | typeof BlockType.REPORTER | typeof BlockType.BOOLEAN | typeof BlockType.HAT;
  /** Locale key of the block's text; `[NAME]` in the text places the argument NAME. */
  readonly textKey: string;
  readonly arguments: Readonly<Record<string, ArgumentSpec>>;
  /** Reporters without arguments get a stage-monitor checkbox unless this is set. */
  readonly disableMonitor?: boolean;
}

export interface ButtonSpec {
  readonly kind: 'button';
  readonly textKey: string;
  /** The host routes clicks on this key (Scratch buttons have no block function). */
  readonly func: string;
}

export type PaletteEntry = BlockSpec | ButtonSpec;

const CLASS_ARGUMENT: ArgumentSpec = { type: ArgumentType.STRING, menu: 'classes', defaultValue: FIRST_CLASS };

/** In palette order. */
export const PALETTE: readonly PaletteEntry[] = [
  { kind: 'button', textKey: 'blocks.openTrainer', func: OPEN_TRAINER_BUTTON_FUNC },
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
];
