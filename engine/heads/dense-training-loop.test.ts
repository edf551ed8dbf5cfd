// The hand-written training step against tfjs's own: its gradients against autodiff of the layers model, and its
// held-out accuracy on the shared photos against tf.LayersModel.fit on the same split, starting weights and batches.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createEngine } from '../engine';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import { seededRandom, shuffled, splitExamples } from '../training-data';
import { EMBEDDING_SIZE, type HeadLayerSpec, type LabelledEmbedding } from '../types';
import { DenseHead, trainDenseHead } from './dense-head';
import { DENSE_KIND, type DenseSettings } from './dense-kind';
import { trainingPass } from './dense-training-loop';
import { scoreConfidences, stackEmbeddings } from './head';
import { headLayers } from './head-stack';

const DIGITS = [0, 1, 2, 3, 4];
const SETTINGS: DenseSettings = DENSE_KIND.defaults;
/** Few pictures per class, so the held-out accuracy has room to differ between two trainers. */
const TRAIN_PER_CLASS = 8;

let server: ModelServer;
let photos: LabelledEmbedding[][]; // per class, in file order

before(async () => {
  server = await startModelServer();
  const engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  photos = [];
  for (const [classIndex, digit] of DIGITS.entries()) {
    const embeddings = await engine.embed(signDigitPhotos(digit).map(decodeJpeg));
    photos.push(embeddings.map((embedding) => ({ classIndex, embedding })));
  }
});

after(() => server.close());

function heldOutAccuracy(network: tf.Sequential, examples: readonly LabelledEmbedding[]): number {
  const x = stackEmbeddings(examples.map((e) => e.embedding));
  const rows = tf.tidy(() => (network.predict(x) as tf.Tensor2D).arraySync());
  x.dispose();
  return scoreConfidences(
    rows,
    examples.map((e) => e.classIndex),
  ).acc;
}

/** The same run through tfjs's own training: model.fit, one epoch at a time on the batches our loop would take. */
async function fitReference(layers: readonly HeadLayerSpec[], training: readonly LabelledEmbedding[], seed: number, random: () => number) {
  const head = DenseHead.untrained(layers, seed, EMBEDDING_SIZE);
  head.network.compile({ optimizer: tf.train.adam(SETTINGS.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const losses: number[] = [];
  for (let epoch = 0; epoch < SETTINGS.epochs; epoch++) {
    const order = shuffled(training, random);
    const x = stackEmbeddings(order.map((e) => e.embedding));
    const y = tf.oneHot(
      order.map((e) => e.classIndex),
      DIGITS.length,
    );
    const history = await head.network.fit(x, y, { batchSize: SETTINGS.batchSize, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    losses.push(history.history.loss[0] as number);
  }
  return { head, losses };
}

test('the hand-derived gradients equal autodiff of the layers model, through every kind of block', () => {
  const stack: HeadLayerSpec[] = [
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 24, activation: 'tanh' },
    { type: 'batchNorm' },
    { type: 'dense', units: 16, activation: 'sigmoid' },
    { type: 'dense', units: 12, activation: 'linear' },
    { type: 'dense', units: 10, activation: 'relu' },
  ];
  const layers = headLayers(stack, 4);
  const head = DenseHead.untrained(layers, 5, EMBEDDING_SIZE);
  try {
    tf.tidy(() => {
      const x = tf.randomNormal([7, EMBEDDING_SIZE], 0, 1, 'float32', 1) as tf.Tensor2D;
      const y = tf.oneHot([0, 1, 2, 3, 0, 1, 2], 4).toFloat() as tf.Tensor2D;
      const pass = trainingPass(head.network, layers);
      const ours = pass.gradients(x, y).grads;
      const { grads } = tf.variableGrads(
        () => tf.mean(tf.metrics.categoricalCrossentropy(y, head.network.apply(x, { training: true }) as tf.Tensor2D)) as tf.Scalar,
        [...pass.variables],
      );
      assert.equal(ours.length, pass.variables.length);
      pass.variables.forEach((variable, i) => {
        const expected = grads[variable.name];
        const scale = tf.max(tf.abs(expected)).dataSync()[0];
        const error = tf.max(tf.abs(tf.sub(ours[i], expected))).dataSync()[0];
        assert.ok(scale > 0, `${variable.name} has a gradient`);
        assert.ok(error <= 1e-4 * scale + 1e-7, `${variable.name}: off by ${error} (largest ${scale})`);
      });
    });
  } finally {
    head.dispose();
  }
});

test('held-out accuracy on the shared photos equals model.fit on the same split within 2 points, for 3 seeds', async () => {
  const layers = headLayers(SETTINGS.hiddenLayers ?? [], DIGITS.length);
  for (const seed of [1, 2, 3]) {
    const chosen = photos.flatMap((ofClass) => shuffled(ofClass, seededRandom(seed * 100 + ofClass[0].classIndex)));
    const picked = DIGITS.flatMap((_, c) => chosen.filter((e) => e.classIndex === c).slice(0, TRAIN_PER_CLASS));
    const heldOut = chosen.filter((e) => !picked.includes(e));
    // Two random sources from one seed: both trainers see the same split and the same batches.
    const [ourRandom, theirRandom] = [seededRandom(seed), seededRandom(seed)];
    const split = splitExamples(picked, DIGITS.length, 0.15, ourRandom);
    splitExamples(picked, DIGITS.length, 0.15, theirRandom);
    const ours = await trainDenseHead({ ...split, classCount: DIGITS.length, settings: SETTINGS, seed, random: ourRandom });
    const reference = await fitReference(layers, split.training, seed, theirRandom);
    try {
      const ourAccuracy = heldOutAccuracy((ours.head as DenseHead).network, heldOut);
      const theirAccuracy = heldOutAccuracy(reference.head.network, heldOut);
      assert.ok(heldOut.length >= 150);
      assert.ok(
        Math.abs(ourAccuracy - theirAccuracy) <= 0.02,
        `seed ${seed}: ours ${ourAccuracy}, model.fit ${theirAccuracy} on ${heldOut.length} pictures`,
      );
      // The same steps from the same start: the first epoch's training loss matches to float rounding.
      assert.ok(Math.abs(ours.history[0].loss - reference.losses[0]) < 1e-4, `${ours.history[0].loss} vs ${reference.losses[0]}`);
    } finally {
      ours.head.dispose();
      reference.head.dispose();
    }
  }
});

test('training again and again, with every kind of block and with a Stop, leaves no tensor behind', async () => {
  const examples = photos.flatMap((ofClass) => ofClass.slice(0, 6));
  const stacks: HeadLayerSpec[][] = [
    [...(SETTINGS.hiddenLayers ?? [])],
    [{ type: 'batchNorm' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 20, activation: 'sigmoid' }],
  ];
  const run = async (hiddenLayers: HeadLayerSpec[], signal?: AbortSignal, onEpoch?: () => void) => {
    const random = seededRandom(4);
    const split = splitExamples(examples, DIGITS.length, 0.15, random);
    const settings = { ...SETTINGS, epochs: 5, hiddenLayers };
    const { head } = await trainDenseHead({ ...split, classCount: DIGITS.length, settings, seed: 4, random, signal, onEpoch });
    head.dispose();
  };
  await run(stacks[0]); // the first training sets up what tfjs keeps for good (kernels, scalars)
  const before = tf.memory().numTensors;
  for (const stack of stacks) await run(stack);
  const controller = new AbortController();
  await assert.rejects(
    run(stacks[1], controller.signal, () => controller.abort()),
    /stopped/,
  );
  assert.equal(tf.memory().numTensors, before);
});
