// A project saved in TurboWarp keeps our entries inside project.json (base64): the same reader reads them with the
// same checks as zip entries, and a zip entry wins over an inlined one of the same name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_ENTRIES_FIELD, inlineEntries, planProjectModels, readModelsFromProject, STORAGE_KEY, type ProjectModels } from '.';
import { CLASSES, projectModel } from './test-support/projects';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

const models: ProjectModels = {
  models: [
    {
      ...projectModel('0a1b2c3d4e5f60718293a4b5', 'dense', 1),
      pictures: [{ id: 'f00d', classId: CLASSES[0].id, encoded: new Blob([JPEG]), mimeType: 'image/jpeg' }],
    },
    projectModel('b5a4938271605f4e3d2c1b0a', 'knn', 2),
  ],
  activeModelId: 'b5a4938271605f4e3d2c1b0a',
  includePictures: true,
};

async function inlinedProject(content: ProjectModels = models): Promise<{ extensionStorage: Record<string, Record<string, unknown>> }> {
  const plan = planProjectModels(content);
  return { extensionStorage: { [STORAGE_KEY]: { ...plan.storage, [INLINE_ENTRIES_FIELD]: await inlineEntries(plan.entries) } } };
}

test('inlined weights and pictures read back identical, without any zip', async () => {
  const load = await readModelsFromProject(await inlinedProject(), null);
  assert.equal(load.activeModelId, models.activeModelId);
  load.models.forEach((loaded, i) => {
    assert.equal(loaded.status, 'ok', loaded.status === 'broken' ? loaded.detail : '');
    if (loaded.status !== 'ok') return;
    const saved = models.models[i];
    assert.deepEqual(loaded.model.trained!.metadata, saved.trained!.metadata);
    assert.deepEqual(new Uint8Array(loaded.model.trained!.weights), new Uint8Array(saved.trained!.weights));
  });
  const [first] = load.models;
  assert.deepEqual(first.status === 'ok' && first.model.pictures.map((p) => [...(p.encoded as Uint8Array)]), [[...JPEG]]);
});

test('an inlined entry that is too long, not base64 or missing is refused like a zip entry', async () => {
  const project = await inlinedProject({ ...models, includePictures: false });
  const storage = project.extensionStorage[STORAGE_KEY];
  const entries = storage[INLINE_ENTRIES_FIELD] as Record<string, string>;
  const [dense, knn] = Object.keys(entries);
  entries[dense] = entries[dense] + 'AAAA'.repeat(1000);
  entries[knn] = '%%% not base64 %%%';
  const load = await readModelsFromProject(project, null);
  assert.deepEqual(
    load.models.map((loaded) => loaded.status === 'broken' && loaded.problem),
    ['too-large', 'invalid'],
  );
  delete entries[dense];
  const [missing] = (await readModelsFromProject(project, null)).models;
  assert.equal(missing.status === 'broken' && missing.problem, 'weights-missing');
});

test('a zip entry of the same name is read before the inlined one', async () => {
  const project = await inlinedProject({ ...models, includePictures: false });
  const name = Object.keys(project.extensionStorage[STORAGE_KEY][INLINE_ENTRIES_FIELD] as object)[0];
  const zip = { file: (wanted: string) => (wanted === name ? { async: async () => new Uint8Array(3) } : null) };
  const [fromZip] = (await readModelsFromProject(project, zip)).models;
  assert.equal(fromZip.status === 'broken' && fromZip.problem, 'weights-truncated');
});
