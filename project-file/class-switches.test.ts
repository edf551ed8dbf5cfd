// Class switches in a real .sb3: saved, zipped and read back; a hostile or old list reads as "all on".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { readModelsFromProject } from './read-models';
import { STORAGE_KEY } from './storage-json';
import { CLASSES, openSb3, projectModel, sb3Bytes, vanillaProjectJson } from './test-support/projects';
import type { LoadedProjectModel, ProjectModel } from './types';
import { writeModelsIntoProject } from './write-models';

/** Saves `model`, lets `tamper` change its stored entry, and reads the project back. */
async function roundTrip(model: ProjectModel, tamper?: (stored: Record<string, unknown>) => void) {
  const projectJson = vanillaProjectJson();
  const entries = new JSZip();
  writeModelsIntoProject(projectJson, entries, { models: [model], activeModelId: model.id, includePictures: false });
  const storage = (projectJson.extensionStorage as Record<string, { models: Record<string, unknown>[] }>)[STORAGE_KEY];
  tamper?.(storage.models[0]);
  const weights = await entries.file(`imageModel/${model.id}.bin`)!.async('uint8array');
  const { projectJson: opened, zip } = await openSb3(await sb3Bytes(projectJson, (zip) => zip.file(`imageModel/${model.id}.bin`, weights)));
  const [loaded] = (await readModelsFromProject(opened, zip)).models;
  assert.equal(loaded.status, 'ok');
  return (loaded as Extract<LoadedProjectModel, { status: 'ok' }>).model;
}

test('classes switched off travel with the project', async () => {
  const model = { ...projectModel('m1', 'dense'), classesOff: [CLASSES[1].id] };
  assert.deepEqual((await roundTrip(model)).classesOff, [CLASSES[1].id]);
});

test('a project without switches (older versions) has every class on', async () => {
  const read = await roundTrip(projectModel('m1', 'dense'));
  assert.equal(read.classesOff, undefined);
});

test('a hostile list of switches is ignored and the model still opens with every class on', async () => {
  for (const hostile of ['b', [42], ['__proto__'], ['no-such-class'], Array.from({ length: 500 }, () => CLASSES[0].id)]) {
    const read = await roundTrip(projectModel('m1', 'dense'), (stored) => {
      stored.classesOff = hostile;
    });
    assert.equal(read.classesOff, undefined, JSON.stringify(hostile).slice(0, 40));
  }
  const mixed = await roundTrip(projectModel('m1', 'dense'), (stored) => {
    stored.classesOff = [CLASSES[2].id, 'no-such-class'];
  });
  assert.deepEqual(mixed.classesOff, [CLASSES[2].id], 'unknown ids are dropped, known ones kept');
});
