import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEngineError } from '../errors';
import {
  assertTrainableStack,
  countParameters,
  layerParameters,
  MAX_HEAD_PARAMETERS,
  MAX_STACK_LAYERS,
  stackProblems,
  type StackLayerSpec,
  type StackProblem,
} from './head-stack';

const dense = (units: number, activation: 'relu' | 'softmax' | 'linear' | 'sigmoid' | 'tanh' = 'relu'): StackLayerSpec => ({
  type: 'dense',
  units,
  activation,
});
const dropout = (rate: number): StackLayerSpec => ({ type: 'dropout', rate });
const batchNorm: StackLayerSpec = { type: 'batchNorm' };
/** A stack as a damaged or hand-edited project could hold it. */
const untrusted = (value: unknown) => value as StackLayerSpec;

const problems = (stack: StackLayerSpec[], classCount = 3) => stackProblems(stack, classCount);
const only = (code: StackProblem['code'], layerIndex: number) => [{ code, layerIndex }];

test('good stacks, the empty one included, have no problems', () => {
  assert.deepEqual(problems([]), []);
  assert.deepEqual(problems([dense(100)]), []);
  assert.deepEqual(problems([dropout(0.2), dense(64, 'tanh'), batchNorm, dense(32, 'sigmoid'), dense(16, 'linear'), dropout(0)]), []);
});

test('each bad block is refused with its own code and its index', () => {
  assert.deepEqual(problems([dense(100), dense(0)]), only('units-too-few', 1));
  assert.deepEqual(problems([dense(-5)]), only('units-too-few', 0));
  assert.deepEqual(problems([dense(2.5)]), only('units-not-whole', 0));
  assert.deepEqual(problems([untrusted({ type: 'dense', units: '10', activation: 'relu' })]), only('units-not-whole', 0));
  assert.deepEqual(problems([dense(4097)]), only('units-too-many', 0));
  assert.deepEqual(problems([dense(10), dense(10, 'softmax'), dense(10)]), only('activation-cannot-train', 1));
  assert.deepEqual(problems([untrusted({ type: 'dense', units: 10, activation: 'swish' })]), only('unknown-activation', 0));
  assert.deepEqual(problems([dropout(1)]), only('dropout-rate-out-of-range', 0));
  assert.deepEqual(problems([dense(10), dropout(-0.1)]), only('dropout-rate-out-of-range', 1));
  assert.deepEqual(problems([untrusted({ type: 'dropout' })]), only('dropout-rate-out-of-range', 0));
  assert.deepEqual(problems([dense(10), dropout(0.3), dropout(0.3)]), only('dropout-twice', 2));
  assert.deepEqual(problems([untrusted({ type: 'conv2d' }), untrusted(null)]), [
    { code: 'unknown-layer', layerIndex: 0 },
    { code: 'unknown-layer', layerIndex: 1 },
  ]);
  assert.deepEqual(problems(new Array(MAX_STACK_LAYERS + 1).fill(dense(8))), only('too-many-layers', MAX_STACK_LAYERS));
  assert.deepEqual(problems(new Array(MAX_STACK_LAYERS).fill(dense(8))), []);
});

test('every problem is listed at once, so the editor can mark each block', () => {
  assert.deepEqual(problems([dense(0), dropout(0.5), dropout(0.5), dense(8, 'softmax')]), [
    { code: 'units-too-few', layerIndex: 0 },
    { code: 'dropout-twice', layerIndex: 2 },
    { code: 'activation-cannot-train', layerIndex: 3 },
  ]);
});

test(`a stack over ${MAX_HEAD_PARAMETERS} parameters is refused at its biggest layer`, () => {
  assert.deepEqual(problems([dense(1500)]), []);
  assert.deepEqual(problems([dense(1600)]), only('too-many-parameters', 0));
  // 1280*600+600 = 768,600, then 600*2100+2100 = 1,262,100: together over the limit, the second is the bigger.
  assert.deepEqual(problems([dense(600), dense(2100)], 2), only('too-many-parameters', 1));
  assert.deepEqual(problems([dense(600), dense(2000)], 2), []);
});

test('parameters: dense = inputs x units + units, batch normalisation = 4 per feature, dropout = 0, answer on top', () => {
  const stack = [dense(64), batchNorm, dropout(0.2), dense(32, 'tanh')];
  assert.deepEqual(layerParameters(stack, 3), [1280 * 64 + 64, 4 * 64, 0, 64 * 32 + 32, 32 * 3 + 3]);
  assert.equal(countParameters(stack, 3), 84_419);
  assert.equal(countParameters([], 5), 1281 * 5);
});

test('the engine refuses a bad stack with train/invalid-head carrying every problem for the editor', () => {
  assert.doesNotThrow(() => assertTrainableStack([dense(100)], 3));
  assert.throws(
    () => assertTrainableStack([dense(0), dropout(0.5), dropout(0.5)], 3),
    (error) =>
      isEngineError(error) &&
      error.code === 'train/invalid-head' &&
      /units-too-few at layer 0; dropout-twice at layer 2/.test(error.detail) &&
      JSON.stringify(error.headProblems) ===
        JSON.stringify([
          { code: 'units-too-few', layerIndex: 0 },
          { code: 'dropout-twice', layerIndex: 2 },
        ]),
  );
});
