// The model service with the real engine (tfjs, the shared MobileNet weights over HTTP) and real photos; the
// store runs on the memory backend, which keeps IndexedDB's semantics (the browser's IndexedDB is covered by
// e2e/trainer.spec.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyValueBackend } from '../store/backend';
import { StoreError } from '../store/errors';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { photo, photos, useRealEngine, withTrainingSeed } from './test-support/real-engine';
import { until } from './test-support/until';

const real = useRealEngine();

const TRAINING_SEED = 20261201;

function serviceOn(backend: KeyValueBackend, epochs = 30): ModelService {
  return createModelService({
    engine: withTrainingSeed(real.engine, TRAINING_SEED),
    engineReady: real.engineReady,
    store: createModelStore(backend),
    defaultSettings: {
      validationRate: 0.15,
      head: { kind: 'dense', epochs, batchSize: 16, learningRate: 0.001 },
      otherHeads: [{ kind: 'knn', k: 3 }],
    },
  });
}

async function classesWithPictures(service: ModelService, digits: readonly number[], count: number): Promise<string[]> {
  const ids = digits.map((digit) => service.addClass(`digit ${digit}`));
  for (const [index, digit] of digits.entries()) await service.addPictures(ids[index], photos(digit, 0, count));
  return ids;
}

test("a child's loop: classes, pictures, a hint until ready, training with per-epoch progress, recognition", async () => {
  const service = serviceOn(createMemoryBackend(), 50);
  await service.whenLoaded();
  assert.deepEqual(service.getState().readiness, { ready: false, need: 'classes', missing: 2 });

  await classesWithPictures(service, [0, 2], 8);
  const three = service.addClass('digit 3');
  await service.addPictures(three, photos(3, 0, 3));
  assert.deepEqual(service.getState().readiness, { ready: false, need: 'pictures', className: 'digit 3', missing: 2 });
  await service.addPictures(three, photos(3, 3, 5));
  assert.equal(service.getState().readiness.ready, true);
  assert.deepEqual(
    service.getState().classes.map((info) => info.pictures.length),
    [8, 8, 8],
  );

  let changes = 0;
  service.onChange(() => changes++);
  const epochsSeen: number[] = [];
  service.subscribe(() => {
    const { training } = service.getState();
    if (training.status === 'running' && training.history.length > 0) epochsSeen.push(training.history.length);
  });
  assert.equal(service.hasTrainedModel(), false);
  await assert.rejects(service.recognize(photo(0, 30).image), { code: 'model/not-loaded' });

  await service.train();
  const state = service.getState();
  assert.equal(state.training.status, 'done');
  assert.equal(state.trained?.history.length, 50);
  assert.equal(state.trained?.outOfDate, false);
  assert.equal(epochsSeen.at(-1), 50, 'the UI saw every epoch arrive');
  assert.ok(changes >= 1, 'the blocks were told about the new model');
  assert.deepEqual(
    service.getClasses().map((info) => info.name),
    ['digit 0', 'digit 2', 'digit 3'],
  );

  // Held-out photos (never added) are recognised.
  let right = 0;
  for (const [classIndex, digit] of [0, 2, 3].entries()) {
    for (let index = 30; index < 34; index++) {
      const result = await service.recognize(photo(digit, index).image);
      assert.equal(result.confidences.length, 3);
      if (result.classId === service.getClasses()[classIndex].id) right++;
    }
  }
  // Well above chance (4 of 12); the engine's own tests hold the accuracy bar.
  assert.ok(right >= 9, `recognised ${right} of 12 held-out photos`);
});

test('the model knows when it is out of date, and renaming a class is not a change of data', async () => {
  const service = serviceOn(createMemoryBackend(), 5);
  await service.whenLoaded();
  const [first] = await classesWithPictures(service, [0, 1], 5);
  await service.train();
  assert.equal(service.getState().trained?.outOfDate, false);

  let changes = 0;
  service.onChange(() => changes++);
  assert.equal(service.renameClass(first, 'fist'), null);
  assert.equal(service.getState().trained?.outOfDate, false);
  assert.equal(service.getClasses()[0].name, 'fist', 'blocks see the new name');
  assert.equal(changes, 1);
  assert.equal(service.renameClass(first, '  DIGIT 1 '), 'taken');
  assert.equal(service.renameClass(first, '   '), 'empty');

  await service.addPictures(first, [photo(0, 20)]);
  assert.equal(service.getState().trained?.outOfDate, true);
  const added = service.getState().classes[0].pictures.at(-1)!;
  service.removePicture(added.id);
  assert.equal(service.getState().trained?.outOfDate, false);
  service.addClass('digit 4');
  assert.equal(service.getState().trained?.outOfDate, true);
});

test('a reload brings back the classes, pictures, settings and the trained model, which recognises the same', async () => {
  const backend = createMemoryBackend();
  const first = serviceOn(backend, 8);
  await first.whenLoaded();
  await classesWithPictures(first, [1, 4], 5);
  first.renameModel('Hands');
  first.updateSettings({ head: { epochs: 8, learningRate: 0.002, batchSize: 0 /* refused */ } });
  await first.train();
  const probe = photo(4, 25).image;
  const before = await first.recognize(probe);
  await first.whenSaved();

  const second = serviceOn(backend);
  await second.whenLoaded();
  const state = second.getState();
  assert.equal(state.name, 'Hands');
  assert.deepEqual(
    state.classes.map((info) => [info.name, info.pictures.length]),
    [
      ['digit 1', 5],
      ['digit 4', 5],
    ],
  );
  assert.deepEqual(state.settings.head, { kind: 'dense', epochs: 8, batchSize: 16, learningRate: 0.002 });
  assert.equal(state.trained?.outOfDate, false);
  assert.equal(second.hasTrainedModel(), true);
  const after = await second.recognize(probe);
  assert.equal(after.classId, before.classId);
  after.confidences.forEach((entry, index) => assert.ok(Math.abs(entry.confidence - before.confidences[index].confidence) < 1e-5));
});

test('stopping a training keeps the previous model in use', async () => {
  const service = serviceOn(createMemoryBackend(), 5);
  await service.whenLoaded();
  const [first] = await classesWithPictures(service, [0, 1], 5);
  await service.train();
  const previous = service.getState().trained!;

  service.updateSettings({ head: { epochs: 1000 } });
  await service.addPictures(first, [photo(0, 10)]);
  const stopped = until(service, () => {
    const { training } = service.getState();
    if (training.status === 'running' && training.history.length >= 1) service.stopTraining();
    return training.status !== 'running' && training.status !== 'idle' && training.status !== 'done';
  });
  await service.train();
  await stopped;
  const state = service.getState();
  assert.equal(state.training.status, 'stopped');
  assert.equal(state.trained?.trainedAt, previous.trainedAt);
  assert.equal(state.trained?.outOfDate, true, 'the extra picture is still not learnt');
  assert.equal(service.hasTrainedModel(), true);
});

test('deleting a class can be undone; once dismissed its pictures leave storage', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend);
  await service.whenLoaded();
  const [, one] = await classesWithPictures(service, [0, 1, 2], 5);
  service.deleteClass(one);
  assert.deepEqual(
    service.getState().classes.map((info) => info.name),
    ['digit 0', 'digit 2'],
  );
  assert.deepEqual(service.getState().undo, { kind: 'class', className: 'digit 1' });
  service.undoDelete();
  assert.deepEqual(
    service.getState().classes.map((info) => [info.name, info.pictures.length]),
    [
      ['digit 0', 5],
      ['digit 1', 5],
      ['digit 2', 5],
    ],
  );

  service.deleteClass(one);
  service.dismissUndo();
  assert.equal(service.getState().undo, null);
  await service.whenSaved();
  const reloaded = await createModelStore(backend).loadActiveModel();
  assert.deepEqual(
    reloaded?.draft.classes.map((info) => info.name),
    ['digit 0', 'digit 2'],
  );
  assert.equal(reloaded?.pictures.length, 10);
  assert.equal((await backend.keysUnder(['picture', service.getState().modelId])).length, 10);
});

test('without IndexedDB the trainer still works for the session and says the work will not be kept', async () => {
  const unavailable: KeyValueBackend = {
    ...createMemoryBackend(),
    get: async () => {
      throw new StoreError('store/unavailable', 'indexedDB is not defined');
    },
  };
  const service = serviceOn(unavailable);
  await service.whenLoaded();
  assert.equal(service.getState().persistent, false);
  assert.equal(service.getState().problem, 'store/unavailable');
  const id = service.addClass('digit 0');
  await service.addPictures(id, [photo(0, 0)]);
  assert.equal(service.getState().classes[0].pictures.length, 1);
});

test('a full disk is reported and the picture stays in the trainer', async () => {
  const memory = createMemoryBackend();
  const full: KeyValueBackend = {
    ...memory,
    setMany: async (entries) => {
      if (entries.some(([key]) => key[0] === 'picture')) throw new StoreError('store/quota-exceeded', 'full');
      return memory.setMany(entries);
    },
  };
  const service = serviceOn(full);
  await service.whenLoaded();
  const id = service.addClass('digit 0');
  await service.addPictures(id, [photo(0, 0)]);
  await until(service, () => service.getState().problem !== null);
  assert.equal(service.getState().problem, 'store/quota-exceeded');
  assert.equal(service.getState().classes[0].pictures.length, 1);
});
