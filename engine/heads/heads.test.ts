// The two heads on synthetic embeddings: three well-separated clusters, so the expected answers are known.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../backend';
import { isEngineError } from '../errors';
import { seededRandom } from '../training-data';
import { EMBEDDING_SIZE, type LabelledEmbedding } from '../types';
import { DenseHead, trainDenseHead } from './dense-head';
import { DENSE_KIND } from './dense-kind';
import { stackEmbeddings, type Head } from './head';
import { KnnHead, trainKnnHead } from './knn-head';

/** Class c lives around a direction of its own (dimensions c*100 .. c*100+99), with seeded noise. */
function cluster(classIndex: number, count: number, seed: number): LabelledEmbedding[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const embedding = Float32Array.from(
      { length: EMBEDDING_SIZE },
      (_, d) => random() * 0.3 + (Math.floor(d / 100) === classIndex ? 1 : 0),
    );
    return { classIndex, embedding };
  });
}

const training = [...cluster(0, 8, 1), ...cluster(1, 8, 2), ...cluster(2, 8, 3)];
const heldOut = [...cluster(0, 5, 11), ...cluster(1, 5, 12), ...cluster(2, 5, 13)];

async function predict(head: Head, examples: readonly LabelledEmbedding[]): Promise<number[][]> {
  const input = stackEmbeddings(examples.map((e) => e.embedding));
  try {
    return await head.predict(input);
  } finally {
    input.dispose();
  }
}

const top = (row: number[]) => row.indexOf(Math.max(...row));

before(async () => {
  assert.ok(await startBackend('wasm'));
});

test('knn: the nearest examples vote; confidences follow class order; a class without examples gets 0', async () => {
  // Examples given class 2 first: confidences must still come out in class-index order.
  const examples = [...cluster(2, 3, 5), ...cluster(0, 3, 6)];
  const head = KnnHead.fromExamples(examples, 3, 3);
  try {
    const rows = await predict(head, [...cluster(0, 2, 21), ...cluster(2, 2, 22), ...cluster(1, 1, 23)]);
    assert.deepEqual(rows.slice(0, 4), [
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    assert.equal(rows[4][1], 0, 'class 1 has no examples, so never a vote');
    assert.deepEqual(head.describe(), { kind: 'knn', k: 3, examplesPerClass: [3, 0, 3] });
  } finally {
    head.dispose();
  }
});

test('knn: confidences are vote shares of k, and k larger than the examples is fine', async () => {
  const head = KnnHead.fromExamples([...cluster(0, 2, 1), ...cluster(1, 1, 2)], 2, 10);
  try {
    const [row] = await predict(head, cluster(0, 1, 3));
    assert.ok(Math.abs(row[0] - 2 / 3) < 1e-6 && Math.abs(row[1] - 1 / 3) < 1e-6, JSON.stringify(row));
  } finally {
    head.dispose();
  }
});

test('knn: stored weights are unit-length examples class after class, and restore to the same answers', async () => {
  const { head, history } = await trainKnnHead(training, heldOut, 3, 3);
  const { specs, values } = await head.weights();
  assert.deepEqual(specs, [{ name: 'knn/examples', shape: [39, EMBEDDING_SIZE], dtype: 'float32' }], 'held-out examples are kept too');
  const norm = Math.hypot(...values[0].subarray(0, EMBEDDING_SIZE));
  assert.ok(Math.abs(norm - 1) < 1e-5);
  assert.equal(history.length, 1);
  assert.equal(history[0].acc, 1);
  assert.equal(history[0].valAcc, 1);
  const restored = KnnHead.fromNormalized(values[0], [13, 13, 13], 3, EMBEDDING_SIZE);
  assert.deepEqual(await predict(restored, heldOut), await predict(head, heldOut));
  head.dispose();
  restored.dispose();
});

test('knn: an all-zero embedding is kept as zeros, never NaN that would spoil the saved model', async () => {
  const head = KnnHead.fromExamples([{ classIndex: 0, embedding: new Float32Array(EMBEDDING_SIZE) }, ...cluster(1, 2, 4)], 2, 1);
  try {
    const { values } = await head.weights();
    assert.ok(values[0].every(Number.isFinite));
    assert.deepEqual((await predict(head, cluster(1, 1, 9)))[0], [0, 1]);
  } finally {
    head.dispose();
  }
});

test('dense: learns the clusters, reports each epoch, and restores from its weights to identical answers', async () => {
  const epochs: number[] = [];
  const settings = { ...DENSE_KIND.defaults, epochs: 20, batchSize: 8 };
  const { head, history } = await trainDenseHead({
    training,
    validation: heldOut,
    classCount: 3,
    settings,
    seed: 4,
    random: seededRandom(4),
    onEpoch: (m) => epochs.push(m.epoch),
  });
  try {
    assert.deepEqual(
      epochs,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal(history.at(-1)!.acc, 1);
    assert.equal(history.at(-1)!.valAcc, 1);
    const rows = await predict(head, heldOut);
    assert.deepEqual(
      rows.map(top),
      heldOut.map((e) => e.classIndex),
    );
    rows.forEach((row) => assert.ok(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-5, 'softmax rows sum to 1'));
    const { specs, values } = await head.weights();
    assert.deepEqual(
      specs.map((s) => s.shape),
      [[EMBEDDING_SIZE, 100], [100], [100, 3], [3]],
    );
    const description = head.describe();
    assert.ok(description.kind === 'dense');
    assert.deepEqual(description.layers, [
      { type: 'dense', units: 100, activation: 'relu' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ]);
    const restored = DenseHead.fromWeights(description.layers, values, EMBEDDING_SIZE);
    assert.deepEqual(await predict(restored, heldOut), rows);
    restored.dispose();
  } finally {
    head.dispose();
  }
});

test('dense: the same seed gives the same initial weights, another seed other ones', async () => {
  const layers = [
    { type: 'dense', units: 4, activation: 'relu' },
    { type: 'dense', units: 2, activation: 'softmax' },
  ] as const;
  const weights = async (seed: number) => {
    const head = DenseHead.untrained(layers, seed, EMBEDDING_SIZE);
    const { values } = await head.weights();
    head.dispose();
    return values;
  };
  assert.deepEqual(await weights(9), await weights(9));
  assert.notDeepEqual(await weights(9), await weights(10));
});

test('dense: an abort between epochs stops training cleanly with train/cancelled and frees every tensor', async () => {
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  let lastEpoch = 0;
  await assert.rejects(
    trainDenseHead({
      training,
      validation: heldOut,
      classCount: 3,
      settings: DENSE_KIND.defaults,
      seed: 1,
      random: seededRandom(1),
      signal: controller.signal,
      onEpoch: (m) => {
        lastEpoch = m.epoch;
        if (m.epoch === 2) setTimeout(() => controller.abort(), 0); // like a "Stop" message arriving later
      },
    }),
    (error) => isEngineError(error) && error.code === 'train/cancelled',
  );
  assert.ok(lastEpoch >= 2 && lastEpoch < DENSE_KIND.defaults.epochs, `stopped after epoch ${lastEpoch}`);
  assert.equal(tf.memory().numTensors, before);
});
