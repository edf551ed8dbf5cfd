// A project saved by the version before the picture codec (fixtures/before-picture-codec/project.sb3, made with
// that version's code) opens whole: its trained model and every picture; saved again, it is in today's layout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import JSZip from 'jszip';
import { bytesMatchType } from '../pictures/picture-codec';
import { readModelsFromProject } from './read-models';
import { STORAGE_KEY } from './storage-json';
import { openSb3 } from './test-support/projects';
import type { LoadedProjectModel } from './types';
import { writeModelsIntoProject } from './write-models';

const FIXTURE = path.join(__dirname, '../fixtures/before-picture-codec/project.sb3');

function okModel(loaded: LoadedProjectModel) {
  assert.equal(loaded.status, 'ok', loaded.status === 'broken' ? `${loaded.problem}: ${loaded.detail}` : '');
  return loaded as Extract<LoadedProjectModel, { status: 'ok' }>;
}

test('a project saved before the picture codec opens with its trained model and every picture', async () => {
  const { projectJson, zip } = await openSb3(readFileSync(FIXTURE));
  const listed = (projectJson as { extensionStorage: Record<string, { models: { pictures: object[] }[] }> }).extensionStorage[STORAGE_KEY]
    .models[0].pictures;
  assert.equal(listed.length, 10);
  assert.ok(
    listed.every((picture) => !('mimeType' in picture)),
    'the old layout lists no type',
  );

  const load = await readModelsFromProject(projectJson, zip);
  assert.equal(load.includePictures, true);
  const { model, droppedPictures } = okModel(load.models[0]);
  assert.equal(load.activeModelId, model.id);
  assert.equal(model.name, 'Fingers');
  assert.deepEqual(
    model.classes.map((info) => info.name),
    ['one', 'two'],
  );
  assert.equal(model.trained?.metadata.head.kind, 'knn');
  assert.equal(model.trained?.weights.byteLength, 10 * 1280 * 4, 'the KNN head keeps one embedding per picture');
  assert.equal(droppedPictures, 0);
  assert.equal(model.pictures.length, 10);
  for (const picture of model.pictures) {
    assert.equal(picture.mimeType, 'image/jpeg');
    const entry = await zip.file(`imageModel/${model.id}/${picture.id}.jpg`)!.async('uint8array');
    assert.deepEqual(picture.encoded, entry);
    assert.ok(bytesMatchType(entry, 'image/jpeg'));
  }

  const saved: Record<string, unknown> = {};
  const again = new JSZip();
  writeModelsIntoProject(saved, again, { models: [model], activeModelId: model.id, includePictures: true });
  const storage = (saved.extensionStorage as Record<string, { models: { pictures: object[] }[] }>)[STORAGE_KEY];
  assert.deepEqual(
    storage.models[0].pictures,
    model.pictures.map(({ id, classId }) => ({ id, classId, mimeType: 'image/jpeg' })),
  );
  assert.equal(again.file(/\.jpg$/).length, 10);
});
