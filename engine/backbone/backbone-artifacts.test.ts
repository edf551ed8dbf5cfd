// The backbone artifacts loadBackbone hands over (for exporting a whole model) are usable whatever the source:
// our layout, Teachable Machine's no-top layout, or the cache written by either. Each holds exactly the trusted
// weights and rebuilds, with tfjs alone, into a model that embeds as the loaded backbone does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../backend';
import { BASE_MODEL } from '../base-model';
import type { BaseModelSource } from '../engine-api';
import type { BackboneArtifacts } from '../interchange/export-model';
import { imagesToTensor } from '../preprocess';
import { useMemoryModelStorage } from '../test-support/memory-model-storage';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import { EMBEDDING_SIZE, type RgbaImage } from '../types';
import { loadBackbone } from './load-backbone';
import { sha256Hex } from './sha256';

let server: ModelServer;
let photos: RgbaImage[];

before(async () => {
  assert.ok(await startBackend('wasm'));
  useMemoryModelStorage();
  server = await startModelServer();
  photos = [signDigitPhotos(1)[0], signDigitPhotos(4)[0]].map(decodeJpeg);
});

after(() => server.close());

async function embedWith(model: tf.LayersModel): Promise<number[][]> {
  const output = tf.tidy(() => model.predict(imagesToTensor(photos)) as tf.Tensor2D);
  const rows = await output.array();
  output.dispose();
  return rows;
}

/** Loads from `sources`; checks the artifacts against the loaded model; returns the source kind that answered. */
async function checkArtifacts(sources: BaseModelSource[], cacheUrl?: string): Promise<BaseModelSource['kind']> {
  const loaded = await loadBackbone(sources, cacheUrl);
  try {
    const artifacts: BackboneArtifacts = loaded.artifacts;
    assert.equal(await sha256Hex(artifacts.weightData), BASE_MODEL.weightsSha256);
    const rebuilt = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
        weightSpecs: [...artifacts.weightSpecs] as tf.io.WeightsManifestEntry[],
        weightData: artifacts.weightData,
      }),
    );
    try {
      assert.deepEqual(rebuilt.outputs[0].shape, [null, EMBEDDING_SIZE]);
      const [expected, actual] = [await embedWith(loaded.model), await embedWith(rebuilt)];
      expected.forEach((row, i) => row.forEach((value, j) => assert.ok(Math.abs(value - actual[i][j]) < 1e-5, `photo ${i} number ${j}`)));
    } finally {
      rebuilt.dispose();
    }
    return loaded.source.kind;
  } finally {
    loaded.model.dispose();
  }
}

test('every source hands over artifacts with the trusted weights that rebuild into the same backbone', async () => {
  const offline: BaseModelSource = { kind: 'backbone', url: 'http://127.0.0.1:9/model.json' };
  for (const network of [
    { kind: 'backbone', url: server.backboneUrl },
    { kind: 'no-top', url: server.noTopUrl },
  ] as const) {
    const cacheUrl = `memory://artifacts-after-${network.kind}`;
    assert.equal(await checkArtifacts([network], cacheUrl), network.kind);
    assert.equal(await checkArtifacts([{ kind: 'cache', url: cacheUrl }, offline]), 'cache', `the cache written after ${network.kind}`);
  }
});
