// Sharing through the model service with the real engine (tfjs, the shared weights over HTTP) and real photos:
// the project's models go into a real .sb3 (project-file/ + JSZip) and come back in another "browser" (a second
// memory store, which keeps IndexedDB's semantics). Several models per project, and what a project without
// models does to the child's earlier work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import { isImportError, type RgbaImage, type TrainingSettings } from '../engine';
import { t } from '../locales';
import type { ProjectModel, ProjectModelsLoad } from '../project-file';
import { throughSb3 } from '../project-file/test-support/projects';
import type { KeyValueBackend } from '../store/backend';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { applySettingChanges } from './settings';
import { photo, photos, useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

const KNN: TrainingSettings = {
  validationRate: 0.15,
  head: { kind: 'knn', k: 3 },
  otherHeads: [{ kind: 'dense', epochs: 20, batchSize: 16, learningRate: 0.001 }],
};

/** Node has no createImageBitmap: the service is given jpeg-js, as the browser gives it its own decoder. */
async function decodePicture(blob: Blob): Promise<RgbaImage> {
  const { width, height, data } = jpeg.decode(new Uint8Array(await blob.arrayBuffer()), { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}

async function serviceOn(backend: KeyValueBackend, defaultSettings = KNN): Promise<ModelService> {
  const service = createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(backend),
    defaultSettings,
    decodePicture,
  });
  await service.whenLoaded();
  return service;
}

/** Trains the active model on digits with `count` photos each. */
async function trainDigits(service: ModelService, digits: readonly number[], count = 6): Promise<void> {
  for (const digit of digits) {
    const classId = service.addClass(`digit ${digit}`);
    await service.addPictures(classId, photos(digit, 0, count));
  }
  await service.train();
  assert.equal(service.getState().training.status, 'done');
}

const heldOut = (digit: number) => photo(digit, 30).image;

test('a project saved with its pictures opens in another browser with the same answers, and the pictures can train again', async () => {
  const home = await serviceOn(createMemoryBackend());
  await trainDigits(home, [0, 2, 4]);
  home.setIncludePictures(true);
  const answers = await Promise.all([0, 2, 4].map((digit) => home.recognize(heldOut(digit))));

  const { load, entries } = await throughSb3(home.exportForProject());
  assert.equal(entries.filter((name) => name.endsWith('.jpg')).length, 18, 'every picture travels as a JPEG entry');

  const otherBackend = createMemoryBackend();
  const other = await serviceOn(otherBackend);
  const earlier = other.addClass('my own class');
  await other.whenSaved();
  await other.replaceFromProject(load);
  await other.whenSaved();

  const state = other.getState();
  assert.equal(state.models.length, 1);
  assert.deepEqual(
    state.classes.map((view) => [view.name, view.pictures.length]),
    [
      ['digit 0', 6],
      ['digit 2', 6],
      ['digit 4', 6],
    ],
  );
  assert.equal(state.includePictures, true);
  assert.equal(state.trained?.outOfDate, false);
  // Nothing was left out; the trainer offers the model card of the model that came with the project.
  assert.deepEqual(state.openedProject, { broken: [], droppedPictures: 0, renamed: [], unreadableCards: 0, trainedModel: true });
  assert.deepEqual(
    state.trained?.card.classes.map((info) => info.pictures),
    [6, 6, 6],
    'the card came with the model',
  );
  for (const [index, digit] of [0, 2, 4].entries()) {
    const again = await other.recognize(heldOut(digit));
    assert.equal(again.className, answers[index].className);
    assert.ok(Math.abs(again.confidences[0].confidence - answers[index].confidences[0].confidence) < 1e-6);
  }
  assert.ok(!state.classes.some((view) => view.id === earlier), 'the models are not mixed');

  // The pictures came back with embeddings: training again works.
  await other.train();
  assert.equal(other.getState().training.status, 'done');

  // What was written is what a reload finds.
  await other.whenSaved();
  const reloaded = await serviceOn(otherBackend);
  assert.deepEqual(
    reloaded.getState().classes.map((view) => view.pictures.length),
    [6, 6, 6],
  );
  assert.equal((await reloaded.recognize(heldOut(2))).className, answers[1].className);
});

test('without pictures the .sb3 still recognises and the trainer knows there are no pictures to retrain with', async () => {
  const home = await serviceOn(createMemoryBackend());
  await trainDigits(home, [1, 3]);
  assert.equal(home.getState().includePictures, false, 'pictures are private by default');
  const { load, entries } = await throughSb3(home.exportForProject());
  assert.equal(entries.filter((name) => name.endsWith('.jpg')).length, 0);

  const other = await serviceOn(createMemoryBackend());
  await other.replaceFromProject(load);
  const state = other.getState();
  assert.equal(state.trained?.outOfDate, false);
  assert.deepEqual(
    state.classes.map((view) => view.pictures.length),
    [0, 0],
  );
  assert.equal((await other.recognize(heldOut(3))).className, (await home.recognize(heldOut(3))).className);
});

test('a broken model is listed with its problem and never stored; the good one is used', async () => {
  const home = await serviceOn(createMemoryBackend());
  await trainDigits(home, [0, 1]);
  home.duplicateModel('copy');
  await home.whenLoaded();
  const models = home.exportForProject();
  const { load } = await throughSb3(models);
  // Damage the second model the way a bad file would be read: project-file/ marks it broken.
  const damaged: ProjectModelsLoad = {
    ...load,
    models: [load.models[0], { status: 'broken', id: 'x', name: 'copy', problem: 'not-finite', detail: 'NaN' }],
  };
  const backend = createMemoryBackend();
  const other = await serviceOn(backend);
  await other.replaceFromProject(damaged);
  await other.whenSaved();
  assert.deepEqual(other.getState().openedProject?.broken, [{ name: 'copy', problem: 'not-finite' }]);
  assert.deepEqual(
    other.getState().models.map((model) => model.name),
    [models.models[0].name],
  );
  const stored = await createModelStore(backend).loadWorkspace();
  assert.deepEqual(
    stored?.models.map((model) => model.draft.name),
    [models.models[0].name],
  );
});

/** The model with one weight turned into NaN, as a damaged file would carry it (the original is left alone). */
function withBrokenWeights(model: ProjectModel): ProjectModel {
  const weights = model.trained!.weights.slice(0);
  new Float32Array(weights)[42] = Number.NaN;
  return { ...model, trained: { ...model.trained!, weights } };
}

test('a damaged project never costs the earlier work: the trained model is kept aside, comes back after a reload and recognises', async () => {
  // The project to damage: two trained models, "shared" and its copy.
  const sharer = await serviceOn(createMemoryBackend());
  await trainDigits(sharer, [1, 3]);
  assert.equal(sharer.renameModel('shared'), null);
  const sharedAnswer = await sharer.recognize(heldOut(3));
  sharer.duplicateModel('shared copy');
  await sharer.whenLoaded();
  const project = sharer.exportForProject();
  const [shared, copy] = project.models;
  const cases = [
    { label: 'its only model is broken', models: [withBrokenWeights(shared)], usable: [t('trainer.defaultModelName')], broken: ['shared'] },
    { label: 'a good model and a broken one', models: [shared, withBrokenWeights(copy)], usable: ['shared'], broken: ['shared copy'] },
  ];
  for (const { label, models, usable, broken } of cases) {
    const { load } = await throughSb3({ ...project, models, activeModelId: models[0].id });
    const backend = createMemoryBackend();
    const home = await serviceOn(backend);
    await trainDigits(home, [0, 4]);
    assert.equal(home.renameModel('my hands'), null, label);
    const mine = home.getState().modelId;
    const answer = await home.recognize(heldOut(4));
    await home.whenSaved();

    await home.replaceFromProject(load);
    await home.whenSaved();
    const state = home.getState();
    assert.deepEqual(
      state.openedProject?.broken,
      broken.map((name) => ({ name, problem: 'not-finite' })),
      label,
    );
    assert.deepEqual(home.getModelNames(), usable, label);
    if (usable.includes('shared')) assert.deepEqual(await home.recognize(heldOut(3)), sharedAnswer, `${label}: the good model works`);
    assert.equal(state.earlierModels, 1, label);
    assert.equal((await backend.keysUnder(['trained', mine])).length, 1, `${label}: the trained model is still stored`);

    // After a reload the child brings "my hands" back, and it answers as before the project was opened.
    const reloaded = await serviceOn(backend);
    assert.equal(reloaded.getState().earlierModels, 1, label);
    await reloaded.bringBackEarlierModels();
    assert.deepEqual(reloaded.getModelNames(), [...usable, 'my hands'], label);
    assert.equal(await reloaded.useModel('my hands'), true, label);
    assert.equal(reloaded.getState().trained?.outOfDate, false, label);
    assert.deepEqual(
      reloaded.getState().classes.map((view) => [view.name, view.pictures.length]),
      [
        ['digit 0', 6],
        ['digit 4', 6],
      ],
      label,
    );
    assert.deepEqual(await reloaded.recognize(heldOut(4)), answer, label);
  }
});

test('a project without models or blocks starts empty (the earlier work is set aside in storage); an old one with blocks keeps it', async () => {
  const backend = createMemoryBackend();
  const home = await serviceOn(backend);
  await trainDigits(home, [0, 4]);
  const before = home.getState().modelId;
  const vanilla: ProjectModelsLoad = { present: false, models: [], activeModelId: null, includePictures: false };
  // A project saved before models travelled in the .sb3 uses Image Model blocks: it keeps this browser's models.
  await home.replaceFromProject(vanilla, { usesBlocks: true });
  assert.equal(home.getState().modelId, before);
  assert.equal(home.hasTrainedModel(), true);
  await home.replaceFromProject(vanilla, { usesBlocks: false });
  await home.whenSaved();
  const state = home.getState();
  assert.equal(state.models.length, 1);
  assert.equal(state.trained, null);
  assert.equal(state.classes.length, 0);
  assert.equal(home.hasTrainedModel(), false);
  assert.notEqual(state.modelId, before);
  assert.ok((await backend.keysUnder(['trained', before])).length === 1, 'the trained model is still in storage');
  assert.equal((await createModelStore(backend).loadWorkspace())?.models.length, 1);

  // The child can bring the earlier model back into this project.
  assert.equal(state.earlierModels, 1);
  await home.bringBackEarlierModels();
  assert.equal(home.getState().models.length, 2);
  assert.equal(home.getState().earlierModels, 0);
  assert.equal(await home.switchModel(before), true);
  assert.equal((await home.recognize(heldOut(4))).className, 'digit 4');
});

test('several models: create, rename (unique names), duplicate, switch by name, delete; the blocks follow the active one', async () => {
  const backend = createMemoryBackend();
  const service = await serviceOn(backend);
  await trainDigits(service, [0, 1]);
  assert.equal(service.renameModel('zero or one'), null);
  let changes = 0;
  service.onChange(() => {
    changes++;
    // As the palette does on every change: it lists the models while a switch is still loading the next one.
    service.getModelNames();
  });

  service.createModel('two or three');
  await service.whenLoaded();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(service.getState().name, 'two or three');
  assert.equal(service.hasTrainedModel(), false);
  assert.equal(service.renameModel('ZERO OR ONE'), 'taken');
  await trainDigits(service, [2, 3]);
  assert.deepEqual(service.getModelNames(), ['zero or one', 'two or three']);
  assert.ok(changes > 0, 'block menus are told');

  assert.equal(await service.useModel('Zero or One'), true);
  assert.deepEqual(
    service.getClasses().map((info) => info.name),
    ['digit 0', 'digit 1'],
  );
  assert.equal((await service.recognize(heldOut(1))).className, 'digit 1');
  assert.equal(await service.useModel('no such model'), false);
  assert.equal(await service.useModel('two or three'), true);
  assert.equal((await service.recognize(heldOut(3))).className, 'digit 3');

  const original = await service.recognize(heldOut(2));
  service.duplicateModel('two or three');
  await new Promise((resolve) => setTimeout(resolve, 0));
  await service.whenSaved();
  assert.deepEqual(service.getModelNames(), ['zero or one', 'two or three', 'two or three (2)']);
  assert.deepEqual(await service.recognize(heldOut(2)), original, 'the copy answers like the original');

  assert.equal(service.deleteModel(service.getState().modelId), true);
  assert.deepEqual(service.getModelNames(), ['zero or one', 'two or three']);
  await service.whenSaved();
  const reloaded = await serviceOn(backend);
  assert.deepEqual(reloaded.getModelNames(), ['zero or one', 'two or three']);
  assert.equal(reloaded.getState().name, 'zero or one');
  assert.equal((await reloaded.recognize(heldOut(0))).className, 'digit 0');
});

test("export then import gives the same answers; Teachable Machine's files alone import too; other files are refused", async () => {
  const home = await serviceOn(createMemoryBackend(), applySettingChanges(KNN, { kind: 'dense', head: { kind: 'dense', epochs: 15 } }));
  await trainDigits(home, [0, 3]);
  assert.equal(home.renameModel('Hands: 0/3'), null);
  const answer = await home.recognize(heldOut(3));
  const exported = await home.exportModelFile();
  assert.equal(exported.fileName, 'Hands 0 3.zip');

  const other = await serviceOn(createMemoryBackend());
  await other.importModel([{ name: exported.fileName, bytes: exported.bytes }]);
  assert.deepEqual(other.getModelNames(), [t('trainer.defaultModelName'), 'Hands: 0/3']);
  assert.deepEqual(await other.recognize(heldOut(3)), answer);

  // Teachable Machine's own three files (no image-model.bin): only the head is read, the backbone is checked.
  const zip = await JSZip.loadAsync(exported.bytes);
  const tmFiles = await Promise.all(
    ['model.json', 'weights.bin', 'metadata.json'].map(async (name) => ({ name, bytes: await zip.file(name)!.async('uint8array') })),
  );
  await other.importModel(tmFiles);
  assert.equal(other.getModelNames().length, 3);
  const tmAnswer = await other.recognize(heldOut(3));
  assert.equal(tmAnswer.className, answer.className);
  assert.ok(Math.abs(tmAnswer.confidences[1].confidence - answer.confidences[1].confidence) < 1e-4);

  await assert.rejects(
    other.importModel([{ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }]),
    (error) => isImportError(error) && error.problem === 'not-a-model',
  );
  assert.equal(other.getModelNames().length, 3, 'nothing was added');
});
