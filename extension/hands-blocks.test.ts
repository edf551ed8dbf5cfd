// The blocks with a Hands model (the real model service on the real engine; the hand finder is the unit tests'
// stand-in, test-support/hand-looker.ts): recognition answers with the class of the hand's sign, `result` stays
// empty when no hand is found, and `hand found?` and `[x / y] of [landmark]` report the hand in stage coordinates.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TRAINING_SETTINGS, type RgbaImage } from '../engine';
import { setLocale, t } from '../locales';
import { createPicturePrompt } from '../modal-ui/recognize/picture-prompt';
import { createModelService, type ModelService } from '../model-service';
import { darkFrame, madeUpHand, signDigitHandLooker } from '../model-service/test-support/hand-looker';
import { photos, withTrainingSeed } from '../model-service/test-support/real-engine';
import { createMemoryBackend, createModelStore } from '../store';
import { landmarkOnStage } from './hand-position';
import { createImageModelExtension, type ImageModelExtension } from './index';
import { createHeadlessVm } from './test-support/headless-vm';
import { photo, startEngine, type EngineFixture } from './test-support/trained-model';

let fixture: EngineFixture;
let service: ModelService;

before(async () => {
  fixture = await startEngine();
  service = createModelService({
    engine: withTrainingSeed(fixture.engine, 20261204),
    store: createModelStore(createMemoryBackend()),
    defaultSettings: DEFAULT_TRAINING_SETTINGS,
    findHand: signDigitHandLooker(),
  });
  await service.whenLoaded();
  service.createModel('signs', 'hands');
  for (const [name, digit] of [
    ['fist', 0],
    ['two', 2],
    ['four', 4],
  ] as const) {
    await service.addPictures(service.addClass(name), photos(digit, 0, 8));
  }
  await service.train();
  assert.equal(service.getState().training.status, 'done');
});

after(() => fixture.close());

function blocksWithPopup(): { extension: ImageModelExtension; recognize(picture: RgbaImage): Promise<void> } {
  const prompt = createPicturePrompt();
  const extension = createImageModelExtension(createHeadlessVm().runtime, {
    recognizer: service,
    models: service,
    ui: { openTrainer: () => undefined, askForPicture: prompt.ask },
  });
  return {
    extension,
    async recognize(picture) {
      const running = extension.recognizeImage({}, {});
      prompt.answer(picture);
      await running;
    },
  };
}

test('a Hands model answers the blocks with its hand’s class, and finds the hand', async () => {
  const { extension, recognize } = blocksWithPopup();
  assert.equal(extension.handFound(), false, 'nothing recognised yet');
  await recognize(photo(2, 30));
  assert.equal(extension.result(), 'two');
  assert.equal(extension.isResult({ CLASS: 'two' }), true);
  const confidences = ['fist', 'two', 'four'].map((name) => extension.confidenceOf({ CLASS: name }));
  assert.equal(Math.max(...confidences), confidences[1], String(confidences));
  extension.setConfidenceThreshold({ THRESHOLD: confidences[1] });
  assert.equal(extension.whenRecognized({ CLASS: 'two' }), true);
  assert.equal(extension.handFound(), true);
  // The made-up hand's index fingertip (raised: two fingers) is above the middle of the picture, a little left.
  const x = extension.landmarkPosition({ AXIS: 'x', LANDMARK: 'indexTip' });
  const y = extension.landmarkPosition({ AXIS: 'y', LANDMARK: 'indexTip' });
  assert.ok(x > -60 && x < 0 && y > 20 && y < 180, `index fingertip at ${x}, ${y}`);
  assert.equal(extension.landmarkPosition({ AXIS: 'y', LANDMARK: 'wrist' }), Math.round((0.5 - 0.85) * 360));
  extension.dispose();
});

test('no hand in the picture: result is empty, no class is true, hand found? is false, positions are 0', async () => {
  const { extension, recognize } = blocksWithPopup();
  await recognize(photo(4, 30));
  assert.equal(extension.result(), 'four');
  await recognize(darkFrame());
  assert.equal(extension.result(), '');
  assert.deepEqual(
    ['fist', 'two', 'four'].map((name) => [extension.isResult({ CLASS: name }), extension.confidenceOf({ CLASS: name })]),
    [
      [false, 0],
      [false, 0],
      [false, 0],
    ],
  );
  assert.equal(extension.whenRecognized({ CLASS: 'four' }), false);
  assert.equal(extension.handFound(), false);
  assert.equal(extension.landmarkPosition({ AXIS: 'x', LANDMARK: 'indexTip' }), 0);
  extension.dispose();
});

test('stage coordinates: the picture’s middle square, x to the right and y up; unknown names give 0', () => {
  const hand = madeUpHand(5, 0);
  const corner = { ...hand, landmarks: hand.landmarks.map((point, i) => (i === 0 ? { x: 0, y: 0, z: 0 } : point)) };
  assert.deepEqual([landmarkOnStage(corner, 'wrist', 'x'), landmarkOnStage(corner, 'wrist', 'y')], [-180, 180]);
  assert.equal(landmarkOnStage(corner, 'elbow', 'x'), 0);
  assert.equal(landmarkOnStage(null, 'wrist', 'x'), 0);
});

test('the palette has both blocks, and the landmark menu names all 21 points in the child’s language', () => {
  const { extension } = blocksWithPopup();
  setLocale('ko');
  try {
    const info = extension.getInfo();
    const opcodes = info.blocks.flatMap((block) => ('opcode' in block ? [block.opcode] : []));
    assert.ok(opcodes.includes('handFound') && opcodes.includes('landmarkPosition'));
    const menu = info.menus.landmarks;
    const items = Array.isArray(menu.items) ? menu.items : [];
    assert.equal(items.length, 21);
    assert.deepEqual(
      items.find((item) => typeof item === 'object' && item.value === 'indexTip'),
      {
        text: t('blocks.landmark.indexTip'),
        value: 'indexTip',
      },
    );
    assert.equal(t('blocks.landmark.indexTip'), '검지 끝');
  } finally {
    setLocale('en');
    extension.dispose();
  }
});
