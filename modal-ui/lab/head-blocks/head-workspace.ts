// The head editor's block workspace (scratch-blocks). Loaded only when the child opens "Build the network"
// (head-blocks-panel.tsx imports this module dynamically), so scratch-blocks is a chunk of its own and the editor's
// start does not grow. The editor's own copy of scratch-blocks lives inside the GUI bundle, which does not expose it.
import * as ScratchBlocks from 'scratch-blocks';
import { MAX_STACK_LAYERS, type HeadLayerSpec } from '../../../engine';
import type { t as translate } from '../../../locales';
import {
  ACTIVATION_CHOICES,
  ACTIVATION_FIELD,
  BATCH_NORM_BLOCK,
  DENSE_BLOCK,
  DROPOUT_BLOCK,
  LAYERS_INPUT,
  NETWORK_BLOCK,
  networkFromStack,
  paletteBlocks,
  PERCENT_FIELD,
  stackFromNetwork,
  UNITS_FIELD,
  type BlockStack,
  type BlockState,
} from './stack-blocks';

type Translate = typeof translate;

export interface HeadWorkspaceOptions {
  /** The stack to show (the model's `hiddenLayers`). */
  readonly stack: readonly HeadLayerSpec[];
  /** Where the block sprites are (the GUI's static/blocks-media/default/). */
  readonly media: string;
  readonly t: Translate;
  /** Called after each change of the blocks: the stack in the network, and whether blocks lie outside it. */
  onChange(stack: BlockStack, unusedBlocks: boolean): void;
}

export interface HeadWorkspace {
  /** Outlines the blocks that need fixing (by block id); the others lose their outline. */
  markBlocks(blockIds: readonly string[]): void;
  /** Blocks can be looked at but not changed (while training). */
  setReadOnly(readOnly: boolean): void;
  dispose(): void;
}

/**
 * The blocks' colours as Scratch's (Looks, Sensing, Pen). Every style is a full object: scratch-blocks copies a
 * theme's plain colour strings into CSS variables on the page, which would recolour the editor's own blocks.
 */
const STYLES = {
  imh_network: ['#7A5BD6', '#6A4FC0', '#5B3FA8'],
  imh_dense: ['#9966FF', '#855CD6', '#774DCB'],
  imh_dropout: ['#5CB1D6', '#47A8D1', '#2E8EB8'],
  imh_batchnorm: ['#0FBD8C', '#0DA57A', '#0B8E69'],
} as const;
type StyleName = keyof typeof STYLES;

function headTheme(): ScratchBlocks.Theme {
  const blockStyles = Object.fromEntries(
    Object.entries(STYLES).map(([name, [primary, secondary, tertiary]]) => [
      name,
      { colourPrimary: primary, colourSecondary: secondary, colourTertiary: tertiary, colourQuaternary: tertiary, hat: '' },
    ]),
  );
  return new ScratchBlocks.Theme('imagemodel-head', blockStyles);
}

const BAD_BLOCK_CLASS = 'imh-bad-block';
/** Room for more layers than a stack may hold, so a child can meet the "too many blocks" message, but bounded. */
const MAX_BLOCKS = 2 * MAX_STACK_LAYERS + 1;

/** A field takes only text that is a number: a half-typed "-" or "" keeps the previous value. */
const numberOnly = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? text : null);

/** (Re)defines the blocks in the current language; block definitions are global to this scratch-blocks copy. */
function defineBlocks(t: Translate): void {
  const define = (type: string, style: StyleName, json: Record<string, unknown>) => {
    ScratchBlocks.Blocks[type] = {
      init(this: ScratchBlocks.Block) {
        this.jsonInit({ type, style, ...json });
        for (const name of [UNITS_FIELD, PERCENT_FIELD]) this.getField(name)?.setValidator(numberOnly);
      },
    };
  };
  define(NETWORK_BLOCK, 'imh_network', {
    message0: t('lab.head.block.features'),
    message1: '%1',
    args1: [{ type: 'input_statement', name: LAYERS_INPUT }],
    message2: t('lab.head.block.answer'),
  });
  define(DENSE_BLOCK, 'imh_dense', {
    message0: t('lab.head.block.dense'),
    args0: [
      { type: 'field_number', name: UNITS_FIELD, value: 32 },
      {
        type: 'field_dropdown',
        name: ACTIVATION_FIELD,
        options: ACTIVATION_CHOICES.map((name) => [t(`lab.head.activation.${name}`), name]),
      },
    ],
    extensions: ['shape_statement'],
  });
  define(DROPOUT_BLOCK, 'imh_dropout', {
    message0: t('lab.head.block.dropout'),
    args0: [{ type: 'field_number', name: PERCENT_FIELD, value: 20 }],
    extensions: ['shape_statement'],
  });
  define(BATCH_NORM_BLOCK, 'imh_batchnorm', {
    message0: t('lab.head.block.batchNorm'),
    extensions: ['shape_statement'],
  });
}

export function createHeadWorkspace(container: HTMLElement, options: HeadWorkspaceOptions): HeadWorkspace {
  const { t } = options;
  defineBlocks(t);
  const workspace = ScratchBlocks.inject(container, {
    media: options.media,
    theme: headTheme(),
    toolbox: {
      kind: 'categoryToolbox',
      contents: [
        {
          kind: 'category',
          name: t('lab.head.palette'),
          colour: STYLES.imh_dense[0],
          contents: paletteBlocks().map((block) => ({ kind: 'block', ...block })),
        },
      ],
    },
    zoom: { controls: false, wheel: false, startScale: 0.75 },
    move: { scrollbars: true, drag: true, wheel: true },
    trashcan: false,
    sounds: false,
    comments: false,
    collapse: false,
    disable: false,
    maxBlocks: MAX_BLOCKS,
  });

  ScratchBlocks.serialization.blocks.append(networkFromStack(options.stack, { x: 24, y: 24 }), workspace);
  const network = workspace.getTopBlocks(false).find((block) => block.type === NETWORK_BLOCK);
  if (!network) throw new Error('the network block was not created');

  const report = () => {
    const unused = workspace.getTopBlocks(false).some((block) => block !== network);
    options.onChange(stackFromNetwork(ScratchBlocks.serialization.blocks.save(network) as BlockState), unused);
  };
  workspace.addChangeListener((event: ScratchBlocks.Events.Abstract) => {
    if (!event.isUiEvent) report();
  });
  report();

  let marked: readonly string[] = [];
  return {
    markBlocks(blockIds) {
      for (const id of marked) if (!blockIds.includes(id)) workspace.getBlockById(id)?.removeClass(BAD_BLOCK_CLASS);
      for (const id of blockIds) workspace.getBlockById(id)?.addClass(BAD_BLOCK_CLASS);
      marked = blockIds;
    },
    setReadOnly(readOnly) {
      workspace.setIsReadOnly(readOnly);
    },
    dispose() {
      workspace.dispose();
    },
  };
}
