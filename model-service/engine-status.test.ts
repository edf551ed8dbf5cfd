// When the picture brain (the MobileNet backbone) cannot be loaded, the model service says so with the problem's
// code, which the trainer shows as t('errors.<code>'), refuses to train without throwing, and loses nothing saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMBEDDING_SIZE, EngineError, type EngineApi, type TrainingSettings } from '../engine';
import errorsText from '../locales/en/errors.json';
import type { KeyValueBackend } from '../store/backend';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import type { ModelDraft, StoredPicture } from '../store/types';
import { createModelService } from './model-service';
import { until } from './test-support/until';

const SETTINGS: TrainingSettings = {
  validationRate: 0,
  head: { kind: 'dense', epochs: 10, batchSize: 16, learningRate: 0.001 },
  otherHeads: [{ kind: 'knn', k: 3 }],
};
const PICTURES_PER_CLASS = 5;

/** An engine whose init() failed: every call is recorded and refused, as the real engine refuses before a backbone. */
function engineWithoutBackbone(): { engine: EngineApi; calls: string[] } {
  const calls: string[] = [];
  const engine = new Proxy({} as EngineApi, {
    get: (_target, method) => () => {
      calls.push(String(method));
      return Promise.reject(new EngineError('base-model/not-loaded', 'init() has not finished'));
    },
  });
  return { engine, calls };
}

/** Every source failed, as in a classroom with no internet, no local folder and no cached copy yet. */
const unreachable = () =>
  new EngineError(
    'base-model/unreachable',
    'cache indexeddb://image-model-base: nothing stored; backbone ./models/…/model.json: HTTP 404; no-top https://storage.googleapis.com/…: Failed to fetch',
  );

/** A model saved on an earlier visit: two classes with enough pictures (and their embeddings) to train. */
async function savedWork(backend: KeyValueBackend): Promise<void> {
  const store = createModelStore(backend);
  const draft: ModelDraft = {
    schema: 1,
    id: 'm1',
    name: 'Hands',
    settings: SETTINGS,
    trainedVersion: null,
    updatedAt: 1,
    classes: [
      { id: 'c0', name: 'fist' },
      { id: 'c1', name: 'open hand' },
    ],
  };
  await store.createModel(draft);
  let createdAt = 0;
  for (const classId of ['c0', 'c1']) {
    for (let i = 0; i < PICTURES_PER_CLASS; i++) {
      createdAt++;
      const picture: StoredPicture = {
        id: `${classId}-p${i}`,
        modelId: 'm1',
        classId,
        encoded: new Blob([`jpeg ${createdAt}`], { type: 'image/jpeg' }),
        mimeType: 'image/jpeg',
        embedding: new Float32Array(EMBEDDING_SIZE).fill(createdAt / 100),
        createdAt,
      };
      await store.putPicture(picture);
    }
  }
}

test('a base model that cannot be loaded: the state names the problem, train() is refused gracefully, nothing saved is lost', async () => {
  const backend = createMemoryBackend();
  await savedWork(backend);
  const { engine, calls } = engineWithoutBackbone();
  const service = createModelService({
    engine,
    engineReady: Promise.reject(unreachable()),
    store: createModelStore(backend),
    defaultSettings: SETTINGS,
  });
  await service.whenLoaded();
  await until(service, () => service.getState().engine.status !== 'starting');

  const state = service.getState();
  assert.deepEqual(state.engine, { status: 'failed', problem: 'base-model/unreachable' });
  assert.ok(
    errorsText[state.engine.status === 'failed' ? state.engine.problem : 'internal'].startsWith('The picture brain could not be loaded'),
  );
  assert.deepEqual(
    state.classes.map((view) => view.pictures.length),
    [PICTURES_PER_CLASS, PICTURES_PER_CLASS],
  );
  assert.equal(state.readiness.ready, true, 'the pictures are enough: only the base model is missing');

  await assert.doesNotReject(service.train());
  assert.deepEqual(service.getState().training, { status: 'failed', problem: 'base-model/unreachable' });
  assert.equal(service.getState().trained, null);
  assert.ok(!calls.includes('train'), `the engine was never asked to train (asked: ${calls.join(', ') || 'nothing'})`);

  // A picture added now is refused with the same friendly problem; the saved pictures are all still there.
  await service.addPictures('c0', [
    { image: { width: 1, height: 1, data: new Uint8ClampedArray(4) }, encoded: new Blob(['x']), mimeType: 'image/jpeg' },
  ]);
  assert.equal(service.getState().problem, 'base-model/unreachable');
  assert.equal(service.getState().addingPictures, 0);
  await service.whenSaved();
  const reloaded = await createModelStore(backend).loadActiveModel();
  assert.equal(reloaded?.pictures.length, 2 * PICTURES_PER_CLASS);
});

test('a base model that answered with the wrong weights reports that code, not "unreachable"', async () => {
  const { engine } = engineWithoutBackbone();
  const mismatch = new EngineError('base-model/hash-mismatch', 'weights sha256 0000, expected e159deb3…');
  const service = createModelService({
    engine,
    engineReady: Promise.reject(mismatch),
    store: createModelStore(createMemoryBackend()),
    defaultSettings: SETTINGS,
  });
  await service.whenLoaded();
  await until(service, () => service.getState().engine.status !== 'starting');
  assert.deepEqual(service.getState().engine, { status: 'failed', problem: 'base-model/hash-mismatch' });
});
