// Two tabs of the editor: two model services over one store (the memory backend standing in for the one
// IndexedDB they share) and Node's real BroadcastChannel between them, with the real engine and photos.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { decodeJpeg, signDigitPhotos } from '../engine/test-support/shared-data';
import type { KeyValueBackend } from '../store/backend';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { createBroadcastTabChannel, type TabChannel } from './tab-channel';
import { photos, useRealEngine, withTrainingSeed } from './test-support/real-engine';

const real = useRealEngine();
const channels: TabChannel[] = [];
let channelCount = 0;

after(() => {
  for (const channel of channels) channel.close();
});

/** Two tabs of one browser: one shared store backend, one channel name per test. */
async function twoTabs(backend: KeyValueBackend = createMemoryBackend()): Promise<[ModelService, ModelService]> {
  const name = `two-tabs-test-${channelCount++}`;
  const tab = () => {
    const tabs = createBroadcastTabChannel(name)!;
    channels.push(tabs);
    return createModelService({
      engine: withTrainingSeed(real.engine, 7),
      engineReady: real.engineReady,
      store: createModelStore(backend),
      tabs,
      // Dense, so a training lasts long enough for the other tab's news to arrive while it runs.
      defaultSettings: {
        validationRate: 0,
        head: { kind: 'dense', epochs: 40, batchSize: 8, learningRate: 0.001 },
        otherHeads: [{ kind: 'knn', k: 3 }],
      },
    });
  };
  const first = tab();
  await first.whenLoaded();
  await first.whenSaved();
  const second = tab();
  await second.whenLoaded();
  return [first, second];
}

/** Resolves when `check` holds for the service's state, or fails after a few seconds. */
async function eventually(service: ModelService, check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await service.whenSaved();
}

const summary = (service: ModelService) =>
  service
    .getState()
    .classes.map((info) => `${info.name}:${info.pictures.length}`)
    .join(', ');

test("a class and pictures added in one tab appear in the other, and the other tab's next save keeps them", async () => {
  const backend = createMemoryBackend();
  const [first, second] = await twoTabs(backend);
  assert.equal(second.getState().modelId, first.getState().modelId, 'both tabs edit the same model');

  const fist = first.addClass('fist');
  await first.addPictures(fist, photos(0, 0, 5));
  await first.whenSaved();
  await eventually(second, () => summary(second) === 'fist:5', "the second tab shows the first tab's class");

  // The second tab (which has seen the class) renames the model and adds its own class.
  assert.equal(second.renameModel('Hand signs'), null);
  const three = second.addClass('three');
  await second.addPictures(three, photos(3, 0, 5));
  await second.whenSaved();
  await eventually(first, () => summary(first) === 'fist:5, three:5' && first.getState().name === 'Hand signs', 'the first tab sees both');

  // A third service opening the store afterwards (a reload) finds everything.
  const reloaded = createModelService({ engine: real.engine, engineReady: real.engineReady, store: createModelStore(backend) });
  await reloaded.whenLoaded();
  assert.equal(summary(reloaded), 'fist:5, three:5');
  assert.equal(reloaded.getState().name, 'Hand signs');
});

test('a model trained in one tab is used by the other; training in a tab keeps a class the other added meanwhile', async () => {
  const [first, second] = await twoTabs();
  const ids = [first.addClass('zero'), first.addClass('two')];
  await first.addPictures(ids[0], photos(0, 0, 6));
  await first.addPictures(ids[1], photos(2, 0, 6));
  await first.whenSaved();
  await eventually(second, () => summary(second) === 'zero:6, two:6', 'the second tab has the pictures');

  await first.train();
  await first.whenSaved();
  await eventually(second, () => second.getState().trained !== null && second.hasTrainedModel(), 'the second tab has the trained model');
  const answer = await second.recognize(decodeJpeg(signDigitPhotos(2)[30]));
  assert.equal(answer.className, 'two');

  // The second tab adds a class while the first trains again: the first tab's save keeps it.
  const training = first.train();
  await eventually(
    first,
    () => {
      const view = first.getState().training;
      return view.status === 'running' && view.epoch > 0;
    },
    'training is under way',
  );
  const four = second.addClass('four');
  await second.addPictures(four, photos(4, 0, 5));
  await second.whenSaved();
  await training;
  await first.whenSaved();
  await eventually(first, () => summary(first) === 'zero:6, two:6, four:5', `the first tab kept the new class (has ${summary(first)})`);
  assert.equal(first.getState().trained?.outOfDate, true, 'the new class is not trained yet, and the trainer says so');
  await eventually(
    second,
    () => summary(second) === 'zero:6, two:6, four:5' && second.getState().trained?.outOfDate === true,
    'the second tab agrees',
  );
});
