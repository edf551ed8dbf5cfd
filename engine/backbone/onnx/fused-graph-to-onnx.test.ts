import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../../backend';
import { imagesToInput } from '../../preprocess';
import { startModelServer, type ModelServer } from '../../test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../../test-support/shared-data';
import { INPUT_SIZE } from '../../types';
import { compileFusedGraph, type FusedGraph } from '../fused-graph';
import { loadBackbone } from '../load-backbone';
import { fusedGraphToOnnx, NotConvertible } from './fused-graph-to-onnx';
import { startOnnxSession } from './onnx-session';

let server: ModelServer;

before(async () => {
  assert.ok(await startBackend('wasm'));
  server = await startModelServer();
});

after(() => server.close());

/** The largest difference between the graph's embeddings on tfjs and its ONNX model's on onnxruntime-web. */
async function runtimesDiffer(graph: FusedGraph, input: Float32Array, shape: number[]): Promise<number> {
  const session = await startOnnxSession(await fusedGraphToOnnx(graph));
  try {
    const onnx = await session.run(input, shape);
    const expected = tf.tidy(() => graph.predict(tf.tensor4d(input, shape as [number, number, number, number])));
    const tfjs = await expected.data();
    expected.dispose();
    assert.equal(onnx.length, tfjs.length);
    return onnx.reduce((most, value, i) => Math.max(most, Math.abs(value - tfjs[i])), 0);
  } finally {
    await session.dispose();
  }
}

/** Every step kind the converter writes: padding folded into a strided conv, 'same' padding at stride 2 (the odd
 * pixel after), depthwise with multiplier 2, ReLU and ReLU6, a bare conv, an add and a padding kept as a Pad. */
function smallGraph(): FusedGraph {
  const input = tf.input({ shape: [9, 9, 3] });
  const pad = (padding: [[number, number], [number, number]]) => tf.layers.zeroPadding2d({ padding });
  const padded = pad([
    [0, 1],
    [0, 1],
  ]).apply(input) as tf.SymbolicTensor;
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, biasInitializer: 'randomNormal' }).apply(padded) as tf.SymbolicTensor;
  x = tf.layers.reLU({}).apply(x) as tf.SymbolicTensor;
  let y = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization({}).apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU({ maxValue: 6 }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.conv2d({ filters: 4, kernelSize: 1, padding: 'same', useBias: false }).apply(y) as tf.SymbolicTensor;
  let sum = tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
  // Read by the add and the conv below: stays a Pad of its own.
  const edged = pad([
    [1, 0],
    [0, 1],
  ]).apply(sum) as tf.SymbolicTensor;
  sum = tf.layers.conv2d({ filters: 4, kernelSize: 2, strides: 2, padding: 'same' }).apply(edged) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: pooled });
  const graph = compileFusedGraph(model);
  model.dispose();
  assert.ok(graph);
  return graph;
}

test('a small graph with every step kind gives the same output on onnxruntime-web as on tfjs', async () => {
  const graph = smallGraph();
  const shape = [2, 9, 9, 3];
  const input = tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', 3).dataSync() as Float32Array);
  const difference = await runtimesDiffer(graph, input, shape);
  assert.ok(difference < 1e-5, `difference ${difference}`);
  graph.dispose();
});

test('the real backbone from both layouts gives embeddings within 1e-4 of the fused graph', async () => {
  const photos = [signDigitPhotos(0)[0], signDigitPhotos(2)[3], signDigitPhotos(4)[7]].map(decodeJpeg);
  const input = imagesToInput(photos);
  for (const source of [
    { kind: 'backbone', url: server.backboneUrl },
    { kind: 'no-top', url: server.noTopUrl },
  ] as const) {
    const { model } = await loadBackbone([source]);
    const graph = compileFusedGraph(model);
    model.dispose();
    assert.ok(graph);
    const difference = await runtimesDiffer(graph, input, [photos.length, INPUT_SIZE, INPUT_SIZE, 3]);
    console.log(`${source.kind}: onnxruntime-web vs tfjs max difference ${difference.toExponential(2)}`);
    assert.ok(difference <= 1e-4, `difference ${difference}`);
    graph.dispose();
  }
});

test('a graph that does not end in pooled features is not converted', async () => {
  const input = tf.input({ shape: [4, 4, 3] });
  const model = tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 2, kernelSize: 1 }).apply(input) as tf.SymbolicTensor });
  const graph = compileFusedGraph(model)!;
  model.dispose();
  await assert.rejects(fusedGraphToOnnx(graph), NotConvertible);
  graph.dispose();
});
