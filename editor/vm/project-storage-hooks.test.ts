// The hooks on the real scratch-vm 15.1.1 (run from its source in Node, with scratch-storage as the GUI attaches
// it): a project saved with models becomes .sb3 bytes that a fresh VM loads back into the identical models; a
// vanilla project loads with none; a hostile one still opens and reports the broken model.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import JSZip from 'jszip';
import { captureVmLog, createHeadlessVm, createStorage, type HeadlessVm } from '../../extension/test-support/headless-vm';
import { STORAGE_KEY } from '../../project-file/storage-json';
import { CLASSES, projectModel, sb3Bytes, vanillaProjectJson } from '../../project-file/test-support/projects';
import type { ProjectModels, ProjectModelsLoad } from '../../project-file/types';
import { installProjectStorageHooks, type ProjectStorageVm } from './project-storage-hooks';

type Vm = HeadlessVm &
  ProjectStorageVm & {
    attachStorage(storage: object): void;
    exportSprite(targetId: string, type: string): Promise<Uint8Array>;
    runtime: Omit<HeadlessVm['runtime'], 'targets'> & { targets: readonly { id: string; isStage: boolean }[] };
  };

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const vms: Vm[] = [];
const log = captureVmLog();

afterEach(() => {
  for (const vm of vms.splice(0)) vm.quit();
});

function newVm(): Vm {
  const vm = createHeadlessVm() as Vm;
  vm.attachStorage(createStorage());
  vms.push(vm);
  return vm;
}

function savedModels(includePictures: boolean): ProjectModels {
  const dense = projectModel('0a1b2c3d4e5f60718293a4b5', 'dense', 1);
  return {
    models: [
      { ...dense, pictures: [{ id: 'f00d', classId: CLASSES[1].id, encoded: JPEG, mimeType: 'image/jpeg' }] },
      projectModel('b5a4938271605f4e3d2c1b0a', 'knn', 2),
    ],
    activeModelId: '0a1b2c3d4e5f60718293a4b5',
    includePictures,
  };
}

/** A fresh VM with hooks that record what each load delivers. */
function loadingVm(onModelsLoaded: (load: ProjectModelsLoad) => void | Promise<void> = () => {}) {
  const vm = newVm();
  const loads: ProjectModelsLoad[] = [];
  const errors: unknown[] = [];
  installProjectStorageHooks(vm, {
    getModelsForSave: () => ({ models: [], activeModelId: null, includePictures: false }),
    onModelsLoaded: (load) => {
      loads.push(load);
      return onModelsLoaded(load);
    },
    onLoadError: (error) => errors.push(error),
  });
  return { vm, loads, errors };
}

async function saveWithHooks(models: ProjectModels): Promise<Uint8Array> {
  const vm = newVm();
  installProjectStorageHooks(vm, { getModelsForSave: () => models, onModelsLoaded: () => {} });
  await vm.loadProject(await sb3Bytes(vanillaProjectJson()));
  const blob = (await vm.saveProjectSb3()) as Blob;
  return new Uint8Array(await blob.arrayBuffer());
}

test('save -> .sb3 bytes -> load into a fresh VM delivers the identical models', async () => {
  const models = savedModels(true);
  const bytes = await saveWithHooks(models);
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  for (const name of [
    'imageModel/0a1b2c3d4e5f60718293a4b5.bin',
    'imageModel/b5a4938271605f4e3d2c1b0a.bin',
    'imageModel/0a1b2c3d4e5f60718293a4b5/f00d.jpg',
  ]) {
    assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  }
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string'));
  assert.equal(projectJson.extensionStorage[STORAGE_KEY].models.length, 2);
  assert.equal(projectJson.targets[0].isStage, true, "Scratch's own part is still there");

  const { vm, loads, errors } = loadingVm();
  await vm.loadProject(bytes);
  assert.deepEqual(errors, []);
  assert.equal(loads.length, 1);
  const [load] = loads;
  assert.equal(load.present, true);
  assert.equal(load.activeModelId, models.activeModelId);
  assert.equal(load.includePictures, true);
  load.models.forEach((loaded, i) => {
    assert.equal(loaded.status, 'ok', loaded.status === 'broken' ? loaded.detail : '');
    if (loaded.status !== 'ok') return;
    const saved = models.models[i];
    assert.equal(loaded.model.id, saved.id);
    assert.deepEqual(loaded.model.classes, saved.classes);
    assert.deepEqual(loaded.model.trained!.metadata, saved.trained!.metadata);
    assert.deepEqual(new Uint8Array(loaded.model.trained!.weights), new Uint8Array(saved.trained!.weights));
  });
  assert.deepEqual(
    load.models[0].status === 'ok' && load.models[0].model.pictures.map((p) => [p.id, p.classId, [...(p.encoded as Uint8Array)]]),
    [['f00d', CLASSES[1].id, [...JPEG]]],
  );
});

test('pictures stay out of the .sb3 unless the child includes them', async () => {
  const names = Object.keys((await JSZip.loadAsync(await saveWithHooks(savedModels(false)))).files);
  assert.deepEqual(
    names.filter((name) => name.endsWith('.jpg')),
    [],
  );
  assert.ok(names.includes('imageModel/0a1b2c3d4e5f60718293a4b5.bin'));
});

test("with nothing to save (Image Model never started) the .sb3 is exactly Scratch's own", async () => {
  const vm = newVm();
  installProjectStorageHooks(vm, { getModelsForSave: () => null, onModelsLoaded: () => {} });
  await vm.loadProject(await sb3Bytes(vanillaProjectJson()));
  const zip = await JSZip.loadAsync(new Uint8Array(await ((await vm.saveProjectSb3()) as Blob).arrayBuffer()));
  assert.deepEqual(
    Object.keys(zip.files).filter((name) => name.startsWith('imageModel')),
    [],
  );
  assert.equal(JSON.parse(await zip.file('project.json')!.async('string')).extensionStorage, undefined);
});

test('a vanilla project loads with no models and no error', async () => {
  const { vm, loads, errors } = loadingVm();
  await vm.loadProject(await sb3Bytes(vanillaProjectJson()));
  assert.deepEqual(errors, []);
  assert.deepEqual(loads, [{ present: false, models: [], activeModelId: null, includePictures: false }]);
  assert.equal(vm.runtime.targets.length, 1);
});

test('a hostile project opens; the broken model is reported and the good one delivered', async () => {
  const bytes = await saveWithHooks(savedModels(false));
  const zip = await JSZip.loadAsync(bytes);
  const weights = (await zip.file('imageModel/0a1b2c3d4e5f60718293a4b5.bin')!.async('uint8array')).slice();
  new Float32Array(weights.buffer)[3] = Number.POSITIVE_INFINITY;
  zip.file('imageModel/0a1b2c3d4e5f60718293a4b5.bin', weights);
  const hostile = await zip.generateAsync({ type: 'uint8array' });

  const { vm, loads } = loadingVm();
  await vm.loadProject(hostile);
  assert.equal(vm.runtime.targets.length, 1, 'the project itself loaded');
  const [broken, good] = loads[0].models;
  assert.equal(broken.status === 'broken' && broken.problem, 'not-finite');
  assert.equal(good.status, 'ok');
  assert.equal(loads[0].activeModelId, 'b5a4938271605f4e3d2c1b0a', 'the saved active model is broken: the good one is active');
});

test('a failing receiver does not stop the project from opening', async () => {
  const { vm, errors } = loadingVm(() => Promise.reject(new Error('service busy')));
  await vm.loadProject(await saveWithHooks(savedModels(false)));
  assert.equal(vm.runtime.targets.length, 1);
  assert.match(String(errors[0]), /service busy/);
});

test('a sprite export carries neither our storage nor our entries', async () => {
  const vm = newVm();
  installProjectStorageHooks(vm, { getModelsForSave: () => savedModels(true), onModelsLoaded: () => {} });
  await vm.loadProject(
    await sb3Bytes({
      ...vanillaProjectJson(),
      targets: [
        ...(vanillaProjectJson().targets as object[]),
        {
          ...(vanillaProjectJson().targets as Record<string, unknown>[])[0],
          isStage: false,
          name: 'Sprite1',
          layerOrder: 1,
          visible: true,
          x: 0,
          y: 0,
          size: 100,
          direction: 90,
          draggable: false,
          rotationStyle: 'all around',
        },
      ],
    }),
  );
  const sprite = vm.runtime.targets.find((target) => !target.isStage)!;
  const zip = await JSZip.loadAsync(await vm.exportSprite(sprite.id, 'uint8array'));
  assert.deepEqual(
    Object.keys(zip.files).filter((name) => name.startsWith('imageModel')),
    [],
  );
  assert.equal(JSON.parse(await zip.file('sprite.json')!.async('string')).extensionStorage, undefined);
  assert.equal(JSON.parse(vm.toJSON()).extensionStorage, undefined, 'toJSON outside a save is untouched');
});

test.after(() => log.restore());

test('a finished save hands its models to onSaved, for the notice about pictures', async () => {
  const vm = newVm();
  const models = savedModels(false);
  const saved: ProjectModels[] = [];
  installProjectStorageHooks(vm, { getModelsForSave: () => models, onModelsLoaded: () => {}, onSaved: (done) => saved.push(done) });
  await vm.loadProject(await sb3Bytes(vanillaProjectJson()));
  assert.deepEqual(saved, [], 'loading is not saving');
  await vm.saveProjectSb3();
  assert.deepEqual(saved, [models]);
});
