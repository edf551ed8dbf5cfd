// The protocol end to end: the real engine in a real Node worker thread, the real client on this thread,
// talking over a MessageChannel exactly as the editor talks to its Web Worker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine/runtime';
import {
  EngineError,
  type EngineApi,
  type EngineErrorCode,
  type HeatmapProgress,
  type LabelledEmbedding,
  type RgbaImage,
  type TrainingProgress,
  type TrainRequest,
} from '../engine';
import { startModelServer, type ModelServer } from '../engine/test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../engine/test-support/shared-data';
import { HEAD_KIND_SPECS } from '../engine/heads/kinds';
import { settingsWith } from '../engine/test-support/settings';
import { startNodeEngineThread } from './test-support/start-node-engine-thread';

let server: ModelServer;
let stopThread: () => Promise<void>;
let engine: EngineApi;
let images: RgbaImage[][]; // 6 photos of each of 3 classes
let examples: LabelledEmbedding[];
let local: EngineApi; // the in-process engine, to compare answers with

before(async () => {
  server = await startModelServer();
  ({ engine, stop: stopThread } = startNodeEngineThread());
  images = [0, 1, 2].map((digit) => signDigitPhotos(digit).slice(0, 6).map(decodeJpeg));
});

after(async () => {
  await stopThread();
  await server.close();
});

function request(overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    modelName: 'hands',
    classes: [
      { id: 'a', name: 'zero' },
      { id: 'b', name: 'one' },
      { id: 'c', name: 'two' },
    ],
    examples,
    settings: settingsWith({ epochs: 8 }),
    seed: 3,
    ...overrides,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: EngineErrorCode, detail?: RegExp) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (detail) assert.match(error.detail, detail);
    return true;
  });
}

test('errors come back as EngineError with the same code: calls before init, then an unreachable base model', async () => {
  await rejectsWith(engine.embed([images[0][0]]), 'base-model/not-loaded');
  await rejectsWith(
    engine.init({ sources: [{ kind: 'backbone', url: `${server.origin}/models/missing/model.json` }] }),
    'base-model/unreachable',
    /HTTP 404/,
  );
});

test('init and embed over the protocol give exactly what the in-process engine gives', async () => {
  const info = await engine.init({ sources: [{ kind: 'no-top', url: server.noTopUrl }] });
  assert.deepEqual(info, {
    backend: 'wasm',
    source: 'no-top',
    weightsSha256: 'e159deb3afa15bc63a53edb3eb31d0d6de1a25f0d8d72d9b8372b5088a902a8a',
  });
  const perClass = await Promise.all(images.map((ofClass) => engine.embed(ofClass)));
  examples = perClass.flatMap((embeddings, classIndex) => embeddings.map((embedding) => ({ classIndex, embedding })));
  assert.ok(examples.every((e) => e.embedding instanceof Float32Array && e.embedding.length === 1280));

  local = createEngine();
  await local.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }] });
  assert.deepEqual(await local.embed(images[1]), perClass[1]);
});

test('training sends progress for every epoch, and the trained model predicts through the worker', async () => {
  const progress: TrainingProgress[] = [];
  const model = await engine.train(request(), (p) => progress.push(p));
  assert.deepEqual(
    progress.map((p) => p.epoch),
    [0, 1, 2, 3, 4, 5, 6, 7, 8],
  );
  assert.ok(progress.slice(1).every((p) => p.totalEpochs === 8 && Number.isFinite(p.metrics?.loss)));
  assert.ok(model.weights instanceof ArrayBuffer && model.weights.byteLength > 0);
  assert.deepEqual(
    model.metadata.history,
    progress.slice(1).map((p) => p.metrics),
  );

  await engine.loadModel('hands', model);
  assert.ok(model.weights.byteLength > 0, "loading copies the caller's model; it does not take it away");
  const prediction = await engine.predict('hands', images[2][0]);
  assert.equal(prediction.classIndex, 2);
  assert.equal(prediction.confidences.length, 3);
  const bulk = await engine.predictEmbeddings(
    'hands',
    examples.map((e) => e.embedding),
  );
  await local.loadModel('hands', model);
  assert.deepEqual(
    bulk,
    await local.predictEmbeddings(
      'hands',
      examples.map((e) => e.embedding),
    ),
    'same answers as in-process',
  );
  assert.ok(bulk.filter((p, i) => p.classIndex === examples[i].classIndex).length >= 15, 'the training pictures are mostly recognised');
  await engine.unloadModel('hands');
  await rejectsWith(engine.predict('hands', images[2][0]), 'model/not-loaded');
});

test('an AbortSignal stops training in the worker: train/cancelled, and no tensors left behind', async () => {
  const { numTensors } = await engine.memory();
  const controller = new AbortController();
  const epochs: number[] = [];
  await rejectsWith(
    engine.train(
      request({ settings: settingsWith() }),
      (p) => {
        epochs.push(p.epoch);
        if (p.epoch === 2) controller.abort();
      },
      controller.signal,
    ),
    'train/cancelled',
  );
  assert.ok(epochs.at(-1)! < HEAD_KIND_SPECS.dense.defaults.epochs, `stopped after epoch ${epochs.at(-1)}`);
  assert.equal((await engine.memory()).numTensors, numTensors);

  await rejectsWith(engine.train(request(), undefined, AbortSignal.abort()), 'train/cancelled');
});

test('bad input is refused with the engine codes, and arguments that cannot be sent give internal', async () => {
  await rejectsWith(engine.train(request({ settings: settingsWith({ learningRate: -1 }) })), 'train/invalid-settings', /learningRate/);
  await rejectsWith(engine.train(request({ classes: [{ id: 'a', name: 'zero' }] })), 'train/too-few-classes');
  await rejectsWith(engine.predict('nobody', images[0][0]), 'model/not-loaded');
  await rejectsWith(engine.embed([{ width: 3, height: 3, data: new Uint8ClampedArray(5) }]), 'image/invalid');
  await rejectsWith(
    engine.loadModel('broken', { metadata: { formatVersion: 9 } as never, weights: new ArrayBuffer(0) }),
    'model/unsupported-version',
  );
  const uncloneable = { width: 1, height: 1, data: new Uint8ClampedArray(4), toString: () => 'x' } as RgbaImage;
  await rejectsWith(engine.embed([uncloneable]), 'internal', /could not be sent/);
  assert.equal((await engine.embed([images[0][1]])).length, 1, 'the worker still answers afterwards');
});

test('the Lab over the protocol: stack problems, early stop, evaluation, leave-one-out and int8 (head and MobileNet) answer as in-process', async () => {
  const bad = settingsWith({ hiddenLayers: [{ type: 'dense', units: 8, activation: 'softmax' }, { type: 'batchNorm' }] });
  await assert.rejects(engine.train(request({ settings: bad })), (error) => {
    assert.ok(error instanceof EngineError && error.code === 'train/invalid-head', String(error));
    assert.deepEqual(error.headProblems, [{ code: 'activation-cannot-train', layerIndex: 0 }]);
    return true;
  });

  const progress: TrainingProgress[] = [];
  const settings = settingsWith({ epochs: 20, validationRate: 0, stopAtAccuracy: 0.5 });
  const model = await engine.train(request({ settings }), (p) => progress.push(p));
  const stop = progress.at(-1)!.stoppedEarly;
  assert.ok(stop && stop.epoch < 20 && stop.watched === 'acc' && stop.accuracy >= 0.5, JSON.stringify(stop));
  assert.deepEqual(model.metadata.stoppedEarly, stop);

  await engine.loadModel('lab', model);
  await local.loadModel('lab', model);
  assert.deepEqual(await engine.evaluate('lab', examples), await local.evaluate('lab', examples));
  assert.deepEqual(await engine.evaluateLeaveOneOut(examples, 3, 3), await local.evaluateLeaveOneOut(examples, 3, 3));
  const shrunk = await engine.shrinkModel(model, examples);
  assert.deepEqual(shrunk, await local.shrinkModel(model, examples));
  assert.ok(model.weights.byteLength > 0, "shrinking copies the caller's model; it does not take it away");
  const pictures = images.map((ofClass, classIndex) => ({ image: ofClass[0], classIndex }));
  assert.deepEqual(await engine.shrinkBackbone('lab', pictures), await local.shrinkBackbone('lab', pictures));
  await rejectsWith(engine.evaluate('lab', [{ classIndex: 5, embedding: examples[0].embedding }]), 'train/invalid-classes');
  await engine.unloadModel('lab');
  await local.unloadModel('lab');
});

test('"What is it looking at?" and the picture map over the protocol: progress per batch, answers as in-process', async () => {
  const model = await engine.train(request());
  await engine.loadModel('look', model);
  await local.loadModel('look', model);
  const progress: HeatmapProgress[] = [];
  const heatmap = await engine.explainPicture('look', images[1][0], (p) => progress.push(p));
  assert.deepEqual(heatmap, await local.explainPicture('look', images[1][0]));
  assert.deepEqual(
    progress.map((p) => p.done),
    [0, 8, 16, 24, 32, 40, 48, 49],
  );
  assert.deepEqual(await engine.mapPictures(examples, 3), await local.mapPictures(examples, 3));
  await engine.unloadModel('look');
  await local.unloadModel('look');
  await rejectsWith(engine.explainPicture('look', images[1][0]), 'model/not-loaded');
});
