// Class switches through the model service with the real engine: training leaves a switched-off class out, the
// blocks and recognitions follow the trained model, and the switches survive a reload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import type { KeyValueBackend } from '../store/backend';
import { createModelService } from './model-service';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

function serviceOn(backend: KeyValueBackend) {
  return createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(backend),
    defaultSettings: { validationRate: 0, head: { kind: 'knn', k: 3 }, otherHeads: [] },
  });
}

test('a class switched off is kept but left out of training; switched on and trained again, it is back', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend);
  await service.whenLoaded();
  const ids = ['zero', 'one', 'two'].map((name) => service.addClass(name));
  for (const [digit, id] of ids.entries()) await service.addPictures(id, photos(digit, 0, 5));

  assert.equal(service.setClassInTraining(ids[1], false), true);
  assert.deepEqual(
    service.getState().classes.map((view) => [view.name, view.inTraining, view.pictures.length]),
    [
      ['zero', true, 5],
      ['one', false, 5],
      ['two', true, 5],
    ],
  );
  assert.equal(service.setClassInTraining(ids[0], false), false, 'refused: only one class would stay on');
  await service.train();
  assert.deepEqual(
    service.getClasses().map((info) => info.name),
    ['zero', 'two'],
    'the blocks see the trained model',
  );
  const result = await service.recognize(photo(1, 30).image);
  assert.deepEqual(
    result.confidences.map((entry) => entry.name),
    ['zero', 'two'],
  );
  assert.equal(service.getState().trained?.outOfDate, false);
  await service.whenSaved();

  const reloaded = serviceOn(backend);
  await reloaded.whenLoaded();
  assert.deepEqual(
    reloaded.getState().classes.map((view) => view.inTraining),
    [true, false, true],
    'the switch is saved with the workspace',
  );
  assert.equal(reloaded.setClassInTraining(ids[1], true), true);
  assert.equal(reloaded.getState().trained?.outOfDate, true, 'switching a class on asks for training again');
  await reloaded.train();
  assert.deepEqual(
    reloaded.getClasses().map((info) => info.name),
    ['zero', 'one', 'two'],
  );
});
