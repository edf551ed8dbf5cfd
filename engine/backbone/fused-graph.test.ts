import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../backend';
import { imagesToTensor } from '../preprocess';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import { Backbone } from './backbone';
import { compileFusedGraph } from './fused-graph';
import { loadBackbone } from './load-backbone';

let server: ModelServer;

before(async () => {
  assert.ok(await startBackend('wasm'));
  server = await startModelServer();
});

after(() => server.close());

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Every fusable pattern: conv with bias + BN + ReLU, depthwise (multiplier 2) + BN + ReLU6, bare conv, add, padding. */
function smallModel(): tf.LayersModel {
  const input = tf.input({ shape: [9, 9, 3] });
  const padded = tf.layers
    .zeroPadding2d({
      padding: [
        [0, 1],
        [0, 1],
      ],
    })
    .apply(input) as tf.SymbolicTensor;
  let x = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, strides: 2, useBias: true, biasInitializer: 'randomNormal' })
    .apply(padded) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ epsilon: 0.001 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({}).apply(x) as tf.SymbolicTensor;
  let y = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization({}).apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU({ maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.conv2d({ filters: 4, kernelSize: 1, padding: 'same', useBias: false }).apply(y) as tf.SymbolicTensor;
  const sum = tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: pooled });
  // Non-trivial normalisation statistics, so folding them in is really exercised.
  model.layers
    .filter((layer) => layer.getClassName() === 'BatchNormalization')
    .forEach((layer, i) => {
      layer.setWeights(layer.getWeights().map((w, j) => tf.randomUniform(w.shape, j === 3 ? 0.5 : -1, 2, 'float32', 10 * i + j)));
    });
  return model;
}

test('a small model with every fusable pattern gives the same output fused as unfused', () => {
  const model = smallModel();
  const graph = compileFusedGraph(model);
  assert.ok(graph, 'compiles');
  const input = tf.randomUniform([2, 9, 9, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
  const expected = model.predict(input) as tf.Tensor;
  const actual = graph.predict(input);
  assert.deepEqual(actual.shape, [2, 4]);
  assert.ok(maxDifference(actual, expected) < 1e-5, `difference ${maxDifference(actual, expected)}`);
  tf.dispose([input, expected, actual]);
  const before = tf.memory().numTensors;
  graph.dispose();
  assert.equal(tf.memory().numTensors, before - 5, 'its 3 kernels and 2 biases are freed');
  model.dispose();
});

test('withWeights runs the same steps on other weights, owns them, and leaves the original alone', () => {
  const model = smallModel();
  const graph = compileFusedGraph(model)!;
  model.dispose();
  const input = tf.randomUniform([1, 9, 9, 3], -1, 1, 'float32', 2) as tf.Tensor4D;
  const original = graph.predict(input);
  const same = graph.withWeights(graph.steps.map((step) => step.weights.map((weight) => weight.clone())));
  const halved = graph.withWeights(graph.steps.map((step) => step.weights.map((weight) => tf.mul(weight, 0.5))));
  const [sameOutput, halvedOutput, againOutput] = [same.predict(input), halved.predict(input), graph.predict(input)];
  assert.equal(maxDifference(sameOutput, original), 0);
  assert.ok(maxDifference(halvedOutput, original) > 1e-3, 'other weights give another answer');
  assert.equal(maxDifference(againOutput, original), 0, 'the original graph still uses its own weights');
  assert.throws(() => graph.withWeights(graph.steps.map(() => [])), RangeError);
  tf.dispose([original, sameOutput, halvedOutput, againOutput]);
  const before = tf.memory().numTensors;
  same.dispose();
  assert.equal(tf.memory().numTensors, before - 5, "the copy frees its own 5 tensors, not the original's");
  halved.dispose();
  graph.dispose();
  input.dispose();
});

test('a model with a layer the fusion does not know falls back to the layers model', async () => {
  const input = tf.input({ shape: [224, 224, 3] });
  const pooled = tf.layers.maxPooling2d({ poolSize: 2 }).apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: tf.layers.globalAveragePooling2d({}).apply(pooled) as tf.SymbolicTensor });
  assert.equal(compileFusedGraph(model), undefined);
  const before = tf.memory().numTensors;
  const backbone = Backbone.fromModel(model);
  assert.equal(backbone.fused, false);
  assert.ok((await backbone.timeOneEmbedding()) >= 0, 'the layers model runs');
  backbone.dispose();
  assert.ok(tf.memory().numTensors <= before);
});

test('the real backbone, both layouts: the fused graph runs and matches the layers model within float rounding', async () => {
  const photos = imagesToTensor([signDigitPhotos(0)[0], signDigitPhotos(4)[7]].map(decodeJpeg));
  for (const source of [
    { kind: 'backbone', url: server.backboneUrl },
    { kind: 'no-top', url: server.noTopUrl },
  ] as const) {
    const { model } = await loadBackbone([source]);
    const expected = model.predict(photos) as tf.Tensor;
    const graph = compileFusedGraph(model);
    assert.ok(graph, `${source.kind} compiles`);
    const actual = graph.predict(photos);
    const difference = maxDifference(actual, expected);
    console.log(`${source.kind}: fused vs layers max difference ${difference.toExponential(2)}`);
    assert.ok(difference < 1e-4, `difference ${difference}`);
    tf.dispose([expected, actual]);
    graph.dispose();
    model.dispose();
  }
  photos.dispose();
});

test("the real backbone frees each step's output once no later step reads it, with the same numbers as every step's own output", async () => {
  const { model } = await loadBackbone([{ kind: 'backbone', url: server.backboneUrl }]);
  const graph = compileFusedGraph(model);
  assert.ok(graph);
  const batch = imagesToTensor(signDigitPhotos(1).slice(0, 8).map(decodeJpeg));
  let embeddings: tf.Tensor | undefined;
  const { peakBytes, kernels } = await tf.profile(() => {
    embeddings = graph.predict(batch);
    return embeddings;
  });
  const allOutputsBytes = kernels.reduce((sum, kernel) => sum + kernel.bytesAdded, 0);
  console.log(`batch of 8: peak ${(peakBytes / 2 ** 20).toFixed(0)} MB, all step outputs ${(allOutputsBytes / 2 ** 20).toFixed(0)} MB`);
  assert.ok(peakBytes < allOutputsBytes / 3, `peak ${peakBytes} of ${allOutputsBytes}`);
  // outputOf(last step) runs the same steps: the answer is bit for bit the one predict gives.
  const last = graph.outputOf(batch, graph.steps.length - 1);
  assert.deepEqual(await last.data(), await embeddings!.data());
  tf.dispose([batch, embeddings!, last]);
  graph.dispose();
  model.dispose();
});
