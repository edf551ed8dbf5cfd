// "Under the hood" through EngineApi on the real backbone: the layer list (MobileNetV2's blocks, the 1280-wide
// pooling, the head ending in one number per class), feature maps and histograms of a real photo, no leaks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine';
import type { EngineApi } from '../engine-api';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { settingsWith, type SettingsPatch } from '../test-support/settings';
import { decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import type { LabelledEmbedding, RgbaImage } from '../types';
import { histogram, HISTOGRAM_BINS, MAX_FEATURE_MAP_SIZE, MAX_FEATURE_MAPS, type Histogram, type ModelLayers } from './under-the-hood';

const CLASSES = [0, 1, 2].map((digit) => ({ id: `digit-${digit}`, name: `${digit} fingers` }));
/** The backbone's model.json: 155 layers in the nested MobileNetV2 (its input layer included) and the pooling. */
const KERAS_BACKBONE_LAYERS = 156;

let server: ModelServer;
let engine: EngineApi;
let photo: RgbaImage;

async function trainAndLoad(key: string, settings: SettingsPatch): Promise<void> {
  const examples: LabelledEmbedding[] = [];
  for (const classIndex of CLASSES.keys()) {
    const embeddings = await engine.embed(signDigitPhotos(classIndex).slice(0, 6).map(decodeJpeg));
    examples.push(...embeddings.map((embedding) => ({ classIndex, embedding })));
  }
  const model = await engine.train({
    modelName: key,
    classes: CLASSES,
    examples,
    settings: settingsWith({ epochs: 3, validationRate: 0, ...settings }),
    seed: 1,
  });
  await engine.loadModel(key, model);
}

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  photo = decodeJpeg(signDigitPhotos(3)[0]);
  await trainAndLoad('dense', { kind: 'dense' });
  await trainAndLoad('knn', { kind: 'knn' });
  await trainAndLoad('blocks', {
    kind: 'dense',
    hiddenLayers: [{ type: 'dense', units: 32, activation: 'relu' }, { type: 'batchNorm' }, { type: 'dropout', rate: 0.5 }],
  });
});

after(() => server.close());

const total = (shape: readonly number[]) => shape.reduce((product, d) => product * d, 1);
const counted = (h: Histogram) => h.counts.reduce((sum, count) => sum + count, 0);
const indexOf = (model: ModelLayers, name: string) => model.layers.findIndex((layer) => layer.name === name);

test('the layer list: the picture, the stem, 17 blocks, the last convolution, the 1280-wide pooling, then the head', async () => {
  const model = await engine.describeLayers('dense');
  const { layers } = model;
  assert.deepEqual(layers[0], {
    name: 'input_1',
    kind: 'input',
    group: 'input',
    outputShape: [224, 224, 3],
    parameters: 0,
    folded: [],
    activation: 'linear',
  });
  assert.deepEqual(layers[2], {
    name: 'Conv1',
    kind: 'conv',
    group: 'stem',
    outputShape: [112, 112, 16],
    parameters: 3 * 3 * 3 * 16 + 16,
    folded: ['bn_Conv1', 'Conv1_relu'],
    activation: 'relu6',
  });
  const blocks = new Set(layers.filter((layer) => layer.group === 'block').map((layer) => layer.block));
  assert.deepEqual(
    [...blocks],
    Array.from({ length: 17 }, (_, i) => i),
  );
  const project = layers[indexOf(model, 'block_16_project')];
  assert.equal(project.activation, 'linear', 'projections have no ReLU6');
  assert.deepEqual(project.folded, ['block_16_project_BN']);

  const head = layers.filter((layer) => layer.group === 'head');
  const pooling = layers[layers.length - head.length - 1];
  assert.equal(pooling.kind, 'pool');
  assert.deepEqual(pooling.outputShape, [1280]);
  assert.deepEqual(
    head.map((layer) => [layer.kind, layer.outputShape, layer.parameters]),
    [
      ['dense', [100], 1280 * 100 + 100],
      ['dense', [CLASSES.length], 100 * CLASSES.length + CLASSES.length],
    ],
  );
  assert.equal(head.at(-1)!.activation, 'softmax');
  assert.equal(model.originalLayerCount, KERAS_BACKBONE_LAYERS + head.length, 'every original layer is a step or folded into one');

  const knn = await engine.describeLayers('knn');
  assert.deepEqual(knn.layers.at(-1), {
    name: 'knn',
    kind: 'knn',
    group: 'head',
    outputShape: [CLASSES.length],
    parameters: 18 * 1280,
    folded: [],
    activation: 'linear',
  });
});

test('a convolution step shows its first 16 feature maps at their size, and histograms of all its numbers', async () => {
  const model = await engine.describeLayers('dense');
  const index = indexOf(model, 'block_3_expand');
  const layer = model.layers[index];
  const [height, width, channels] = layer.outputShape;
  const look = await engine.lookAtLayer('dense', photo, index);
  assert.equal(look.layerIndex, index);
  const maps = look.featureMaps!;
  assert.deepEqual([maps.shown, maps.total, maps.height, maps.width], [MAX_FEATURE_MAPS, channels, height, width]);
  assert.equal(maps.pixels.length, MAX_FEATURE_MAPS * height * width);
  // Each map is stretched on its own: a map with any detail reaches both black and white.
  const lit = Array.from({ length: maps.shown }, (_, m) => maps.pixels.subarray(m * height * width, (m + 1) * height * width)).filter(
    (map) => Math.max(...map) === 255 && Math.min(...map) === 0,
  );
  assert.ok(lit.length >= 8, `${lit.length} maps use the whole grey range`);
  assert.equal(counted(look.activations), total(layer.outputShape));
  assert.ok(look.activations.min >= 0 && look.activations.max <= 6, 'ReLU6 keeps every number between 0 and 6');
  assert.equal(counted(look.weights!), layer.parameters);
  assert.equal(look.weights!.counts.length, HISTOGRAM_BINS);
});

test('the picture step shows its red, green and blue scaled down; the pooling step is the embedding itself', async () => {
  const input = await engine.lookAtLayer('dense', photo, 0);
  assert.deepEqual(
    [input.featureMaps!.shown, input.featureMaps!.height, input.featureMaps!.width],
    [3, MAX_FEATURE_MAP_SIZE, MAX_FEATURE_MAP_SIZE],
  );
  assert.equal(input.weights, undefined);
  assert.ok(input.activations.min >= -1 && input.activations.max <= 1);

  const model = await engine.describeLayers('dense');
  const poolIndex = model.layers.findIndex((layer) => layer.kind === 'pool');
  const pooled = await engine.lookAtLayer('dense', photo, poolIndex);
  const [embedding] = await engine.embed([photo]);
  assert.equal(pooled.featureMaps, undefined, 'a list of numbers has no maps');
  assert.deepEqual(pooled.activations, histogram(embedding), 'the same numbers the model learns from');
});

test('head layers: the hidden layer and the answer (one number per class, adding up to 1); KNN answers too', async () => {
  const model = await engine.describeLayers('dense');
  const last = model.layers.length - 1;
  const hidden = await engine.lookAtLayer('dense', photo, last - 1);
  assert.equal(counted(hidden.activations), 100);
  assert.equal(counted(hidden.weights!), 1280 * 100 + 100);
  const answer = await engine.lookAtLayer('dense', photo, last);
  assert.equal(counted(answer.activations), CLASSES.length);
  assert.ok(answer.activations.min >= 0 && answer.activations.max <= 1);
  const [confidences] = await engine.predictEmbeddings('dense', await engine.embed([photo]));
  assert.deepEqual(
    answer.answer!.map((value) => value.toFixed(5)),
    confidences.confidences.map((value) => value.toFixed(5)),
    'the same answer as recognising',
  );
  assert.equal(hidden.answer, undefined);
  assert.equal(counted(answer.weights!), model.layers[last].parameters);

  // A block-built head: every layer runs on its own; dropout has no weights and passes the numbers on.
  const blocks = await engine.describeLayers('blocks');
  const [dense, batchNorm, dropout] = blocks.layers.filter((layer) => layer.group === 'head');
  assert.deepEqual([dense.kind, batchNorm.kind, dropout.kind], ['dense', 'batchNorm', 'dropout']);
  const normalised = await engine.lookAtLayer('blocks', photo, blocks.layers.indexOf(batchNorm));
  assert.equal(counted(normalised.weights!), 4 * 32);
  const dropped = await engine.lookAtLayer('blocks', photo, blocks.layers.indexOf(dropout));
  assert.equal(dropped.weights, undefined);
  assert.deepEqual(dropped.activations, normalised.activations, 'dropout changes nothing once trained');

  const knnModel = await engine.describeLayers('knn');
  const knn = await engine.lookAtLayer('knn', photo, knnModel.layers.length - 1);
  assert.equal(counted(knn.activations), CLASSES.length);
  assert.equal(counted(knn.weights!), knnModel.layers.at(-1)!.parameters);
});

test('looking leaks no tensor; a step that does not exist or a model that is not loaded is refused', async () => {
  const before = (await engine.memory()).numTensors;
  const model = await engine.describeLayers('dense');
  for (const index of [0, 5, indexOf(model, 'block_2_add'), model.layers.length - 1]) await engine.lookAtLayer('dense', photo, index);
  await engine.lookAtLayer('knn', photo, (await engine.describeLayers('knn')).layers.length - 1);
  await assert.rejects(engine.lookAtLayer('dense', photo, model.layers.length), /internal/);
  assert.equal((await engine.memory()).numTensors, before);
  await assert.rejects(engine.describeLayers('nothing'), /model\/not-loaded/);
});

test('histogram: equal-width bins from the smallest to the largest number, counting every number once', () => {
  assert.deepEqual(histogram([0, 1, 2, 3], 4), { min: 0, max: 3, counts: [1, 1, 1, 1] });
  assert.deepEqual(histogram([5, 5, 5], 2), { min: 5, max: 5, counts: [3, 0] });
  assert.deepEqual(histogram([], 2), { min: 0, max: 0, counts: [0, 0] });
});
