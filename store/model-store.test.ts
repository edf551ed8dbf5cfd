import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBEDDING_SIZE, type SerializedModel, type TrainingSettings } from '../engine';
import type { KeyValueBackend } from './backend';
import { toStoreError } from './errors';
import { createMemoryBackend } from './memory-backend';
import { createModelStore } from './model-store';
import type { ModelDraft, StoredPicture, TrainedVersion } from './types';

const settings: TrainingSettings = {
  validationRate: 0.15,
  head: { kind: 'dense', epochs: 20, batchSize: 16, learningRate: 0.001 },
  otherHeads: [{ kind: 'knn', k: 3 }],
};

function draft(overrides: Partial<ModelDraft> = {}): ModelDraft {
  return {
    schema: 1,
    id: 'm1',
    name: 'Hands',
    settings,
    trainedVersion: null,
    updatedAt: 1,
    classes: [
      { id: 'c0', name: 'zero' },
      { id: 'c1', name: 'one' },
    ],
    ...overrides,
  };
}

function picture(id: string, classId: string, createdAt: number): StoredPicture {
  const embedding = new Float32Array(EMBEDDING_SIZE).fill(createdAt);
  return { id, modelId: 'm1', classId, encoded: new Blob([id], { type: 'image/jpeg' }), mimeType: 'image/jpeg', embedding, createdAt };
}

function trainedVersion(version: string, weight: number): TrainedVersion {
  const model = { metadata: { name: version } as unknown as SerializedModel['metadata'], weights: new Float32Array([weight]).buffer };
  return { version, model, trainedOn: { classIds: ['c0', 'c1'], pictureIds: ['p1'] } };
}

test('a fresh browser has no model; a created model comes back with its pictures in the order they were added', async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  assert.equal(await store.loadActiveModel(), undefined);
  await store.createModel(draft());
  await store.putPicture(picture('pb', 'c1', 20));
  await store.putPicture(picture('pa', 'c0', 10));
  await store.putPicture(picture('pc', 'c0', 30));

  const loaded = await createModelStore(backend).loadActiveModel();
  assert.ok(loaded);
  assert.equal(loaded.draft.name, 'Hands');
  assert.deepEqual(
    loaded.pictures.map((p) => p.id),
    ['pa', 'pb', 'pc'],
  );
  assert.equal(loaded.pictures[0].embedding[0], 10);
  assert.equal(await loaded.pictures[2].encoded.text(), 'pc');
  assert.equal(loaded.trained, null);
});

test('removing pictures and renaming are single writes that survive a reload', async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  await store.createModel(draft());
  await store.putPicture(picture('pa', 'c0', 1));
  await store.putPicture(picture('pb', 'c0', 2));
  await store.deletePictures('m1', ['pa']);
  await store.saveDraft(
    draft({
      name: 'Signs',
      classes: [
        { id: 'c0', name: 'nothing' },
        { id: 'c1', name: 'one' },
      ],
    }),
  );
  const loaded = await createModelStore(backend).loadActiveModel();
  assert.deepEqual(
    loaded?.pictures.map((p) => p.id),
    ['pb'],
  );
  assert.equal(loaded?.draft.name, 'Signs');
  assert.equal(loaded?.draft.classes[0].name, 'nothing');
});

test('pictures of a class that is gone are cleaned up on load', async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  await store.createModel(draft());
  await store.putPicture(picture('keep', 'c0', 1));
  await store.putPicture(picture('orphan', 'c1', 2));
  await store.saveDraft(draft({ classes: [{ id: 'c0', name: 'zero' }] }));
  const loaded = await createModelStore(backend).loadActiveModel();
  assert.deepEqual(
    loaded?.pictures.map((p) => p.id),
    ['keep'],
  );
  assert.deepEqual(await backend.keysUnder(['picture', 'm1']), [['picture', 'm1', 'keep']]);
});

test('saving a trained model switches the pointer and removes the previous version', async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  await store.createModel(draft());
  await store.saveTrained(draft({ trainedVersion: 'v1' }), trainedVersion('v1', 1));
  await store.saveTrained(draft({ trainedVersion: 'v2' }), trainedVersion('v2', 2));
  assert.deepEqual(await backend.keysUnder(['trained', 'm1']), [['trained', 'm1', 'v2']]);
  const loaded = await createModelStore(backend).loadActiveModel();
  assert.equal(loaded?.draft.trainedVersion, 'v2');
  assert.equal(new Float32Array(loaded!.trained!.model.weights)[0], 2);
  assert.deepEqual(loaded?.trained?.trainedOn.pictureIds, ['p1']);
});

test("a trained version saved before the head kinds reads with its settings in today's layout (the model card needs head)", async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  await store.createModel(draft());
  const flat = { method: 'knn', epochs: 50, batchSize: 16, learningRate: 0.001, validationRate: 0.15, knnK: 3 };
  const old = trainedVersion('v1', 1);
  const record = { ...old, model: { ...old.model, metadata: { ...old.model.metadata, settings: flat } } } as unknown as TrainedVersion;
  await store.saveTrained(draft({ trainedVersion: 'v1' }), record);
  const loaded = await createModelStore(backend).loadActiveModel();
  assert.deepEqual(loaded?.trained?.model.metadata.settings.head, { kind: 'knn', k: 3 });
  assert.equal(loaded?.trained?.model.metadata.settings.validationRate, 0.15);
});

test('a save cut off before the pointer switch leaves the previous model in use and the half-saved one is dropped', async () => {
  const memory = createMemoryBackend();
  let failDraftWrites = false;
  // The tab "closes" right after the new version's record was written: the draft write never happens.
  const backend: KeyValueBackend = {
    ...memory,
    setMany: async (entries) => {
      if (failDraftWrites && entries.some(([key]) => key[0] === 'model')) throw new Error('tab closed');
      return memory.setMany(entries);
    },
  };
  const store = createModelStore(backend);
  await store.createModel(draft());
  await store.saveTrained(draft({ trainedVersion: 'v1' }), trainedVersion('v1', 1));
  failDraftWrites = true;
  await assert.rejects(store.saveTrained(draft({ trainedVersion: 'v2' }), trainedVersion('v2', 2)), /tab closed/);

  const loaded = await createModelStore(memory).loadActiveModel();
  assert.equal(loaded?.draft.trainedVersion, 'v1');
  assert.equal(new Float32Array(loaded!.trained!.model.weights)[0], 1);
  assert.deepEqual(await memory.keysUnder(['trained', 'm1']), [['trained', 'm1', 'v1']]);
});

test('another tab reading half-way through a save (tidy: false) removes nothing, so the save completes', async () => {
  const memory = createMemoryBackend();
  const saving = createModelStore(memory);
  await saving.createModel(draft({ classes: [{ id: 'c1', name: 'cat' }] }));
  await saving.putPicture(picture('p1', 'c1', 1));
  // The saving tab has written the new version but not yet the draft pointing at it; a picture of a class the
  // draft does not list yet (added a moment ago in the saving tab) is there too.
  await memory.setMany([
    [['trained', 'm1', 'v2'], trainedVersion('v2', 2)],
    [['picture', 'm1', 'p2'], picture('p2', 'c2', 2)],
  ]);

  const other = await createModelStore(memory).loadWorkspace({ tidy: false });
  assert.deepEqual(
    other?.models[0].pictures.map((each) => each.id),
    ['p1'],
  );
  assert.deepEqual(await memory.keysUnder(['trained', 'm1']), [['trained', 'm1', 'v2']]);
  assert.equal((await memory.keysUnder(['picture', 'm1'])).length, 2);

  await saving.saveDraft(
    draft({
      classes: [
        { id: 'c1', name: 'cat' },
        { id: 'c2', name: 'dog' },
      ],
      trainedVersion: 'v2',
    }),
  );
  const reloaded = await createModelStore(memory).loadActiveModel();
  assert.equal(reloaded?.trained?.version, 'v2');
  assert.deepEqual(
    reloaded?.pictures.map((each) => each.id),
    ['p1', 'p2'],
  );
});

test('a pointer to a version that was never written reads as "not trained"', async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  await store.createModel(draft({ trainedVersion: 'missing' }));
  const loaded = await store.loadActiveModel();
  assert.equal(loaded?.trained, null);
  assert.equal(loaded?.draft.trainedVersion, null);
});

test('a failed write is reported and later writes still go through in order', async () => {
  const memory = createMemoryBackend();
  let full = true;
  const backend: KeyValueBackend = {
    ...memory,
    setMany: async (entries) => {
      if (full && entries.some(([key]) => key[0] === 'picture')) {
        throw toStoreError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      }
      return memory.setMany(entries);
    },
  };
  const store = createModelStore(backend);
  await store.createModel(draft());
  await assert.rejects(store.putPicture(picture('big', 'c0', 1)), { name: 'StoreError', code: 'store/quota-exceeded' });
  full = false;
  await store.putPicture(picture('small', 'c0', 2));
  await store.saveDraft(draft({ name: 'After' }));
  const loaded = await store.loadActiveModel();
  assert.deepEqual(
    loaded?.pictures.map((p) => p.id),
    ['small'],
  );
  assert.equal(loaded?.draft.name, 'After');
});

test('IndexedDB failures map to codes the UI can explain', () => {
  assert.equal(toStoreError(new DOMException('full', 'QuotaExceededError')).code, 'store/quota-exceeded');
  assert.equal(toStoreError(new ReferenceError('indexedDB is not defined')).code, 'store/unavailable');
  assert.equal(toStoreError(new DOMException('blocked', 'SecurityError')).code, 'store/unavailable');
  assert.equal(toStoreError(new DOMException('disk', 'UnknownError')).code, 'store/failed');
});

test('opening a project switches the workspace in one write: a failure before it leaves the previous models in use', async () => {
  const memory = createMemoryBackend();
  let failPictures = false;
  const backend: KeyValueBackend = {
    ...memory,
    setMany: async (entries) => {
      if (failPictures && entries.some(([key]) => key[0] === 'picture')) throw new Error('tab closed');
      return memory.setMany(entries);
    },
  };
  const store = createModelStore(backend);
  await store.createModel(draft());
  const opened = { draft: draft({ id: 'm2', name: 'Opened' }), pictures: [{ ...picture('q', 'c0', 1), modelId: 'm2' }], trained: null };
  failPictures = true;
  await assert.rejects(store.replaceWorkspace({ models: [opened], activeModelId: 'm2', includePictures: true }), /tab closed/);
  assert.deepEqual(
    (await store.loadWorkspace())?.models.map((model) => model.draft.id),
    ['m1'],
  );

  failPictures = false;
  await store.replaceWorkspace({ models: [opened], activeModelId: 'm2', includePictures: true });
  const workspace = await createModelStore(memory).loadWorkspace();
  assert.deepEqual(
    workspace?.models.map((model) => model.draft.name),
    ['Opened'],
  );
  assert.equal(workspace?.includePictures, true);
  assert.equal(workspace?.setAsideCount, 1);
  assert.deepEqual(
    (await store.restoreSetAside()).map((model) => model.draft.id),
    ['m1'],
  );
  assert.deepEqual(
    (await store.loadWorkspace())?.models.map((model) => model.draft.id),
    ['m2', 'm1'],
  );
});

test('deleting a model removes all its records and keeps the others', async () => {
  const backend = createMemoryBackend();
  const store = createModelStore(backend);
  await store.createModel(draft());
  await store.putPicture(picture('pa', 'c0', 1));
  await store.saveTrained(draft({ trainedVersion: 'v1' }), trainedVersion('v1', 1));
  await store.createModel(draft({ id: 'm2', name: 'Other' }));
  await store.deleteModel('m1', 'm2');
  assert.deepEqual(await backend.keysUnder(['picture', 'm1']), []);
  assert.deepEqual(await backend.keysUnder(['trained', 'm1']), []);
  assert.equal(await backend.get(['model', 'm1']), undefined);
  assert.deepEqual(
    (await store.loadWorkspace())?.models.map((model) => model.draft.id),
    ['m2'],
  );
});
