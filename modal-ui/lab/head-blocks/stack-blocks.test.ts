import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stackProblems, type HeadLayerSpec } from '../../../engine';
import {
  BATCH_NORM_BLOCK,
  DENSE_BLOCK,
  DROPOUT_BLOCK,
  NETWORK_BLOCK,
  networkFromStack,
  paletteBlocks,
  stackFromNetwork,
  type BlockState,
} from './stack-blocks';

/** A network block as Blockly.serialization.blocks.save gives it, with the layer blocks chained in its mouth. */
function savedNetwork(...layers: BlockState[]): BlockState {
  const chain = layers.reduceRight<BlockState | undefined>(
    (below, block) => ({ ...block, ...(below && { next: { block: below } }) }),
    undefined,
  );
  return { type: NETWORK_BLOCK, id: 'net', x: 20, y: 20, ...(chain && { inputs: { LAYERS: { block: chain } } }) };
}

const dense = (id: string, units: string, activation = 'relu'): BlockState => ({
  type: DENSE_BLOCK,
  id,
  fields: { UNITS: units, ACTIVATION: activation },
});
const dropout = (id: string, percent: string): BlockState => ({ type: DROPOUT_BLOCK, id, fields: { PERCENT: percent } });

test('the blocks in the network, top to bottom, become the hidden layers (dropout in percent becomes a rate)', () => {
  const read = stackFromNetwork(
    savedNetwork(dense('a', '64', 'tanh'), { type: BATCH_NORM_BLOCK, id: 'b' }, dropout('c', '25'), dense('d', '8')),
  );
  assert.deepEqual(read.layers, [
    { type: 'dense', units: 64, activation: 'tanh' },
    { type: 'batchNorm' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 8, activation: 'relu' },
  ]);
  assert.deepEqual(read.blockIds, ['a', 'b', 'c', 'd']);
  assert.deepEqual(stackFromNetwork(savedNetwork()).layers, []);
  assert.deepEqual(stackFromNetwork(savedNetwork(dropout('x', '7'))).layers, [{ type: 'dropout', rate: 0.07 }]);
});

test('what a child types that cannot train is kept, so the stack rules explain it block by block', () => {
  const read = stackFromNetwork(savedNetwork(dense('a', '0'), dense('b', '2.5'), dropout('c', '100'), dense('d', '', 'softmax')));
  assert.deepEqual(stackProblems(read.layers, 3), [
    { code: 'units-too-few', layerIndex: 0 },
    { code: 'units-not-whole', layerIndex: 1 },
    { code: 'dropout-rate-out-of-range', layerIndex: 2 },
    { code: 'units-not-whole', layerIndex: 3 },
  ]);
  assert.deepEqual(read.blockIds, ['a', 'b', 'c', 'd']);
});

test('blocks that are not layers are skipped', () => {
  const read = stackFromNetwork(savedNetwork({ type: 'motion_movesteps', id: 'm' }, dense('a', '16')));
  assert.deepEqual(read.layers, [{ type: 'dense', units: 16, activation: 'relu' }]);
  assert.deepEqual(read.blockIds, ['a']);
});

test('a saved stack becomes the fixed network block and reads back the same', () => {
  const stack: HeadLayerSpec[] = [
    { type: 'dropout', rate: 0.1 },
    { type: 'dense', units: 100, activation: 'relu' },
    { type: 'batchNorm' },
    { type: 'dense', units: 0, activation: 'softmax' },
  ];
  const network = networkFromStack(stack, { x: 10, y: 30 });
  assert.equal(network.type, NETWORK_BLOCK);
  assert.equal(network.deletable, false);
  assert.equal(network.movable, false);
  assert.equal(network.inputs?.LAYERS.block?.fields?.PERCENT, '10');
  assert.deepEqual(stackFromNetwork(network).layers, stack);
  // Blockly's JSON: the state survives a trip through text.
  assert.deepEqual(stackFromNetwork(JSON.parse(JSON.stringify(network)) as BlockState).layers, stack);
  assert.equal(networkFromStack([], { x: 0, y: 0 }).inputs, undefined);
});

test('the palette offers one block of each kind with values that can train', () => {
  const blocks = paletteBlocks();
  assert.deepEqual(
    blocks.map((block) => block.type),
    [DENSE_BLOCK, DROPOUT_BLOCK, BATCH_NORM_BLOCK],
  );
  assert.deepEqual(stackProblems(stackFromNetwork(savedNetwork(...blocks)).layers, 2), []);
});
