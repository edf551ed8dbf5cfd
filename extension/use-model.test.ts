// `use model [name]`: with two trained models in one project (the real model service on the real engine),
// the block switches which model the other blocks follow, and its menu lists the project's models.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPicturePrompt } from '../modal-ui/recognize/picture-prompt';
import { createImageModelExtension } from './index';
import { createHeadlessVm } from './test-support/headless-vm';
import { newModelService, photo, startEngine, trainClasses, type EngineFixture } from './test-support/trained-model';

let fixture: EngineFixture;

before(async () => {
  fixture = await startEngine();
});

after(() => fixture.close());

test('use model switches the model that the menus and recognition follow; an unknown name changes nothing', async () => {
  const service = newModelService(fixture.engine);
  await trainClasses(service, { zero: 0, one: 1 }, 6);
  service.renameModel('fists');
  service.createModel('counting');
  await trainClasses(service, { two: 2, three: 3, four: 4 }, 6);

  const prompt = createPicturePrompt();
  const extension = createImageModelExtension(createHeadlessVm().runtime, {
    recognizer: service,
    models: service,
    ui: { openTrainer: () => undefined, askForPicture: prompt.ask },
  });
  const block = extension.getInfo().blocks.find((info) => typeof info === 'object' && 'opcode' in info && info.opcode === 'useModel');
  assert.ok(block, 'the palette has the block');
  assert.deepEqual(extension.modelMenu().map((item) => item.value), ['fists', 'counting']);
  assert.deepEqual(extension.classMenu().map((item) => item.value), ['two', 'three', 'four']);

  await extension.useModel({ MODEL: 'fists' });
  assert.deepEqual(extension.classMenu().map((item) => item.value), ['zero', 'one']);
  assert.equal((await service.recognize(photo(1, 30))).className, 'one');

  await extension.useModel({ MODEL: 'no such model' });
  assert.deepEqual(extension.classMenu().map((item) => item.value), ['zero', 'one']);
  await extension.useModel({ MODEL: 'COUNTING' });
  assert.deepEqual(extension.classMenu().map((item) => item.value), ['two', 'three', 'four']);
});
