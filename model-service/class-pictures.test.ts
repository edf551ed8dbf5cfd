// A class's pictures as the child changes them: removed one by one or all at once, with an undo that puts them
// back where they were (in memory and in storage), and the same upload twice noticed by content. Real engine,
// real photos; the store on the memory backend.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

async function serviceWithClass(count: number) {
  const backend = createMemoryBackend();
  const service = createModelService({ engine: real.engine, engineReady: real.engineReady, store: createModelStore(backend) });
  await service.whenLoaded();
  const classId = service.addClass('rock');
  await service.addPictures(classId, photos(0, 0, count));
  return { backend, service, classId };
}

const idsOf = (service: ModelService, classId: string) =>
  service
    .getState()
    .classes.find((info) => info.id === classId)!
    .pictures.map((picture) => picture.id);

async function storedIds(backend: ReturnType<typeof createMemoryBackend>): Promise<string[]> {
  return ((await createModelStore(backend).loadActiveModel())?.pictures ?? []).map((picture) => picture.id);
}

test('pictures removed one after another come back together with one undo, in their places, and stay after a reload', async () => {
  const { backend, service, classId } = await serviceWithClass(6);
  const before = idsOf(service, classId);
  service.removePicture(before[1]);
  service.removePicture(before[4]);
  service.removePicture(before[0]);
  assert.deepEqual(idsOf(service, classId), [before[2], before[3], before[5]]);
  assert.deepEqual(service.getState().undo, { kind: 'pictures', classId, className: 'rock', count: 3 });
  await service.whenSaved();
  assert.deepEqual(
    await storedIds(backend),
    [before[2], before[3], before[5]],
    'gone from storage at once: a reload does not bring them back',
  );

  service.undoDelete();
  assert.deepEqual(idsOf(service, classId), before);
  assert.equal(service.getState().undo, null);
  await service.whenSaved();
  assert.deepEqual(await storedIds(backend), before);
});

test('"Remove all" empties the class with an undo; dismissed, the class stays empty; a removal elsewhere ends it', async () => {
  const { backend, service, classId } = await serviceWithClass(5);
  const before = idsOf(service, classId);
  service.removeAllPictures(classId);
  assert.deepEqual(idsOf(service, classId), []);
  assert.deepEqual(service.getState().undo, { kind: 'pictures', classId, className: 'rock', count: 5 });
  service.undoDelete();
  assert.deepEqual(idsOf(service, classId), before);

  const paper = service.addClass('paper');
  await service.addPictures(paper, photos(2, 0, 2));
  service.removeAllPictures(classId);
  service.removePicture(idsOf(service, paper)[0]);
  assert.deepEqual(service.getState().undo, { kind: 'pictures', classId: paper, className: 'paper', count: 1 }, 'one undo at a time');
  service.undoDelete();
  assert.deepEqual(idsOf(service, classId), [], 'the first removal was final');
  assert.equal(idsOf(service, paper).length, 2);

  service.removeAllPictures(paper);
  service.dismissUndo();
  assert.equal(service.getState().undo, null);
  await service.whenSaved();
  assert.deepEqual(await storedIds(backend), []);
});

test('deleting a class after removing pictures offers the class undo, which brings back the class as it was then', async () => {
  const { service, classId } = await serviceWithClass(5);
  service.removePicture(idsOf(service, classId)[0]);
  service.deleteClass(classId);
  assert.deepEqual(service.getState().undo, { kind: 'class', className: 'rock' });
  service.undoDelete();
  assert.equal(idsOf(service, classId).length, 4);
});

test('an upload holding pictures the class has, or the same picture twice, skips them and says how many', async () => {
  const { service, classId } = await serviceWithClass(3);
  const skipped: number[] = [];
  const onDuplicates = (count: number) => skipped.push(count);
  // Photo 0 again, and photo 5 twice in one upload: 9 apart, so embedded in different batches (of 8 and of 2).
  const upload = [photo(0, 5), photo(0, 0), ...photos(0, 10, 7), photo(0, 5)];
  await service.addPictures(classId, upload, { onDuplicates });
  assert.equal(idsOf(service, classId).length, 3 + 8);
  assert.equal(
    skipped.reduce((sum, count) => sum + count, 0),
    2,
  );

  // The same photo in another class is that class's business; a webcam (no onDuplicates) may repeat a frame.
  const paper = service.addClass('paper');
  await service.addPictures(paper, [photo(0, 0)], { onDuplicates });
  await service.addPictures(paper, [photo(0, 0)]);
  assert.equal(idsOf(service, paper).length, 2);
  assert.equal(
    skipped.reduce((sum, count) => sum + count, 0),
    2,
  );

  // Removed pictures are not in the class any more: adding one again is not a duplicate.
  service.removeAllPictures(classId);
  await service.addPictures(classId, [photo(0, 0)], { onDuplicates });
  assert.equal(idsOf(service, classId).length, 1);
});
