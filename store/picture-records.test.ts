// Records written before the picture codec (fixtures/before-picture-codec, made with that version's code) still
// load, whole, and are rewritten in today's shape; a write that fails on the way leaves the old records as they were.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storeRecordsBeforeCodec } from '../fixtures/before-picture-codec/store-records';
import type { KeyValueBackend, StoreKey } from './backend';
import { StoreError } from './errors';
import { createMemoryBackend } from './memory-backend';
import { createModelStore } from './model-store';
import type { LoadedWorkspace, StoredPicture } from './types';

type OldPicture = Omit<StoredPicture, 'encoded' | 'mimeType'> & { readonly jpeg: Blob };

async function backendBeforeCodec(): Promise<{ backend: KeyValueBackend; old: Map<string, OldPicture> }> {
  const backend = createMemoryBackend();
  const records = storeRecordsBeforeCodec();
  await backend.setMany(records);
  const pictureKinds = new Set(['picture', 'inbox', 'test']);
  const old = new Map(
    records.filter(([key]) => pictureKinds.has(key[0])).map(([key, value]) => [JSON.stringify(key), value as OldPicture]),
  );
  return { backend, old };
}

const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

/** Every picture of the fixture's model is there, with its bytes, embedding and type. */
async function assertWhole(workspace: LoadedWorkspace | undefined, old: Map<string, OldPicture>): Promise<void> {
  assert.ok(workspace);
  assert.equal(workspace.models.length, 1);
  const [model] = workspace.models;
  assert.equal(model.draft.name, 'Fingers');
  assert.deepEqual(
    model.draft.classes.map((info) => info.name),
    ['one', 'two'],
  );
  assert.equal(model.trained?.model.metadata.head.kind, 'knn');
  assert.deepEqual(model.trained?.trainedOn.pictureIds.slice().sort(), model.pictures.map((picture) => picture.id).sort());
  const loaded = [
    ...model.pictures.map((picture) => ['picture', picture] as const),
    ...(model.inbox ?? []).map((picture) => ['inbox', picture] as const),
    ...(model.testPictures ?? []).map((picture) => ['test', picture] as const),
  ];
  assert.deepEqual([model.pictures.length, model.inbox?.length, model.testPictures?.length], [10, 1, 1]);
  assert.equal(loaded.length, old.size);
  for (const [set, picture] of loaded) {
    const before = old.get(JSON.stringify([set, picture.modelId, picture.id]));
    assert.ok(before, `${set} ${picture.id} was in the old store`);
    assert.equal(picture.mimeType, 'image/jpeg');
    assert.deepEqual(await bytes(picture.encoded), await bytes(before.jpeg));
    assert.deepEqual(picture.embedding, before.embedding);
    assert.deepEqual([picture.classId, picture.createdAt], [before.classId, before.createdAt]);
    assert.equal('jpeg' in picture, false);
  }
}

test('a store written before the picture codec loads whole and is rewritten in the new shape', async () => {
  const { backend, old } = await backendBeforeCodec();
  await assertWhole(await createModelStore(backend).loadWorkspace(), old);
  for (const [key, value] of await backend.entriesUnder<Record<string, unknown>>([])) {
    if (!old.has(JSON.stringify(key))) continue;
    assert.deepEqual([value.jpeg, value.mimeType, value.encoded instanceof Blob], [undefined, 'image/jpeg', true], key.join('/'));
  }
  // Read again in the new shape: the same pictures.
  await assertWhole(await createModelStore(backend).loadWorkspace(), old);
});

test('when rewriting old pictures fails (a full disk), they still load and stay in their old shape until next time', async () => {
  const { backend, old } = await backendBeforeCodec();
  let full = true;
  const fullDisk: KeyValueBackend = {
    ...backend,
    setMany: (entries: readonly (readonly [StoreKey, unknown])[]) =>
      full ? Promise.reject(new StoreError('store/quota-exceeded', 'the disk is full')) : backend.setMany(entries),
  };
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    await assertWhole(await createModelStore(fullDisk).loadWorkspace(), old);
  } finally {
    console.warn = warn;
  }
  for (const [key, value] of await backend.entriesUnder<Record<string, unknown>>([])) {
    if (old.has(JSON.stringify(key))) assert.ok(value.jpeg instanceof Blob && value.encoded === undefined, key.join('/'));
  }
  full = false;
  await assertWhole(await createModelStore(fullDisk).loadWorkspace(), old);
  const upgraded = (await backend.entriesUnder<Record<string, unknown>>(['picture'])).every(([, value]) => value.encoded instanceof Blob);
  assert.ok(upgraded);
});

test('a record in neither shape is not a picture (and is cleaned up like any broken record)', async () => {
  const { backend } = await backendBeforeCodec();
  const [[key, value]] = await backend.entriesUnder<OldPicture>(['picture']);
  await backend.setMany([[key, { ...value, jpeg: 'not a blob' }]]);
  const workspace = await createModelStore(backend).loadWorkspace();
  assert.equal(workspace?.models[0].pictures.length, 9);
  assert.equal(await backend.get(key), undefined);
});
