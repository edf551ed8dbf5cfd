// A Hands model end to end in the engine: heads train on landmark numbers, the model file names the hand landmark
// model, and it is never read or used as a Pictures model (nor a Pictures model as a Hands one).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { BASE_MODEL } from '../base-model';
import { isEngineError } from '../errors';
import { stackEmbeddings } from '../heads/head';
import { loadHead, trainHead } from '../heads/runtimes';
import { decodeModel, encodeModel, readModel, writeModel } from '../model-format/model-format';
import { settingsWith } from '../test-support/settings';
import { seededRandom, validateTrainRequest } from '../training-data';
import { EMBEDDING_SIZE, type HeadSettings, type LabelledEmbedding, type SerializedModel } from '../types';
import { HAND_FEATURE_SIZE, HAND_LANDMARK_MODEL } from './hand-landmarks';

before(() => tf.setBackend('cpu'));

const CLASSES = [
  { id: 'fist', name: 'fist' },
  { id: 'open', name: 'open hand' },
];

/** Two made-up hand shapes, 12 noisy examples each. */
function examples(seed: number): LabelledEmbedding[] {
  const random = seededRandom(seed);
  return Array.from({ length: 24 }, (_, i) => ({
    classIndex: i % 2,
    embedding: Float32Array.from(
      { length: HAND_FEATURE_SIZE },
      (_, j) => (i % 2 === 0 ? Math.sin(j) : Math.cos(j)) + 0.2 * (random() - 0.5),
    ),
  }));
}

async function trainHandsModel(head: HeadSettings): Promise<SerializedModel> {
  const trained = await trainHead({
    training: examples(1),
    validation: [],
    classCount: 2,
    settings: head,
    seed: 3,
    random: seededRandom(3),
  });
  try {
    return writeModel({
      name: 'gestures',
      featureSource: 'hands',
      classes: CLASSES,
      settings: settingsWith({ kind: head.kind, epochs: 30 }),
      history: trained.history,
      head: trained.head.describe(),
      weights: await trained.head.weights(),
    });
  } finally {
    trained.head.dispose();
  }
}

for (const kind of ['knn', 'dense'] as const) {
  test(`${kind}: a Hands model trains on landmarks, names the landmark model and answers after a round trip`, async () => {
    const model = await trainHandsModel(settingsWith({ kind, epochs: 30 }).head);
    const read = decodeModel(encodeModel(model));
    assert.equal(read.metadata.featureSource, 'hands');
    assert.deepEqual(read.metadata.baseModel, HAND_LANDMARK_MODEL);
    const head = loadHead(read.metadata.head, read.tensors, read.metadata.baseModel.embeddingSize);
    const held = examples(2);
    const input = stackEmbeddings(held.map((e) => e.embedding));
    try {
      const rows = await head.predict(input);
      const correct = rows.filter((row, i) => (row[1] > row[0] ? 1 : 0) === held[i].classIndex).length;
      assert.equal(correct, held.length);
    } finally {
      input.dispose();
      head.dispose();
    }
  });
}

test('a file from before Hands models reads as a Pictures model', async () => {
  const model = await trainHandsModel(settingsWith({ kind: 'knn' }).head);
  // The same shapes as an old Pictures file would hold: no featureSource, MobileNet, 1280 numbers per example.
  const old = writeModel({
    name: 'old',
    classes: CLASSES,
    settings: settingsWith({ kind: 'knn' }),
    history: model.metadata.history,
    head: model.metadata.head,
    weights: {
      specs: [{ name: 'knn/examples', shape: [24, EMBEDDING_SIZE], dtype: 'float32' }],
      values: [new Float32Array(24 * EMBEDDING_SIZE)],
    },
  });
  const { featureSource: _written, ...metadata } = old.metadata;
  const read = readModel({ ...old, metadata });
  assert.equal(read.metadata.featureSource, 'pictures');
  assert.deepEqual(read.metadata.baseModel, BASE_MODEL);
});

test('a Hands model that names MobileNet, or a Pictures model that names the hand model, is refused', async () => {
  const model = await trainHandsModel(settingsWith({ kind: 'knn' }).head);
  const refusedAs = (metadata: object, code: string) =>
    assert.throws(
      () => readModel({ ...model, metadata }),
      (error) => isEngineError(error) && error.code === code,
    );
  refusedAs({ ...model.metadata, baseModel: BASE_MODEL }, 'model/wrong-base-model');
  refusedAs({ ...model.metadata, featureSource: 'pictures' }, 'model/wrong-base-model');
  refusedAs({ ...model.metadata, baseModel: { ...HAND_LANDMARK_MODEL, weightsSha256: '0'.repeat(64) } }, 'model/wrong-base-model');
  refusedAs({ ...model.metadata, featureSource: 'feet' }, 'model/invalid');
});

test('a training request for Hands needs landmark numbers, not MobileNet embeddings', () => {
  const request = { modelName: 'gestures', classes: CLASSES, settings: settingsWith({ kind: 'knn' }), examples: examples(1) };
  assert.doesNotThrow(() => validateTrainRequest({ ...request, featureSource: 'hands' }));
  const refused = (value: object, code: string) =>
    assert.throws(
      () => validateTrainRequest(value as typeof request),
      (error) => isEngineError(error) && error.code === code,
    );
  refused(request, 'embedding/invalid');
  refused({ ...request, featureSource: 'feet' }, 'train/invalid-settings');
});
