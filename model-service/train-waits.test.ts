// Train pressed while pictures are still on their way (a child presses it the moment the files are dropped):
// it waits for them, says so, and learns from every picture the child sees, exactly as if it had been pressed later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainingSettings } from '../engine';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import type { NewPicture } from './facets/pictures';
import { applySettingChanges } from './settings';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

const KNN: TrainingSettings = {
  validationRate: 0.15,
  head: { kind: 'knn', k: 3 },
  otherHeads: [{ kind: 'dense', epochs: 50, batchSize: 16, learningRate: 0.001 }],
};
const DENSE = applySettingChanges(KNN, { kind: 'dense', head: { kind: 'dense', epochs: 20 } });
const DIGITS = [2, 3, 4] as const;
const TRAINING_PHOTOS = 20;

function newService(settings: TrainingSettings): ModelService {
  return createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(createMemoryBackend()),
    defaultSettings: settings,
  });
}

/** Files read as the trainer reads them: announced at once, then handed over eight at a time as each is decoded. */
async function readSlowly(service: ModelService, classId: string, pictures: readonly NewPicture[]): Promise<void> {
  const intake = service.expectPictures(classId, pictures.length);
  for (let start = 0; start < pictures.length; start += 8) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    await intake.add(pictures.slice(start, start + 8));
  }
  intake.finish();
}

/** The held-out photos (20-39 of each digit) the model names correctly, and every answer. */
async function heldOut(service: ModelService) {
  const answers: number[][] = [];
  let correct = 0;
  for (const [index, digit] of DIGITS.entries()) {
    for (let i = TRAINING_PHOTOS; i < 40; i++) {
      const result = await service.recognize(photo(digit, i).image);
      answers.push(result.confidences.map((entry) => entry.confidence));
      if (result.classId === service.getClasses()[index].id) correct++;
    }
  }
  return { correct, answers };
}

async function trainAtOnce(settings: TrainingSettings) {
  const service = newService(settings);
  await service.whenLoaded();
  const ids = DIGITS.map((digit) => service.addClass(`digit ${digit}`));
  const reading = DIGITS.map((digit, index) => readSlowly(service, ids[index], photos(digit, 0, TRAINING_PHOTOS)));
  const statuses: string[] = [];
  service.subscribe(() => statuses.push(service.getState().training.status));

  // Pressed in the same tick as the drops: nothing is embedded yet, and Train is already possible.
  const announced = service.getState();
  assert.equal(announced.addingPictures, 60);
  assert.equal(announced.readiness.ready, true);
  const training = service.train();
  assert.equal(service.getState().training.status, 'waiting');
  await training;
  await Promise.all(reading);

  const state = service.getState();
  assert.equal(state.training.status, 'done');
  assert.deepEqual(state.trained?.learnedFrom, { pictures: 60, classes: 3 });
  assert.deepEqual(
    state.classes.map((view) => view.pictures.length),
    [20, 20, 20],
  );
  assert.ok(statuses.indexOf('running') > statuses.lastIndexOf('waiting'), 'it waited first, then trained');
  return heldOut(service);
}

async function trainAfterWaiting(settings: TrainingSettings) {
  const service = newService(settings);
  await service.whenLoaded();
  for (const digit of DIGITS) await service.addPictures(service.addClass(`digit ${digit}`), photos(digit, 0, TRAINING_PHOTOS));
  await service.train();
  assert.deepEqual(service.getState().trained?.learnedFrom, { pictures: 60, classes: 3 });
  return heldOut(service);
}

test('KNN: Train pressed while 60 pictures are still being read learns from all 60, the same model as waiting', async () => {
  const atOnce = await trainAtOnce(KNN);
  const waited = await trainAfterWaiting(KNN);
  assert.deepEqual(atOnce.answers, waited.answers);
  assert.ok(atOnce.correct >= 48, `held-out accuracy ${atOnce.correct}/60`);
});

test('neural network: the same pictures train the same model however fast they arrived (the seed comes from them)', async () => {
  const atOnce = await trainAtOnce(DENSE);
  const waited = await trainAfterWaiting(DENSE);
  assert.equal(atOnce.correct, waited.correct);
  atOnce.answers.forEach((answer, i) => answer.forEach((value, j) => assert.ok(Math.abs(value - waited.answers[i][j]) < 1e-5)));
});

test('pictures refused while reading stop counting: Train goes on with the ones that came', async () => {
  const service = newService(KNN);
  await service.whenLoaded();
  const [a, b] = [service.addClass('a'), service.addClass('b')];
  await service.addPictures(a, photos(0, 0, 6));
  const intake = service.expectPictures(b, 10);
  const training = service.train();
  assert.equal(service.getState().training.status, 'waiting');
  await intake.add(photos(1, 0, 6));
  intake.finish(); // four files were not pictures
  intake.finish();
  await training;
  assert.equal(service.getState().training.status, 'done');
  assert.deepEqual(service.getState().trained?.learnedFrom, { pictures: 12, classes: 2 });
  assert.equal(service.getState().addingPictures, 0);
});

test('too few pictures after the wait: the hint explains, nothing trains; Stop while waiting trains nothing', async () => {
  const service = newService(KNN);
  await service.whenLoaded();
  const [a, b] = [service.addClass('a'), service.addClass('b')];
  await service.addPictures(a, photos(0, 0, 6));
  const refused = service.expectPictures(b, 6);
  const training = service.train();
  await refused.add(photos(1, 0, 2));
  refused.finish();
  await training;
  assert.equal(service.hasTrainedModel(), false);
  assert.equal(service.getState().problem, 'train/too-few-examples');
  assert.deepEqual(service.getState().readiness, { ready: false, need: 'pictures', className: 'b', missing: 3 });

  const more = service.expectPictures(b, 5);
  const stopped = service.train();
  service.stopTraining();
  assert.equal(service.getState().training.status, 'idle');
  await more.add(photos(1, 2, 5));
  more.finish();
  await stopped;
  assert.equal(service.hasTrainedModel(), false);
  assert.equal(service.getState().training.status, 'idle');
});
