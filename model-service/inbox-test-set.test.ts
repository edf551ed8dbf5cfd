// The Lab's inbox (unlabelled pictures sorted into classes) and test pictures (kept apart from training, evaluated
// on their own) through the model service, with the real engine, real photos and the memory store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainingSettings } from '../engine';
import type { KeyValueBackend } from '../store/backend';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

const KNN: TrainingSettings = {
  validationRate: 0,
  head: { kind: 'knn', k: 3 },
  otherHeads: [{ kind: 'dense', epochs: 30, batchSize: 16, learningRate: 0.001 }],
};

function serviceOn(backend: KeyValueBackend): ModelService {
  return createModelService({ engine: real.engine, engineReady: real.engineReady, store: createModelStore(backend), defaultSettings: KNN });
}

async function reload(backend: KeyValueBackend, service: ModelService): Promise<ModelService> {
  await service.whenSaved();
  const reloaded = serviceOn(backend);
  await reloaded.whenLoaded();
  return reloaded;
}

const inboxIds = (service: ModelService) => service.getState().inbox.map((picture) => picture.id);
const classPictureIds = (service: ModelService) => service.getState().classes.map((info) => info.pictures.map((picture) => picture.id));

test('inbox: pictures wait unlabelled, move into the class they are given or are thrown away, across reloads', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend);
  await service.whenLoaded();
  const zero = service.addClass('zero');
  const three = service.addClass('three');
  await service.addPictures(zero, photos(0, 0, 1));
  await service.addToInbox([photo(0, 30), photo(3, 30), photo(3, 31)]);
  assert.equal(service.getState().problem, null);
  const [aZero, aThree, another] = inboxIds(service);
  assert.equal(inboxIds(service).length, 3);
  assert.deepEqual(
    service.getState().classes.map((info) => info.pictures.length),
    [1, 0],
    'inbox pictures are in no class',
  );
  assert.equal(service.getState().readiness.ready, false, 'inbox pictures do not count for training');

  let reloaded = await reload(backend, service);
  assert.deepEqual(inboxIds(reloaded), [aZero, aThree, another], 'the inbox survives a reload, in order');

  reloaded.labelInboxPicture(aThree, 'no-such-class');
  assert.equal(inboxIds(reloaded).length, 3, 'a class that does not exist changes nothing');
  reloaded.labelInboxPicture(aThree, three);
  reloaded.labelInboxPicture(aZero, zero);
  assert.deepEqual(inboxIds(reloaded), [another]);
  assert.equal(classPictureIds(reloaded)[0].at(-1), aZero, 'a labelled picture comes last in its class');
  assert.deepEqual(classPictureIds(reloaded)[1], [aThree]);
  reloaded.discardInboxPicture(another);
  assert.deepEqual(inboxIds(reloaded), []);

  reloaded = await reload(backend, reloaded);
  assert.deepEqual(inboxIds(reloaded), [], 'labelled and thrown-away pictures are gone from the inbox after a reload');
  assert.equal(classPictureIds(reloaded)[0].length, 2);
  assert.deepEqual(classPictureIds(reloaded)[1], [aThree], 'the labelled picture stays in its class after a reload');
  assert.ok(!classPictureIds(reloaded).flat().includes(another), 'a thrown-away picture is in no class');
});

test('inbox: a trained model guesses the class of each inbox picture', async () => {
  const service = serviceOn(createMemoryBackend());
  await service.whenLoaded();
  await assert.rejects(service.guessInbox(), { code: 'model/not-loaded' });
  const zero = service.addClass('zero');
  const three = service.addClass('three');
  await service.addPictures(zero, photos(0, 0, 8));
  await service.addPictures(three, photos(3, 0, 8));
  await service.train();
  await service.addToInbox([photo(3, 32), photo(0, 32)]);
  const guesses = await service.guessInbox();
  assert.deepEqual(
    guesses.map((guess) => [guess.pictureId, guess.classId]),
    [
      [inboxIds(service)[0], three],
      [inboxIds(service)[1], zero],
    ],
  );
  assert.ok(guesses.every((guess) => guess.confidence > 50 && guess.confidence <= 100));
  assert.equal(service.getState().trained?.outOfDate, false, 'inbox pictures do not make the model out of date');
});

test('test pictures: never trained on, evaluated on their own with the right counts, kept across reloads', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend);
  await service.whenLoaded();
  const zero = service.addClass('zero');
  const three = service.addClass('three');
  await service.addPictures(zero, photos(0, 0, 8));
  await service.addPictures(three, photos(3, 0, 8));
  await service.train();
  await assert.rejects(serviceOn(createMemoryBackend()).evaluateTestPictures(), { code: 'model/not-loaded' });

  const empty = await service.evaluateTestPictures();
  assert.equal(empty.measuredOn, 'test');
  assert.equal(empty.evaluation.total, 0);
  assert.equal(empty.evaluation.accuracy, undefined);

  await service.addTestPictures(zero, [...photos(0, 33, 4), photo(3, 33)]); // the last is a three, tested as "zero"
  await service.addTestPictures(three, photos(3, 34, 3));
  const mislabelled = service
    .getState()
    .testPictures.filter((picture) => picture.classId === zero)
    .at(-1)!.id;
  assert.equal(service.getState().testPictures.length, 8);
  assert.deepEqual(
    service.getState().classes.map((info) => info.pictures.length),
    [8, 8],
    'test pictures are not training pictures',
  );
  assert.equal(service.getState().trained?.outOfDate, false, 'test pictures do not make the model out of date');

  const report = await service.evaluateTestPictures();
  assert.equal(report.measuredOn, 'test');
  assert.equal(report.evaluation.total, 8);
  assert.deepEqual(
    report.evaluation.perClass.map((score) => score.total),
    [5, 3],
  );
  assert.deepEqual(
    report.evaluation.confusion.map((row) => row[0] + row[1]),
    [5, 3],
  );
  assert.deepEqual(
    report.pictureIds,
    service.getState().testPictures.map((picture) => picture.id),
    'one result per test picture, in order',
  );
  assert.equal(report.evaluation.pictures.length, 8);
  assert.ok(report.evaluation.pictures.every((result) => result.percentages.reduce((sum, value) => sum + value, 0) === 100));
  const mistake = report.mistakes.find((entry) => entry.pictureId === mislabelled);
  assert.ok(mistake, 'the three tested as "zero" is a mistake');
  assert.equal(mistake.guessClassId, three);
  assert.equal(report.evaluation.right + report.evaluation.wrong, 8);
  assert.ok(report.evaluation.right >= 6, `most test pictures are right (${report.evaluation.right} of 8)`);

  // The validation report is about the training pictures only.
  assert.equal((await service.evaluateModel()).evaluation.total, 16);

  service.removeTestPicture(mislabelled);
  const reloaded = await reload(backend, service);
  assert.deepEqual(
    reloaded.getState().testPictures.map((picture) => [picture.id, picture.classId]),
    service.getState().testPictures.map((picture) => [picture.id, picture.classId]),
    'test pictures survive a reload',
  );
  assert.equal(reloaded.getState().testPictures.length, 7);
  assert.deepEqual(
    (await reloaded.evaluateTestPictures()).evaluation.perClass.map((score) => score.total),
    [4, 3],
  );

  // A class deleted for good takes its test pictures with it.
  reloaded.deleteClass(three);
  reloaded.dismissUndo();
  assert.deepEqual(
    reloaded.getState().testPictures.map((picture) => picture.classId),
    [zero, zero, zero, zero],
  );
  const again = await reload(backend, reloaded);
  assert.equal(again.getState().testPictures.length, 4);
});

test('a duplicated model takes its inbox and test pictures along, and keeps them after a reload', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend);
  await service.whenLoaded();
  const zero = service.addClass('zero');
  await service.addPictures(zero, photos(0, 0, 2));
  await service.addToInbox([photo(3, 30)]);
  await service.addTestPictures(zero, [photo(0, 31)]);
  const copyId = service.duplicateModel('copy');
  assert.ok(copyId);
  await service.whenSaved();
  assert.equal(service.getState().modelId, copyId, 'the copy is the model in use');
  assert.equal(service.getState().inbox.length, 1);
  assert.equal(service.getState().testPictures.length, 1);

  const reloaded = await reload(backend, service);
  assert.equal(reloaded.getState().modelId, copyId);
  assert.equal(reloaded.getState().inbox.length, 1, "the copy's inbox is kept");
  assert.equal(reloaded.getState().testPictures.length, 1, "the copy's test pictures are kept");
});
