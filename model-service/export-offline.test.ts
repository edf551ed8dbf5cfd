// Exporting a model never depends on the server's /models/ folder: the engine hands over the backbone it loaded,
// whether it came from Teachable Machine's host (no-top layout) or from the browser's cache on a later, offline
// visit. Real engine, real weights, real photos; the exported model.json is loaded with tfjs as TM's library does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import { BASE_MODEL, type EngineApi, type RgbaImage } from '../engine';
import { createEngine } from '../engine/runtime';
import { imagesToTensor } from '../engine/preprocess';
import { useMemoryModelStorage } from '../engine/test-support/memory-model-storage';
import { startModelServer, type ModelServer } from '../engine/test-support/model-server';
import type { KeyValueBackend } from '../store/backend';
import { createMemoryBackend } from '../store/memory-backend';
import { createModelStore } from '../store/model-store';
import { createModelService, type ModelService } from './model-service';
import { photo, photos } from './test-support/real-engine';

const CACHE_URL = 'memory://export-offline-base';
const SETTINGS = {
  validationRate: 0,
  head: { kind: 'dense', epochs: 20, batchSize: 16, learningRate: 0.001 },
  otherHeads: [{ kind: 'knn', k: 3 }],
} as const;
/** Photos 30 and later are never trained on. */
const HELD_OUT = [0, 2].flatMap((digit) => [30, 35].map((index) => photo(digit, index).image));

let server: ModelServer;
/** The local folder's address: nothing answers there, as when the app serves no /models/. */
let missingLocalUrl: string;

before(async () => {
  useMemoryModelStorage();
  server = await startModelServer();
  missingLocalUrl = `${server.origin}/models/not-installed/model.json`;
});

after(() => server.close());

function serviceOn(engine: EngineApi, engineReady: Promise<unknown>, backend: KeyValueBackend): ModelService {
  return createModelService({ engine, engineReady, store: createModelStore(backend), defaultSettings: SETTINGS });
}

interface Exported {
  readonly modelJson: { modelTopology: unknown; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  readonly weights: Uint8Array;
}

async function unzip(bytes: Uint8Array): Promise<Exported> {
  const zip = await JSZip.loadAsync(bytes);
  const modelJson = JSON.parse(await zip.file('model.json')!.async('string'));
  return { modelJson, weights: await zip.file('weights.bin')!.async('uint8array') };
}

/** What Teachable Machine's library does with the export: tf.loadLayersModel, then predict on [-1, 1] pictures. */
async function predictWithExport({ modelJson, weights }: Exported, images: readonly RgbaImage[]): Promise<number[][]> {
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as tf.io.ModelJSON['modelTopology'],
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: weights.slice().buffer,
    }),
  );
  try {
    const output = tf.tidy(() => model.predict(imagesToTensor(images)) as tf.Tensor2D);
    const rows = await output.array();
    output.dispose();
    return rows;
  } finally {
    model.dispose();
  }
}

async function assertExportAnswersLikeTheService(service: ModelService): Promise<Exported> {
  const exported = await unzip((await service.exportModelFile()).bytes);
  const rows = await predictWithExport(exported, HELD_OUT);
  const ours = await Promise.all(HELD_OUT.map((image) => service.recognize(image)));
  assert.equal(rows.length, HELD_OUT.length);
  rows.forEach((row, i) =>
    row.forEach((value, c) => {
      assert.ok(
        Math.abs(value - ours[i].confidences[c].confidence) < 1e-3,
        `photo ${i} class ${c}: ${value} vs ${ours[i].confidences[c].confidence}`,
      );
    }),
  );
  assert.deepEqual(
    ours.map((result) => result.className),
    ['digit 0', 'digit 0', 'digit 2', 'digit 2'],
    'the model itself is right on held-out photos',
  );
  return exported;
}

test("with no local /models/ folder, a backbone from Teachable Machine's host (then from the cache, offline) still exports a working model", async () => {
  const backend = createMemoryBackend();

  // First visit: the local folder is missing, Google's copy (served by the test server under its path) answers.
  const online = createEngine();
  const onlineReady = online.init({
    sources: [
      { kind: 'cache', url: CACHE_URL },
      { kind: 'backbone', url: missingLocalUrl },
      { kind: 'no-top', url: server.noTopUrl },
    ],
    cacheUrl: CACHE_URL,
    backend: 'wasm',
  });
  assert.equal((await onlineReady).source, 'no-top');
  const first = serviceOn(online, onlineReady, backend);
  await first.whenLoaded();
  const ids = ['digit 0', 'digit 2'].map((name) => first.addClass(name));
  await first.addPictures(ids[0], photos(0, 0, 8));
  await first.addPictures(ids[1], photos(2, 0, 8));
  await first.train();
  assert.equal(first.getState().training.status, 'done');
  const requestsBefore = server.requests.length;
  const fromGoogle = await assertExportAnswersLikeTheService(first);
  assert.equal(server.requests.length, requestsBefore, 'the export asked the server for nothing');
  await first.whenSaved();

  // Later visit, offline: nothing answers but the browser's cache.
  const offline = createEngine();
  const offlineReady = offline.init({
    sources: [
      { kind: 'cache', url: CACHE_URL },
      { kind: 'backbone', url: missingLocalUrl },
      { kind: 'no-top', url: 'http://127.0.0.1:9/model.json' },
    ],
    backend: 'wasm',
  });
  assert.equal((await offlineReady).source, 'cache');
  const second = serviceOn(offline, offlineReady, backend);
  await second.whenLoaded();
  assert.ok(second.hasTrainedModel(), 'the trained model came back from the store');
  const fromCache = await assertExportAnswersLikeTheService(second);
  assert.deepEqual(fromCache.weights, fromGoogle.weights, 'the same weights.bin whichever way the backbone came');
  const backboneBytes = (await online.backboneArtifacts()).weightData;
  assert.equal(Buffer.from(await crypto.subtle.digest('SHA-256', backboneBytes)).toString('hex'), BASE_MODEL.weightsSha256);
});

test('before the engine has a backbone, there are no backbone artifacts to export with', async () => {
  await assert.rejects(createEngine().backboneArtifacts(), (error: Error & { code?: string }) => error.code === 'base-model/not-loaded');
});
