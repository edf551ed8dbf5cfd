// The Lab's operations of the model service (evaluation, mistakes, moving a picture, early stopping) with the real
// engine (tfjs, the shared MobileNet weights over HTTP), real photos and the memory store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jpeg from 'jpeg-js';
import type { RgbaImage, TrainingSettings, TrainRequest } from '../engine';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import type { KeyValueBackend } from '../store/backend';
import { mistakesToReview, type Mistake } from './lab-report';
import { createModelService, type ModelService } from './model-service';
import { applySettingChanges } from './settings';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

const DENSE: TrainingSettings = {
  validationRate: 0,
  head: { kind: 'dense', epochs: 30, batchSize: 16, learningRate: 0.001 },
  otherHeads: [{ kind: 'knn', k: 3 }],
};

function serviceOn(backend: KeyValueBackend, settings: TrainingSettings): ModelService {
  return createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(backend),
    defaultSettings: settings,
  });
}

/** Classes "zero" and "one" with the first `count` photos of their digit; returns their ids. */
async function zeroAndOne(service: ModelService, count: number): Promise<{ zero: string; one: string }> {
  const zero = service.addClass('zero');
  const one = service.addClass('one');
  await service.addPictures(zero, photos(0, 0, count));
  await service.addPictures(one, photos(1, 0, count));
  return { zero, one };
}

const lastPictureOf = (service: ModelService, classId: string) =>
  service
    .getState()
    .classes.find((info) => info.id === classId)!
    .pictures.at(-1)!.id;

test('KNN: a mislabelled photo is a mistake; moving it to its class fixes it, and training again keeps the settings', async () => {
  const service = serviceOn(createMemoryBackend(), applySettingChanges(DENSE, { kind: 'knn', head: { kind: 'knn', k: 5 } }));
  await service.whenLoaded();
  await assert.rejects(service.evaluateModel(), { code: 'model/not-loaded' });
  const two = service.addClass('two');
  const three = service.addClass('three');
  await service.addPictures(two, photos(2, 0, 8));
  await service.addPictures(three, photos(3, 0, 8));
  await service.addPictures(two, [photo(3, 20)]); // a three, put in "two" by mistake
  const mislabelled = lastPictureOf(service, two);
  await service.train();

  const report = await service.evaluateModel();
  assert.equal(report.measuredOn, 'leave-one-out');
  assert.deepEqual(
    report.classes.map((info) => info.name),
    ['two', 'three'],
  );
  assert.equal(report.evaluation.total, 17);
  assert.deepEqual(
    report.evaluation.confusion.map((row) => row[0] + row[1]),
    [9, 8],
    'each row counts the pictures of that label',
  );
  assert.equal(report.evaluation.right + report.evaluation.wrong, 17);
  assert.equal(report.mistakes.length, report.evaluation.wrong);
  const mistake = report.mistakes.find((entry) => entry.pictureId === mislabelled);
  assert.ok(mistake, 'the mislabelled three is in the mistakes');
  assert.equal(mistake.labelClassId, two);
  assert.equal(mistake.guessClassId, three);
  assert.ok(mistake.confidence > 50 && mistake.confidence <= 100);

  service.movePicture(mislabelled, three);
  assert.equal(service.getState().trained?.outOfDate, true, 'a moved picture asks for training again');
  assert.deepEqual(
    service.getState().classes.map((info) => info.pictures.length),
    [8, 9],
  );
  const fixed = await service.evaluateModel();
  assert.ok(!fixed.mistakes.some((entry) => entry.pictureId === mislabelled));
  assert.deepEqual(
    fixed.evaluation.confusion.map((row) => row[0] + row[1]),
    [8, 9],
  );

  await service.train();
  assert.equal(service.getState().trained?.outOfDate, false);
  assert.deepEqual(service.getState().settings.head, { kind: 'knn', k: 5 });
  assert.equal(service.getState().trained?.method, 'knn');
  assert.ok(!(await service.evaluateModel()).mistakes.some((entry) => entry.pictureId === mislabelled));
});

test('a moved picture survives a reload; moving to a missing class or to its own class changes nothing', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend, DENSE);
  await service.whenLoaded();
  const zero = service.addClass('zero');
  const one = service.addClass('one');
  await service.addPictures(zero, photos(0, 0, 2));
  const picture = lastPictureOf(service, zero);
  service.movePicture(picture, 'no-such-class');
  service.movePicture(picture, zero);
  assert.deepEqual(
    service.getState().classes.map((info) => info.pictures.length),
    [2, 0],
  );
  service.movePicture(picture, one);
  await service.whenSaved();
  const reloaded = serviceOn(backend, DENSE);
  await reloaded.whenLoaded();
  assert.deepEqual(
    reloaded.getState().classes.map((info) => info.pictures.map((entry) => entry.id)),
    [[service.getState().classes[0].pictures[0].id], [picture]],
  );
});

test('neural network: accuracy on pictures it never learnt from, and its mistakes with guess and confidence', async () => {
  const service = serviceOn(createMemoryBackend(), DENSE);
  await service.whenLoaded();
  const { zero, one } = await zeroAndOne(service, 8);
  await service.train();
  const practice = await service.evaluateModel();
  assert.equal(practice.measuredOn, 'practice', 'nothing held out: only practice pictures to measure on');
  assert.equal(practice.evaluation.total, 16);

  // New pictures (never learnt from), one of them with the wrong label.
  await service.addPictures(zero, photos(0, 30, 3));
  await service.addPictures(one, [...photos(1, 30, 3), photo(0, 35)]);
  const wrongLabel = lastPictureOf(service, one);
  const report = await service.evaluateModel();
  assert.equal(report.measuredOn, 'held-out');
  assert.equal(report.evaluation.total, 7);
  assert.deepEqual(
    report.evaluation.perClass.map((score) => score.total),
    [3, 4],
  );
  const mistake = report.mistakes.find((entry) => entry.pictureId === wrongLabel);
  assert.ok(mistake, 'the zero labelled "one" is a mistake');
  assert.equal(mistake.guessClassId, zero);
  assert.equal(mistake.practised, false);
  const firstPractised = report.mistakes.findIndex((entry) => entry.practised);
  if (firstPractised >= 0)
    assert.ok(
      report.mistakes.slice(firstPractised).every((entry) => entry.practised),
      'new pictures come first',
    );
});

test('"stop when accuracy reaches" is a setting the child can switch on and off; bad targets are refused', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend, DENSE);
  await service.whenLoaded();
  service.updateSettings({ stopAtAccuracy: 0 });
  assert.equal(service.getState().settings.stopAtAccuracy, undefined);
  service.updateSettings({ stopAtAccuracy: 1.5 });
  assert.equal(service.getState().settings.stopAtAccuracy, undefined);
  service.updateSettings({ stopAtAccuracy: 0.9 });
  assert.equal(service.getState().settings.stopAtAccuracy, 0.9);
  await service.whenSaved();
  const reloaded = serviceOn(backend, DENSE);
  await reloaded.whenLoaded();
  assert.equal(reloaded.getState().settings.stopAtAccuracy, 0.9);
  reloaded.updateSettings({ stopAtAccuracy: undefined });
  assert.equal('stopAtAccuracy' in reloaded.getState().settings, false);
});

test('training stops early once the accuracy target is reached, and the model says so', async () => {
  const service = serviceOn(createMemoryBackend(), applySettingChanges(DENSE, { head: { epochs: 200 }, stopAtAccuracy: 0.9 }));
  await service.whenLoaded();
  await zeroAndOne(service, 6);
  await service.train();
  const trained = service.getState().trained!;
  assert.ok(trained.stoppedEarly, 'the trained model records the early stop');
  assert.equal(trained.stoppedEarly.epoch, trained.history.length);
  assert.ok(trained.history.length < 200);
  assert.ok(trained.stoppedEarly.accuracy >= 0.9 - 1e-6);
});

test('neural network with pictures held out: measured on exactly the held-out pictures, and honest that few is shaky', async () => {
  const service = serviceOn(createMemoryBackend(), { ...DENSE, validationRate: 0.25 });
  await service.whenLoaded();
  await zeroAndOne(service, 8);
  await service.train();
  const report = await service.evaluateModel();
  assert.equal(report.measuredOn, 'held-out');
  assert.deepEqual(
    report.evaluation.perClass.map((score) => score.total),
    [2, 2],
    '25% of 8 pictures per class',
  );
  assert.equal(report.evaluation.shaky, true, '4 pictures are too few to trust the number');
  const lastEpoch = service.getState().trained!.history.at(-1)!;
  assert.equal(report.evaluation.accuracy, lastEpoch.valAcc, "the same pictures the chart's validation accuracy used");
});

test('a tiny held-out set (or none): the mistakes also cover the pictures it practised on, said to be practice pictures', async () => {
  for (const validationRate of [0.25, 0]) {
    const service = serviceOn(createMemoryBackend(), { ...DENSE, validationRate });
    await service.whenLoaded();
    const { zero, one } = await zeroAndOne(service, 8);
    await service.train();
    const before = await service.evaluateModel();
    if (validationRate > 0) assert.ok(before.evaluation.total < 10, 'a held-out set too small to find the problems');
    else assert.equal(before.measuredOn, 'practice', 'nothing held out');
    // A picture the model learnt as a zero, labelled "one" since: the model still says zero.
    const measured = new Set(before.pictureIds);
    const practisedZero = service.getState().classes[0].pictures.find((picture) => validationRate === 0 || !measured.has(picture.id))!.id;
    service.movePicture(practisedZero, one);
    const report = await service.evaluateModel();
    const mistake = report.mistakes.find((entry) => entry.pictureId === practisedZero);
    assert.ok(mistake, `${validationRate}: the practice picture is among the mistakes`);
    assert.deepEqual([mistake.practised, mistake.labelClassId, mistake.guessClassId], [true, one, zero]);
    assert.equal(report.measuredOn, validationRate === 0 ? 'practice' : 'held-out');
    const firstPractised = report.mistakes.findIndex((entry) => entry.practised);
    assert.ok(
      report.mistakes.slice(firstPractised).every((entry) => entry.practised),
      'pictures it did not practise with come first',
    );
  }
});

test('the mistakes to review leave out pictures moved or deleted since, and those the child kept in their class', () => {
  const mistake = (pictureId: string, labelClassId: string): Mistake => ({
    pictureId,
    labelClassId,
    guessClassId: 'rock',
    confidence: 90,
    practised: false,
  });
  const mistakes = [mistake('kept', 'paper'), mistake('moved', 'paper'), mistake('deleted', 'paper'), mistake('open', 'paper')];
  const classNow: Record<string, string> = { kept: 'paper', moved: 'rock', open: 'paper' };
  const toReview = (kept: readonly string[]) =>
    mistakesToReview(mistakes, (pictureId) => classNow[pictureId], new Set(kept)).map((entry) => entry.pictureId);
  assert.deepEqual(toReview([]), ['kept', 'open']);
  assert.deepEqual(toReview(['kept']), ['open']);
  assert.deepEqual(toReview(['kept', 'open']), []);
});

async function decodeBlob(blob: Blob): Promise<RgbaImage> {
  const { width, height, data } = jpeg.decode(Buffer.from(await blob.arrayBuffer()), { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}

test('extra pictures: the chosen copies of every picture go to the engine, are made once, and only for the neural network', async () => {
  const requests: TrainRequest[] = [];
  let decoded = 0;
  const service = createModelService({
    engine: {
      ...real.engine,
      train: (request, onProgress, signal) => {
        requests.push(request);
        return real.engine.train(request, onProgress, signal);
      },
    },
    engineReady: real.engineReady,
    store: createModelStore(createMemoryBackend()),
    defaultSettings: applySettingChanges(DENSE, { head: { epochs: 3 } }),
    decodePicture: (blob) => {
      decoded++;
      return decodeBlob(blob);
    },
  });
  await service.whenLoaded();
  await zeroAndOne(service, 5);

  const preview = await service.previewCopies(service.getState().classes[0].pictures[0].id);
  assert.deepEqual(
    preview.map((copy) => copy.kind),
    ['original', 'flip', 'turn-left', 'turn-right', 'blur', 'brighter', 'darker'],
  );
  const { width, height } = preview[0].image;
  assert.ok(width > 0 && preview.every((copy) => copy.image.width === width && copy.image.data.length === width * height * 4));
  assert.notDeepEqual(preview[1].image.data, preview[0].image.data, 'the mirrored copy differs from the picture');

  service.setAugmentation({ flip: true, light: true });
  assert.deepEqual(service.getState().augmentation, { flip: true, turn: false, blur: false, light: true });
  const progress: number[] = [];
  service.subscribe(() => {
    const { training } = service.getState();
    if (training.status === 'running' && training.copies) progress.push(training.copies.done);
  });
  decoded = 0;
  await service.train();
  assert.equal(service.getState().training.status, 'done');
  assert.equal(requests[0].augmented?.length, 10 * 3, 'mirrored, lighter and darker copies of each of the 10 pictures');
  const pictureIds = new Set(service.getState().classes.flatMap((info) => info.pictures.map((picture) => picture.id)));
  assert.ok(requests[0].augmented!.every((copy) => pictureIds.has(copy.sourcePictureId)));
  assert.equal(decoded, 10);
  assert.equal(progress.at(-1), 10, 'the trainer saw the copies being made');

  await service.train();
  assert.equal(requests[1].augmented?.length, 30);
  assert.equal(decoded, 10, 'training again reuses the copies');

  service.updateSettings({ kind: 'knn' });
  await service.train();
  assert.equal(requests[2].augmented, undefined, 'KNN gets no copies (they do not help it)');
  service.setAugmentation({ flip: false, light: false });
  assert.deepEqual(service.getState().augmentation, { flip: false, turn: false, blur: false, light: false });
});

test('"Shrink it": an 8-bit copy, compared on the held-out pictures, kept only when the child says so, and after a reload', async () => {
  const backend = createMemoryBackend();
  const service = serviceOn(backend, { ...DENSE, validationRate: 0.25 });
  await service.whenLoaded();
  await assert.rejects(service.shrinkModel(), { code: 'model/not-loaded' });
  await zeroAndOne(service, 8);
  await service.train();
  const probe = photo(1, 33).image;
  const floatAnswer = await service.recognize(probe);

  const shrink = await service.shrinkModel();
  assert.equal(service.getState().trained?.small, false, 'nothing changes until the child keeps it');
  assert.equal(shrink.measuredOn, 'held-out');
  assert.equal(shrink.before.total, 4);
  assert.equal(shrink.after.total, 4);
  assert.ok(shrink.bytesAfter < shrink.bytesBefore / 3, `${shrink.bytesBefore} -> ${shrink.bytesAfter} bytes`);
  for (const change of shrink.changed) assert.notEqual(change.beforeClassId, change.afterClassId);

  assert.equal(await service.keepShrunkModel(shrink), true);
  assert.equal(service.getState().trained?.small, true);
  assert.equal(service.getState().trained?.outOfDate, false);
  const smallAnswer = await service.recognize(probe);
  assert.equal(smallAnswer.classId, floatAnswer.classId);
  assert.equal(await service.keepShrunkModel(shrink), false, 'a shrink of a model no longer in use is refused');

  await service.whenSaved();
  const reloaded = serviceOn(backend, DENSE);
  await reloaded.whenLoaded();
  assert.equal(reloaded.getState().trained?.small, true);
  assert.equal((await reloaded.recognize(probe)).classId, floatAnswer.classId);
});

test('"Also try shrinking MobileNet": the same held-out pictures, decoded from their JPEGs, and nothing is kept', async () => {
  const shrinkCalls: number[] = [];
  const service = createModelService({
    engine: {
      ...real.engine,
      shrinkBackbone: (key, examples) => {
        shrinkCalls.push(examples.length);
        return real.engine.shrinkBackbone(key, examples);
      },
    },
    engineReady: real.engineReady,
    store: createModelStore(createMemoryBackend()),
    defaultSettings: { ...DENSE, validationRate: 0.25 },
    decodePicture: decodeBlob,
  });
  await service.whenLoaded();
  await assert.rejects(service.shrinkBackbone(), { code: 'model/not-loaded' });
  await zeroAndOne(service, 8);
  await service.train();
  const trainedAt = service.getState().trained?.trainedAt;

  const head = await service.shrinkModel();
  const backbone = await service.shrinkBackbone();
  assert.deepEqual(shrinkCalls, [4], 'the 4 held-out pictures, as pixels');
  assert.equal(backbone.measuredOn, 'held-out');
  const answers = (evaluation: typeof head.before) => evaluation.pictures.map((p) => [p.trueClass, p.predictedClass]);
  assert.deepEqual(
    answers(backbone.before),
    answers(head.before),
    'the normal MobileNet answers the same pictures as the head shrink started from',
  );
  assert.equal(backbone.after.total, 4);
  assert.ok(
    backbone.bytesBefore > 1_000_000 && backbone.bytesAfter < backbone.bytesBefore / 3.5,
    `${backbone.bytesBefore} -> ${backbone.bytesAfter} bytes`,
  );
  for (const change of backbone.changed) assert.notEqual(change.beforeClassId, change.afterClassId);
  assert.equal(service.getState().trained?.trainedAt, trainedAt);
  assert.equal(service.getState().trained?.small, false, 'the trained model is untouched');
});
