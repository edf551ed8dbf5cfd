// Class switches and the model card's facts in a real .sb3: saved, zipped and read back; a hostile or old list
// of switches reads as "all on", and a hostile card is left out with a message while the model still opens.
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
  return loaded as Extract<LoadedProjectModel, { status: 'ok' }>;
}

test('classes switched off travel with the project', async () => {
  const model = { ...projectModel('m1', 'dense'), classesOff: [CLASSES[1].id] };
  assert.deepEqual((await roundTrip(model)).model.classesOff, [CLASSES[1].id]);
});

test('a project without switches (older versions) has every class on', async () => {
  const { model: read } = await roundTrip(projectModel('m1', 'dense'));
  assert.equal(read.classesOff, undefined);
});

test('a hostile list of switches is ignored and the model still opens with every class on', async () => {
  for (const hostile of ['b', [42], ['__proto__'], ['no-such-class'], Array.from({ length: 500 }, () => CLASSES[0].id)]) {
    const { model: read } = await roundTrip(projectModel('m1', 'dense'), (stored) => {
      stored.classesOff = hostile;
    });
    assert.equal(read.classesOff, undefined, JSON.stringify(hostile).slice(0, 40));
  }
  const { model: mixed } = await roundTrip(projectModel('m1', 'dense'), (stored) => {
    stored.classesOff = [CLASSES[2].id, 'no-such-class'];
  });
  assert.deepEqual(mixed.classesOff, [CLASSES[2].id], 'unknown ids are dropped, known ones kept');
});

const facts = {
  pictures: [5, 6, 7],
  measure: { measuredOn: 'held-out' as const, tested: 4, right: 3, shaky: true, mixUps: [{ really: 2, said: 0, count: 1 }] },
};

test("the model card's facts travel with the trained model", async () => {
  const loaded = await roundTrip({ ...projectModel('m1', 'knn'), card: facts });
  assert.deepEqual(loaded.model.card, facts);
  assert.equal(loaded.cardUnreadable, undefined);
  const old = await roundTrip(projectModel('m1', 'knn'));
  assert.equal(old.model.card, undefined, 'projects made before cards have none, and no message');
  assert.equal(old.cardUnreadable, undefined);
});

test('a hostile model card is left out and said so; the model still opens', async () => {
  const hostile: unknown[] = [
    '<script>alert(1)</script>',
    { ...facts, pictures: [5, 6] },
    { ...facts, measure: { ...facts.measure, right: 99 } },
    { ...facts, measure: { ...facts.measure, mixUps: [{ really: 7, said: 0, count: 1 }] } },
    { ...facts, html: '<img src=x onerror=alert(1)>' },
  ];
  for (const card of hostile) {
    const loaded = await roundTrip(projectModel('m1', 'knn'), (stored) => {
      stored.card = card;
    });
    assert.equal(loaded.model.card, undefined, JSON.stringify(card));
    assert.equal(loaded.cardUnreadable, true);
    assert.ok(loaded.model.trained, 'the model itself is fine');
  }
});
