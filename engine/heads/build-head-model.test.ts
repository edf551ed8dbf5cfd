// The one dense-head builder: shapes, parameter counts, seeds, and a block-built head that learns.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { isEngineError } from '../errors';
import { countParameters, type StackLayerSpec } from './head-stack';
import { seededRandom } from '../training-data';
import { EMBEDDING_SIZE } from '../types';
import { buildHeadModel } from './build-head-model';

before(async () => {
  await tf.setBackend('cpu');
});

const dense = (units: number, activation: 'relu' | 'softmax' | 'linear' | 'sigmoid' | 'tanh' = 'relu'): StackLayerSpec => ({
  type: 'dense',
  units,
  activation,
});
const dropout = (rate: number): StackLayerSpec => ({ type: 'dropout', rate });
const batchNorm: StackLayerSpec = { type: 'batchNorm' };

test("the built model has the stack's layers and shapes, then a softmax answer, and exactly the counted parameters", () => {
  const stack = [dense(64), batchNorm, dropout(0.2), dense(32, 'tanh')];
  const before = tf.memory().numTensors;
  const model = buildHeadModel(stack, 3, 7);
  try {
    assert.deepEqual(
      model.layers.map((layer) => layer.getClassName()),
      ['Dense', 'BatchNormalization', 'Dropout', 'Dense', 'Dense'],
    );
    assert.deepEqual(
      model.layers.map((layer) => layer.outputShape),
      [
        [null, 64],
        [null, 64],
        [null, 64],
        [null, 32],
        [null, 3],
      ],
    );
    assert.deepEqual(model.inputs[0].shape, [null, EMBEDDING_SIZE]);
    assert.equal(model.countParams(), countParameters(stack, 3));
    const rows = tf.tidy(
      () => (model.predict(tf.randomNormal([4, EMBEDDING_SIZE], 0, 1, 'float32', 1)) as tf.Tensor).arraySync() as number[][],
    );
    for (const row of rows) assert.ok(Math.abs(row.reduce((sum, value) => sum + value, 0) - 1) < 1e-5, 'each answer row sums to 1');
  } finally {
    model.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test('the same seed gives the same starting weights', () => {
  const weights = (seed: number) => {
    const model = buildHeadModel([dense(4)], 2, seed);
    const values = model.getWeights().map((w) => Array.from(w.dataSync()));
    model.dispose();
    return values;
  };
  assert.deepEqual(weights(3), weights(3));
  assert.notDeepEqual(weights(3), weights(4));
});

test('an empty stack builds plain softmax regression', () => {
  const model = buildHeadModel([], 4, 1);
  try {
    assert.equal(model.layers.length, 1);
    assert.deepEqual(model.layers[0].outputShape, [null, 4]);
    assert.equal(model.countParams(), 1281 * 4);
  } finally {
    model.dispose();
  }
});

test('a bad stack is never built: train/invalid-head names the problem', () => {
  assert.throws(
    () => buildHeadModel([dense(10, 'softmax')], 3),
    (error) => isEngineError(error) && error.code === 'train/invalid-head' && /activation-cannot-train at layer 0/.test(error.message),
  );
  assert.throws(
    () => buildHeadModel([], 1),
    (error) => isEngineError(error) && error.code === 'train/too-few-classes',
  );
});

test('a block-built head with batch normalisation and dropout learns two separable groups', async () => {
  const random = seededRandom(5);
  const xs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 40; i++) {
    const label = i % 2;
    // Class 1 is brighter on the first half of the features: a pattern a head must learn, not a given.
    xs.push(Array.from({ length: EMBEDDING_SIZE }, (_, d) => random() + (label === 1 && d < EMBEDDING_SIZE / 2 ? 0.3 : 0)));
    labels.push(label);
  }
  const before = tf.memory().numTensors;
  const model = buildHeadModel([dense(16), batchNorm, dropout(0.3)], 2, 11);
  const optimizer = tf.train.adam(0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor2d(xs);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 2).toFloat());
  try {
    const history = await model.fit(x, y, { epochs: 15, batchSize: 8, shuffle: false, verbose: 0 });
    const accuracy = history.history.acc as number[];
    assert.ok(accuracy[0] < 0.9, `starts unsure (${accuracy[0]})`);
    assert.equal(accuracy[accuracy.length - 1], 1, `learns it (${accuracy.join(', ')})`);
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});
