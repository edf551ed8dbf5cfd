// Names from outside the trainer (an opened project, an imported model) get the trainer's rules in the model
// service too: the trainer, the blocks' menus and the notice agree on repaired, distinct names, ids untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { readModelsFromProject, writeModelsIntoProject } from '../project-file';
import { CLASSES, projectModel, vanillaProjectJson } from '../project-file/test-support/projects';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { useRealEngine } from './test-support/real-engine';

const real = useRealEngine();

async function freshService(): Promise<ModelService> {
  const service = createModelService({
    engine: real.engine,
    engineReady: real.engineReady,
    store: createModelStore(createMemoryBackend()),
  });
  await service.whenLoaded();
  return service;
}

/** A project holding one trained model whose names the trainer would refuse. */
async function badlyNamedProject() {
  const model = projectModel('m1', 'knn', 1);
  const names = ['', 'Rock', 'rock '];
  const classes = CLASSES.map((info, i) => ({ ...info, name: names[i] }));
  const trained = { ...model.trained!, metadata: { ...model.trained!.metadata, name: '\u202Egame', classes } };
  const projectJson = vanillaProjectJson();
  const zip = new JSZip();
  writeModelsIntoProject(projectJson, zip, {
    models: [{ ...model, name: '\u202Egame', classes, trained }],
    activeModelId: 'm1',
    includePictures: false,
  });
  return readModelsFromProject(projectJson, zip);
}

test('an opened project with blank and repeated class names: the trainer and the blocks see distinct names, and the notice says so', async () => {
  const service = await freshService();
  await service.replaceFromProject(await badlyNamedProject());
  const state = service.getState();
  assert.equal(state.name, 'game', "the override is gone from the model's name");
  assert.deepEqual(service.getModelNames(), ['game']);
  assert.deepEqual(
    state.classes.map((view) => view.name),
    ['Class 1', 'Rock', 'rock (2)'],
  );
  assert.deepEqual(
    service.getClasses().map((info) => info.name),
    ['Class 1', 'Rock', 'rock (2)'],
    "the blocks' menus",
  );
  assert.deepEqual(
    service.getClasses().map((info) => info.id),
    CLASSES.map((info) => info.id),
    "ids (the weights' order) unchanged",
  );
  assert.deepEqual(state.openedProject?.renamed, [
    { kind: 'class', from: '', to: 'Class 1', model: 'game' },
    { kind: 'class', from: 'rock', to: 'rock (2)', model: 'game' },
  ]);
  assert.deepEqual(state.openedProject?.broken, []);
});

test('an imported model with repeated labels comes in repaired, and importModel says which names changed', async () => {
  const service = await freshService();
  await service.replaceFromProject(await badlyNamedProject());
  const exported = await service.exportModelFile();
  const zip = await JSZip.loadAsync(exported.bytes);
  zip.remove('image-model.bin');
  const metadata = JSON.parse(await zip.file('metadata.json')!.async('string'));
  zip.file('metadata.json', JSON.stringify({ ...metadata, modelName: 'game', labels: ['paper', 'PAPER', ' '] }));
  const renamed = await service.importModel([{ name: 'tm.zip', bytes: await zip.generateAsync({ type: 'uint8array' }) }]);
  assert.deepEqual(renamed, [
    { kind: 'class', from: 'PAPER', to: 'PAPER (2)' },
    { kind: 'class', from: '', to: 'Class 3' },
  ]);
  assert.deepEqual(service.getModelNames(), ['game', 'game (2)'], 'a model name already in the project is numbered');
  assert.deepEqual(
    service.getClasses().map((info) => info.name),
    ['paper', 'PAPER (2)', 'Class 3'],
  );
});

test("the trainer's own new class never gets a blank name or a repeat", async () => {
  const service = await freshService();
  const first = service.addClass('rock');
  service.addClass(' Rock ');
  service.addClass('  ');
  assert.deepEqual(
    service.getState().classes.map((view) => view.name),
    ['rock', 'Rock (2)', 'Class 3'],
  );
  assert.equal(service.renameClass(first, '\u202E'), 'empty');
  assert.equal(service.renameClass(first, 'ROCK (2)'), 'taken');
  assert.equal(service.renameModel('  '), 'empty');
});
