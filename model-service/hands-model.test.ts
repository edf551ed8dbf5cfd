// A Hands model through the model service, on the real engine: made by choice, its pictures' hands found (or
// marked "no hand found" and left out), trained on landmark numbers, answering with the hand or with nothing,
// kept in the store and carried by the .sb3 with what it looks at. The hand finder is a stand-in
// (test-support/hand-looker.ts): MediaPipe needs a browser, and the e2e runs the real one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RgbaImage, TrainingSettings } from '../engine';
import { readModelsFromProject } from '../project-file';
import { throughSb3 } from '../project-file/test-support/projects';
import type { KeyValueBackend } from '../store/backend';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import type { NewPicture } from './facets/pictures';
import { createModelService, type ModelService } from './model-service';
import { darkFrame, signDigitHandLooker } from './test-support/hand-looker';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

const KNN: TrainingSettings = {
  validationRate: 0,
  head: { kind: 'knn', k: 3 },
  otherHeads: [{ kind: 'dense', epochs: 30, batchSize: 16, learningRate: 0.01 }],
};

async function decodePicture(blob: Blob): Promise<RgbaImage> {
  const { default: jpeg } = await import('jpeg-js');
  const { width, height, data } = jpeg.decode(new Uint8Array(await blob.arrayBuffer()), { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}

async function serviceOn(backend: KeyValueBackend, findHand = signDigitHandLooker()): Promise<ModelService> {
  const service = createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(backend),
    defaultSettings: KNN,
    decodePicture,
    findHand,
  });
  await service.whenLoaded();
  return service;
}

const dark: NewPicture = { image: darkFrame(), encoded: new Blob([new Uint8Array([0xff, 0xd8, 0xff])]), mimeType: 'image/jpeg' };

/** A new Hands model with classes "one", "three" (sign digits 1 and 3, 6 photos each) and one dark frame in "one". */
async function handsModel(service: ModelService): Promise<{ one: string; three: string }> {
  assert.ok(service.createModel('gestures', 'hands'));
  await service.whenSaved();
  const one = service.addClass('one');
  const three = service.addClass('three');
  await service.addPictures(one, [...photos(1, 0, 6), dark]);
  await service.addPictures(three, photos(3, 0, 6));
  return { one, three };
}

test('a Hands model finds each picture’s hand, marks the one without, trains on landmarks and answers only for a hand', async () => {
  const service = await serviceOn(createMemoryBackend());
  const { one } = await handsModel(service);
  const state = service.getState();
  assert.equal(state.featureSource, 'hands');
  assert.equal(state.models.find((model) => model.id === state.modelId)?.featureSource, 'hands');
  const ones = state.classes.find((view) => view.id === one)!.pictures;
  assert.equal(ones.length, 7, 'the picture without a hand is kept, to be shown');
  assert.equal(ones.filter((picture) => picture.hand === null).length, 1, 'and marked "no hand found"');
  assert.ok(ones.filter((picture) => picture.hand).every((picture) => picture.hand!.landmarks.length === 21));

  await service.train();
  assert.equal(service.getState().training.status, 'done');
  const trained = service.getState().trained!;
  assert.equal(trained.learnedFrom.pictures, 12, 'the picture without a hand is left out of training');
  assert.equal(trained.outOfDate, false, 'and leaving it out does not make the model out of date');
  assert.ok(trained.card.measure, 'its model card is measured on the hands (leave-one-out for KNN)');
  assert.deepEqual(
    trained.card.classes.map((info) => info.pictures),
    [6, 6],
  );

  const answerFor3 = await service.recognize(photo(3, 20).image);
  assert.equal(answerFor3.className, 'three');
  assert.equal(answerFor3.hand?.landmarks.length, 21);
  const nothing = await service.recognize(darkFrame(), 'video');
  assert.deepEqual(
    [nothing.className, nothing.classId, nothing.hand, nothing.confidences.map((entry) => entry.confidence)],
    ['', '', null, [0, 0]],
    'no hand: no class, and no made-up confidence',
  );
});

test('Train waits for a fifth picture with a hand: pictures without one do not count', async () => {
  const service = await serviceOn(createMemoryBackend());
  service.createModel('gestures', 'hands');
  const one = service.addClass('one');
  const three = service.addClass('three');
  await service.addPictures(one, [...photos(1, 0, 4), dark, { ...dark, image: darkFrame(120) }]);
  await service.addPictures(three, photos(3, 0, 5));
  assert.deepEqual(service.getState().readiness, { ready: false, need: 'pictures', className: 'one', missing: 1 });
  await service.addPictures(one, [photo(1, 10)]);
  assert.equal(service.getState().readiness.ready, true);
});

test('a neural network trains on the hands too', async () => {
  const service = await serviceOn(createMemoryBackend());
  await handsModel(service);
  service.updateSettings({ kind: 'dense' });
  await service.train();
  assert.equal(service.getState().training.status, 'done');
  assert.equal(service.getState().trained?.method, 'dense');
  assert.equal((await service.recognize(photo(1, 25).image)).className, 'one');
});

test('what a model looks at is chosen while it is empty, and then stays', async () => {
  const service = await serviceOn(createMemoryBackend());
  assert.equal(service.getState().featureSource, 'pictures', 'a new model looks at pictures, as before');
  assert.equal(service.setFeatureSource('hands'), true);
  assert.equal(service.getState().featureSource, 'hands');
  const classId = service.addClass('one');
  await service.addPictures(classId, [photo(1, 0)]);
  assert.equal(service.setFeatureSource('pictures'), false, 'its pictures hold hands, not MobileNet numbers');
  assert.equal(service.getState().featureSource, 'hands');
  assert.equal(service.getState().classes[0].pictures[0].hand?.landmarks.length, 21);
});

test('a Hands model and its hands are kept: another tab or a reload reads them back', async () => {
  const backend = createMemoryBackend();
  const first = await serviceOn(backend);
  await handsModel(first);
  await first.train();
  await first.whenSaved();

  const second = await serviceOn(backend);
  const state = second.getState();
  assert.equal(state.name, 'gestures');
  assert.equal(state.featureSource, 'hands');
  const pictures = state.classes.flatMap((view) => view.pictures);
  assert.deepEqual([pictures.length, pictures.filter((picture) => picture.hand === null).length], [13, 1]);
  assert.equal((await second.recognize(photo(3, 21).image)).className, 'three');
});

test('a project with a Pictures model and a Hands model keeps both, each looking at its own', async () => {
  const home = await serviceOn(createMemoryBackend());
  const classId = home.addClass('zero');
  await home.addPictures(classId, photos(0, 0, 5));
  await home.addPictures(home.addClass('two'), photos(2, 0, 5));
  await home.train();
  await handsModel(home);
  await home.train();
  home.setIncludePictures(true);

  const { load } = await throughSb3(home.exportForProject());
  const other = await serviceOn(createMemoryBackend());
  await other.replaceFromProject(load);
  await other.whenSaved();
  const models = other.getState().models;
  assert.deepEqual(
    models.map((model) => [model.name, model.featureSource, model.trained]),
    [
      ['My picture model', 'pictures', true],
      ['gestures', 'hands', true],
    ],
  );
  const active = other.getState();
  assert.equal(active.name, 'gestures');
  const pictures = active.classes.flatMap((view) => view.pictures);
  assert.equal(pictures.filter((picture) => picture.hand).length, 12, 'the hands are found again in the pictures that came along');
  assert.equal((await other.recognize(photo(1, 22).image)).className, 'one');
  await other.switchModel(models[0].id);
  assert.equal((await other.recognize(photo(2, 30).image)).className, 'two');
});

test('an opened project’s Hands model that holds a Pictures model, or looks at something unknown, is refused', async () => {
  const home = await serviceOn(createMemoryBackend());
  await handsModel(home);
  await home.train();
  const saved = home.exportForProject();
  const hands = saved.models.find((model) => model.featureSource === 'hands')!;
  const { load } = await throughSb3({
    ...saved,
    models: [
      { ...hands, featureSource: 'pictures' },
      { ...hands, id: 'feet0000', featureSource: 'feet' as 'hands' },
    ],
  });
  assert.deepEqual(
    load.models.map((model) => model.status === 'broken' && model.problem),
    ['unknown-base-model', 'invalid'],
  );
  assert.equal((await readModelsFromProject({}, null)).present, false);
});

test('Hands models on a page without a hand finder: a clear problem, nothing added', async () => {
  const service = createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(createMemoryBackend()),
    defaultSettings: KNN,
  });
  await service.whenLoaded();
  service.createModel('gestures', 'hands');
  const classId = service.addClass('one');
  await service.addPictures(classId, [photo(1, 0)]);
  assert.equal(service.getState().problem, 'hands/unavailable');
  assert.equal(service.getState().classes[0].pictures.length, 0);
});

test('a Hands model exports as its model file and imports back as a Hands model that answers the same', async () => {
  const home = await serviceOn(createMemoryBackend());
  await handsModel(home);
  await home.train();
  const exported = await home.exportModelFile();
  assert.match(exported.fileName, /^gestures\.bin$/);
  const before = await home.recognize(photo(3, 22).image);

  const other = await serviceOn(createMemoryBackend());
  await other.importModel([{ name: exported.fileName, bytes: exported.bytes }]);
  const state = other.getState();
  assert.deepEqual(
    [state.name, state.featureSource, state.trained?.classes.map((info) => info.name)],
    ['gestures', 'hands', ['one', 'three']],
  );
  const after = await other.recognize(photo(3, 22).image);
  assert.deepEqual([after.className, after.confidences], [before.className, before.confidences]);
});
