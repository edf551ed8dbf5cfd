// A project made into a game's: the same checks as opening a .sb3, the pictures left out, the model kept whole;
// a tampered model refuses the game with its reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { makeGameProject } from './game-project';
import { readModelsFromProject } from './read-models';
import { CLASSES, projectModel, vanillaProjectJson } from './test-support/projects';
import type { ProjectModels } from './types';
import { writeModelsIntoProject } from './write-models';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 60 }, () => 7), 0xff, 0xd9]);

function withPictures(): ProjectModels {
  const model = projectModel('m1dense', 'dense', 1);
  return {
    models: [{ ...model, pictures: [{ id: 'p1', classId: CLASSES[0].id, encoded: JPEG, mimeType: 'image/jpeg' }] }],
    activeModelId: 'm1dense',
    includePictures: true,
  };
}

function savedProject(models: ProjectModels): { projectJson: Record<string, unknown>; zip: JSZip } {
  const projectJson = vanillaProjectJson();
  const zip = new JSZip();
  zip.file('costume.svg', '<svg/>');
  writeModelsIntoProject(projectJson, zip, models);
  return { projectJson, zip };
}

test("a game's project keeps the trained model and Scratch's files, and leaves the pictures out", async () => {
  const { projectJson, zip } = savedProject(withPictures());
  assert.ok(zip.file('imageModel/m1dense/p1.jpg'), 'the editor saved the picture');
  assert.equal(await makeGameProject(projectJson, zip), null);
  assert.equal(zip.file('imageModel/m1dense/p1.jpg'), null);
  assert.ok(zip.file('costume.svg'));
  const load = await readModelsFromProject(projectJson, zip);
  assert.equal(load.includePictures, false);
  const [model] = load.models;
  assert.equal(model.status, 'ok');
  assert.ok(model.status === 'ok' && model.model.trained && model.model.pictures.length === 0);
  assert.deepEqual(
    model.status === 'ok' && new Uint8Array(model.model.trained!.weights),
    new Uint8Array(withPictures().models[0].trained!.weights),
  );
});

test('a project with a tampered model is refused for its reason', async () => {
  const { projectJson, zip } = savedProject(withPictures());
  const weights = await zip.file('imageModel/m1dense.bin')!.async('uint8array');
  zip.file('imageModel/m1dense.bin', weights.subarray(0, weights.length - 4));
  assert.equal(await makeGameProject(projectJson, zip), 'weights-truncated');
});

test('a project without models stays as it is', async () => {
  const projectJson = vanillaProjectJson();
  const zip = new JSZip();
  zip.file('costume.svg', '<svg/>');
  assert.equal(await makeGameProject(projectJson, zip), null);
  assert.deepEqual(Object.keys(zip.files), ['costume.svg']);
  assert.equal(projectJson.extensionStorage, undefined);
});
