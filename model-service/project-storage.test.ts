// The model service behind the real VM hooks on the real scratch-vm (Node): a project saved from one editor
// opens in another (fresh storage) with the same answers; the default project at page start leaves the child's
// saved work alone. Pictures in the .sb3 are covered by sharing.test.ts (JSZip in Node cannot read Blobs) and
// by e2e/sharing.spec.ts in the browser.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { createHeadlessVm, createStorage, type HeadlessVm } from '../extension/test-support/headless-vm';
import { newModelService, photo, startEngine, trainClasses, type EngineFixture } from '../extension/test-support/trained-model';
import { installProjectStorageHooks, type ProjectStorageVm } from '../editor/vm/project-storage-hooks';
import { sb3Bytes, vanillaProjectJson } from '../project-file/test-support/projects';
import type { ModelService } from './model-service';
import { projectStorageHandlers } from './project-storage';

type Vm = HeadlessVm & ProjectStorageVm & { attachStorage(storage: object): void };

let fixture: EngineFixture;
const vms: Vm[] = [];

before(async () => {
  fixture = await startEngine();
});
after(() => fixture.close());
afterEach(() => {
  for (const vm of vms.splice(0)) vm.quit();
});

/** An editor page: a VM with the hooks, and a model service that starts only when asked (as the host does). */
function editorPage(usesBlocks = false) {
  const vm = createHeadlessVm() as Vm;
  vm.attachStorage(createStorage());
  vms.push(vm);
  let service: ModelService | null = null;
  const start = async () => {
    service = newModelService(fixture.engine);
    await service.whenLoaded();
  };
  installProjectStorageHooks(vm, projectStorageHandlers({ service: () => service, start, projectUsesBlocks: () => usesBlocks }));
  return { vm, start, service: () => service };
}

test('a project saved with a trained model opens in a fresh editor and answers the same', async () => {
  const home = editorPage();
  await home.vm.loadProject(await sb3Bytes(vanillaProjectJson()));
  assert.equal(home.service(), null, 'the default project does not start Image Model');
  await home.start();
  await trainClasses(home.service()!, { zero: 0, two: 2 }, 6);
  const answer = await home.service()!.recognize(photo(2, 30));
  const bytes = new Uint8Array(await ((await home.vm.saveProjectSb3()) as Blob).arrayBuffer());

  const away = editorPage();
  await away.vm.loadProject(bytes);
  const service = away.service();
  assert.ok(service, 'a project with models starts Image Model');
  assert.deepEqual(
    service.getState().classes.map((view) => view.name),
    ['zero', 'two'],
  );
  assert.deepEqual(await service.recognize(photo(2, 30)), answer);

  // Opening a project without models or blocks afterwards starts empty (the earlier model is set aside).
  await away.vm.loadProject(await sb3Bytes(vanillaProjectJson()));
  assert.equal(service.hasTrainedModel(), false);
  assert.equal(service.getState().earlierModels, 1);
});
