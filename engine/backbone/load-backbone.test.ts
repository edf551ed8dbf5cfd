import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../backend';
import { BASE_MODEL } from '../base-model';
import type { BaseModelSource } from '../engine-api';
import { isEngineError, type EngineErrorCode } from '../errors';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { useMemoryModelStorage } from '../test-support/memory-model-storage';
import { BACKBONE_FOLDER, decodeJpeg, sharedModelsDir, signDigitPhotos } from '../test-support/shared-data';
import { EMBEDDING_SIZE, type RgbaImage } from '../types';
import { Backbone } from './backbone';
import { loadBackbone } from './load-backbone';

const TAMPERED_PATH = '/tampered/model.json';
let server: ModelServer;
let photos: RgbaImage[];

before(async () => {
  assert.ok(await startBackend('wasm'), 'the WASM backend starts in Node');
  const weights = readFileSync(path.join(sharedModelsDir(), BACKBONE_FOLDER, 'weights.bin'));
  const tampered = new Uint8Array(weights);
  tampered[1000] ^= 1; // one bit: still loads as a model, but is not the backbone we trust
  server = await startModelServer({
    [TAMPERED_PATH]: readFileSync(path.join(sharedModelsDir(), BACKBONE_FOLDER, 'model.json')),
    '/tampered/weights.bin': tampered,
    '/garbage/model.json': new TextEncoder().encode('{"modelTopology": 42'),
  });
  photos = [signDigitPhotos(0)[0], signDigitPhotos(3)[0]].map(decodeJpeg);
});

after(() => server.close());

async function embedWith(sources: BaseModelSource[], cacheUrl?: string) {
  const loaded = await loadBackbone(sources, cacheUrl);
  const backbone = Backbone.fromModel(loaded.model);
  try {
    return { source: loaded.source.kind, hash: loaded.weightsSha256, fused: backbone.fused, embeddings: await backbone.embed(photos) };
  } finally {
    backbone.dispose();
  }
}

async function rejectsWith(promise: Promise<unknown>, code: EngineErrorCode, detail?: RegExp) {
  await assert.rejects(promise, (error) => {
    assert.ok(isEngineError(error), `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (detail) assert.match(error.message, detail);
    return true;
  });
}

let reference: Float32Array[];

test('our backbone layout loads over HTTP and gives one 1280-number embedding per picture', async () => {
  const result = await embedWith([{ kind: 'backbone', url: server.backboneUrl }]);
  assert.equal(result.source, 'backbone');
  assert.equal(result.hash, BASE_MODEL.weightsSha256);
  assert.ok(result.fused, 'runs as the fast fused graph');
  assert.equal(result.embeddings.length, 2);
  for (const embedding of result.embeddings) {
    assert.ok(embedding instanceof Float32Array);
    assert.equal(embedding.length, EMBEDDING_SIZE);
    assert.ok(embedding.every(Number.isFinite));
    assert.ok(embedding.some((value) => value !== 0));
  }
  assert.notDeepEqual(result.embeddings[0], result.embeddings[1], 'different pictures, different embeddings');
  reference = result.embeddings;
});

test('embedding is deterministic: the same picture gives the same numbers again', async () => {
  const again = await embedWith([{ kind: 'backbone', url: server.backboneUrl }]);
  assert.deepEqual(again.embeddings, reference);
});

test("Teachable Machine's no-top layout, truncated at out_relu and pooled, equals our backbone exactly", async () => {
  const result = await embedWith([{ kind: 'no-top', url: server.noTopUrl }]);
  assert.equal(result.source, 'no-top');
  assert.ok(result.fused);
  assert.ok(server.requests.some((p) => p.startsWith('/teachable-machine-models/') && p.endsWith('weights.bin')));
  result.embeddings.forEach((embedding, i) => {
    const maxDifference = embedding.reduce((max, value, j) => Math.max(max, Math.abs(value - reference[i][j])), 0);
    assert.equal(maxDifference, 0);
  });
});

test('weights that differ from the expected sha256 by one bit are refused', async () => {
  await rejectsWith(
    loadBackbone([{ kind: 'backbone', url: server.origin + TAMPERED_PATH }]),
    'base-model/hash-mismatch',
    /expected e159deb3/,
  );
});

test('sources that do not answer give base-model/unreachable naming each source', async () => {
  const missing = `${server.origin}/models/nothing-here/model.json`;
  const closedPort = 'http://127.0.0.1:9/model.json';
  await rejectsWith(
    loadBackbone([
      { kind: 'backbone', url: missing },
      { kind: 'no-top', url: closedPort },
    ]),
    'base-model/unreachable',
    /nothing-here.*HTTP 404.*127\.0\.0\.1:9/,
  );
  await rejectsWith(loadBackbone([]), 'base-model/unreachable');
});

test('a source answering with a broken model.json gives base-model/invalid', async () => {
  await rejectsWith(loadBackbone([{ kind: 'backbone', url: `${server.origin}/garbage/model.json` }]), 'base-model/invalid');
});

test('sources are tried in order: a failing first source falls through to the next', async () => {
  const result = await embedWith([
    { kind: 'backbone', url: `${server.origin}/models/nothing-here/model.json` },
    { kind: 'no-top', url: server.noTopUrl },
  ]);
  assert.equal(result.source, 'no-top');
  assert.deepEqual(result.embeddings, reference);
});

test('a network load is cached; the cache then loads offline, and a tampered cache is passed over', async () => {
  const storage = useMemoryModelStorage();
  const cacheUrl = 'memory://image-model-base';
  const cache: BaseModelSource = { kind: 'cache', url: cacheUrl };
  await rejectsWith(loadBackbone([cache]), 'base-model/unreachable', /nothing stored/);

  await embedWith([{ kind: 'no-top', url: server.noTopUrl }], cacheUrl);
  assert.ok(storage.has(cacheUrl), 'saved after the network load');
  const offline = await embedWith([cache, { kind: 'backbone', url: 'http://127.0.0.1:9/model.json' }]);
  assert.equal(offline.source, 'cache');
  assert.deepEqual(offline.embeddings, reference);

  const saved = storage.get(cacheUrl)!;
  const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(saved.weightData!).slice(0));
  bytes[0] ^= 1;
  storage.set(cacheUrl, { ...saved, weightData: bytes.buffer });
  const repaired = await embedWith([cache, { kind: 'backbone', url: server.backboneUrl }], cacheUrl);
  assert.equal(repaired.source, 'backbone');
  const reloaded = await embedWith([cache]);
  assert.equal(reloaded.source, 'cache', 'the network load rewrote the tampered cache');
});

test('a cache that cannot be written does not stop loading', async () => {
  const result = await embedWith([{ kind: 'backbone', url: server.backboneUrl }], 'nowhere://base');
  assert.equal(result.source, 'backbone');
});

test('loading and embedding leave no tensors behind', async () => {
  const before = tf.memory().numTensors;
  await embedWith([{ kind: 'no-top', url: server.noTopUrl }]);
  assert.equal(tf.memory().numTensors, before);
});
