// `use model [name]`: with two trained models in one project (the real model service on the real engine),
// the block switches which model the other blocks follow, and its menu lists the project's models; the
// reporters answer for the model in use, never with another model's classes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RgbaImage } from '../engine';
import { createPicturePrompt, type PicturePrompt } from '../modal-ui/recognize/picture-prompt';
import { createImageModelExtension, type ImageModelExtension } from './index';
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
  assert.deepEqual(
    extension.modelMenu().map((item) => item.value),
    ['fists', 'counting'],
  );
  assert.deepEqual(
    extension.classMenu().map((item) => item.value),
    ['two', 'three', 'four'],
  );

  await extension.useModel({ MODEL: 'fists' });
  assert.deepEqual(
    extension.classMenu().map((item) => item.value),
    ['zero', 'one'],
  );
  assert.equal((await service.recognize(photo(1, 30))).className, 'one');

  await extension.useModel({ MODEL: 'no such model' });
  assert.deepEqual(
    extension.classMenu().map((item) => item.value),
    ['zero', 'one'],
  );
  await extension.useModel({ MODEL: 'COUNTING' });
  assert.deepEqual(
    extension.classMenu().map((item) => item.value),
    ['two', 'three', 'four'],
  );
});

/** `recognize image` as a script runs it: the block asks the popup, which is answered with `picture`. */
async function recognizeThroughBlock(extension: ImageModelExtension, prompt: PicturePrompt, picture: RgbaImage): Promise<void> {
  const running = extension.recognizeImage({}, {});
  assert.notEqual(prompt.getState().current, null, 'the block asked for a picture');
  prompt.answer(picture);
  await running;
}

/** What `result`, `confidence of` and `is result` report for each of `classNames`. */
function reporters(extension: ImageModelExtension, classNames: readonly string[]) {
  return {
    result: extension.result(),
    confidence: classNames.map((name) => extension.confidenceOf({ CLASS: name })),
    isResult: classNames.map((name) => extension.isResult({ CLASS: name })),
  };
}

test('result, confidence of and is result answer for the model in use: another model (a copy too) starts from nothing', async () => {
  const service = newModelService(fixture.engine);
  await trainClasses(service, { zero: 0, one: 1 }, 6);
  service.renameModel('fists');
  service.duplicateModel('fists again');
  await service.whenLoaded();
  service.createModel('counting');
  await trainClasses(service, { two: 2, three: 3, four: 4 }, 6);
  const fists = ['zero', 'one'];
  const counting = ['two', 'three', 'four'];
  const nothingYet = (names: readonly string[]) => ({ result: '', confidence: names.map(() => 0), isResult: names.map(() => false) });

  const prompt = createPicturePrompt();
  const extension = createImageModelExtension(createHeadlessVm().runtime, {
    recognizer: service,
    models: service,
    ui: { openTrainer: () => undefined, askForPicture: prompt.ask },
  });
  await extension.useModel({ MODEL: 'fists' });
  await recognizeThroughBlock(extension, prompt, photo(1, 30));
  const fistsAnswer = reporters(extension, fists);
  assert.equal(fistsAnswer.result, 'one');
  assert.deepEqual(fistsAnswer.isResult, [false, true]);
  assert.ok(fistsAnswer.confidence[1] > 50 && fistsAnswer.confidence[0] + fistsAnswer.confidence[1] >= 99, String(fistsAnswer.confidence));

  // A copy is another model, even with the same classes: its reporters start from nothing until it answers.
  await extension.useModel({ MODEL: 'fists again' });
  assert.deepEqual(reporters(extension, fists), nothingYet(fists));
  await recognizeThroughBlock(extension, prompt, photo(1, 30));
  assert.deepEqual(reporters(extension, fists), fistsAnswer, 'the copy answers as the original did');

  // Other classes: "one" is not an answer of the counting model, so the reporters start again from nothing.
  await extension.useModel({ MODEL: 'counting' });
  assert.deepEqual(reporters(extension, [...fists, ...counting]), nothingYet([...fists, ...counting]));

  const photoOfThree = photo(3, 30);
  await recognizeThroughBlock(extension, prompt, photoOfThree);
  const countingAnswer = reporters(extension, counting);
  assert.equal(countingAnswer.result, (await service.recognize(photoOfThree)).className);
  assert.ok(counting.includes(countingAnswer.result), `${countingAnswer.result} is a class of the model in use`);
  assert.deepEqual(
    countingAnswer.isResult,
    counting.map((name) => name === countingAnswer.result),
  );
  assert.ok(Math.max(...countingAnswer.confidence) > 33, String(countingAnswer.confidence));

  // An unknown name switches nothing and keeps the answer; switching back to "fists" clears it.
  await extension.useModel({ MODEL: 'no such model' });
  assert.deepEqual(reporters(extension, counting), countingAnswer);
  await extension.useModel({ MODEL: 'fists' });
  assert.deepEqual(reporters(extension, [...fists, ...counting]), nothingYet([...fists, ...counting]));
  await recognizeThroughBlock(extension, prompt, photo(0, 30));
  assert.equal(extension.result(), 'zero');
  assert.equal(extension.isResult({ CLASS: 'zero' }), true);

  // A switch made in the trainer's model list (not by the block) retires the answer the same way.
  const countingId = service.getState().models.find((model) => model.name === 'counting')?.id;
  assert.ok(countingId);
  assert.equal(await service.switchModel(countingId), true);
  assert.deepEqual(reporters(extension, [...fists, ...counting]), nothingYet([...fists, ...counting]));
  extension.dispose();
});
