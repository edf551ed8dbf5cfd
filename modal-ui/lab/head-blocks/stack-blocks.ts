// The head editor's blocks as plain data, both ways: the child's layer stack (the `hiddenLayers` training setting)
// to the network block's serialised tree (Blockly's JSON block state) and back. No scratch-blocks here, so the
// conversion runs in Node tests and the trainer's main bundle stays free of the block library.
import type { DenseLayerSpec, HeadLayerSpec } from '../../../engine';

/** The fixed block: MobileNet's features on top, the layers in its mouth, the answer layer as its bottom arm. */
export const NETWORK_BLOCK = 'imagemodel_network';
export const DENSE_BLOCK = 'imagemodel_dense';
export const DROPOUT_BLOCK = 'imagemodel_dropout';
export const BATCH_NORM_BLOCK = 'imagemodel_batchnorm';
/** The network block's statement input that holds the stack. */
export const LAYERS_INPUT = 'LAYERS';
export const UNITS_FIELD = 'UNITS';
export const ACTIVATION_FIELD = 'ACTIVATION';
/** Dropout is shown in percent ("hide 20 %"): a child reads that more easily than a rate of 0.2. */
export const PERCENT_FIELD = 'PERCENT';

/** The activations the dense block's menu offers; softmax is there so a child can see why it cannot train. */
export const ACTIVATION_CHOICES: readonly DenseLayerSpec['activation'][] = ['relu', 'sigmoid', 'tanh', 'linear', 'softmax'];

/** The part of Blockly's serialised block state (Blockly.serialization.blocks.save) this editor uses. */
export interface BlockState {
  readonly type: string;
  readonly id?: string;
  readonly x?: number;
  readonly y?: number;
  readonly deletable?: boolean;
  readonly movable?: boolean;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly inputs?: Readonly<Record<string, { readonly block?: BlockState }>>;
  readonly next?: { readonly block?: BlockState };
}

/** A stack read from the blocks, with the id of each layer's block so a problem can point at its block. */
export interface BlockStack {
  readonly layers: HeadLayerSpec[];
  readonly blockIds: (string | undefined)[];
}

/** Field text as a number; text that is not one becomes NaN, which the stack rules refuse with a message. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  return Number(value);
}

/** Shows a number without float noise (0.07 * 100 is 7.000000000000001). */
const tidy = (value: number) => Number(value.toPrecision(6));

function layerOf(block: BlockState): HeadLayerSpec | undefined {
  const fields = block.fields ?? {};
  switch (block.type) {
    case DENSE_BLOCK:
      // An activation outside the menu (a hand-edited project) stays as it is so the stack rules name it.
      return { type: 'dense', units: numberOf(fields[UNITS_FIELD]), activation: fields[ACTIVATION_FIELD] as DenseLayerSpec['activation'] };
    case DROPOUT_BLOCK:
      return { type: 'dropout', rate: tidy(numberOf(fields[PERCENT_FIELD]) / 100) };
    case BATCH_NORM_BLOCK:
      return { type: 'batchNorm' };
    default:
      return undefined;
  }
}

/** The stack inside a network block, top to bottom; blocks that are not layers are skipped. */
export function stackFromNetwork(network: BlockState): BlockStack {
  const layers: HeadLayerSpec[] = [];
  const blockIds: (string | undefined)[] = [];
  for (let block = network.inputs?.[LAYERS_INPUT]?.block; block; block = block.next?.block) {
    const layer = layerOf(block);
    if (!layer) continue;
    layers.push(layer);
    blockIds.push(block.id);
  }
  return { layers, blockIds };
}

function blockOf(layer: HeadLayerSpec): BlockState {
  switch (layer.type) {
    case 'dense':
      return { type: DENSE_BLOCK, fields: { [UNITS_FIELD]: String(layer.units), [ACTIVATION_FIELD]: layer.activation } };
    case 'dropout':
      return { type: DROPOUT_BLOCK, fields: { [PERCENT_FIELD]: String(tidy(layer.rate * 100)) } };
    case 'batchNorm':
      return { type: BATCH_NORM_BLOCK };
  }
}

/** The fixed network block holding `stack`, for Blockly.serialization.blocks.append. */
export function networkFromStack(stack: readonly HeadLayerSpec[], position: { x: number; y: number }): BlockState {
  const chain = stack.reduceRight<BlockState | undefined>(
    (below, layer) => ({ ...blockOf(layer), ...(below && { next: { block: below } }) }),
    undefined,
  );
  return {
    type: NETWORK_BLOCK,
    ...position,
    deletable: false,
    movable: false,
    ...(chain && { inputs: { [LAYERS_INPUT]: { block: chain } } }),
  };
}

/** The palette's blocks with their starting values. */
export function paletteBlocks(): BlockState[] {
  return [
    blockOf({ type: 'dense', units: 32, activation: 'relu' }),
    blockOf({ type: 'dropout', rate: 0.2 }),
    blockOf({ type: 'batchNorm' }),
  ];
}
