// The map of all pictures on the real backbone and the shared photos: each class lies together, on either layout,
// and a photo put in the wrong class is marked as looking like its real one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine';
import type { EngineApi } from '../engine-api';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import type { LabelledEmbedding } from '../types';
import { UMAP_FROM, type PictureMap } from './picture-map';

const DIGITS = [0, 3, 4];
let server: ModelServer;
let engine: EngineApi;
let byClass: LabelledEmbedding[][];

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  byClass = [];
  for (const [classIndex, digit] of DIGITS.entries()) {
    const embeddings = await engine.embed(signDigitPhotos(digit).slice(0, 12).map(decodeJpeg));
    byClass.push(embeddings.map((embedding) => ({ classIndex, embedding })));
  }
});

after(() => server.close());

/** Mean distance on the map between pictures of the same class, and between pictures of different classes. */
function spread(map: PictureMap, classes: readonly number[]): { within: number; between: number } {
  const sums = { within: [0, 0], between: [0, 0] };
  map.points.forEach((a, i) =>
    map.points.forEach((b, j) => {
      if (j <= i) return;
      const sum = classes[i] === classes[j] ? sums.within : sums.between;
      sum[0] += Math.hypot(a[0] - b[0], a[1] - b[1]);
      sum[1] += 1;
    }),
  );
  return { within: sums.within[0] / sums.within[1], between: sums.between[0] / sums.between[1] };
}

for (const perClass of [5, 12]) {
  test(`${perClass * DIGITS.length} pictures: each class lies together, inside the unit square`, async () => {
    const examples = byClass.flatMap((ofClass) => ofClass.slice(0, perClass));
    const map = await engine.mapPictures(examples, DIGITS.length);
    assert.equal(map.method, examples.length >= UMAP_FROM ? 'umap' : 'pca');
    assert.equal(map.points.length, examples.length);
    assert.ok(map.points.flat().every((value) => value >= 0 && value <= 1));
    const { within, between } = spread(
      map,
      examples.map((example) => example.classIndex),
    );
    assert.ok(within * 1.5 < between, `within ${within.toFixed(3)}, between ${between.toFixed(3)}`);
  });
}

test('a photo of a three put among the zeros looks like a three; put back, it does not; the map stays', async () => {
  const [zeros, threes] = byClass;
  const wrong = { ...threes[11], classIndex: 0 };
  const examples = [...zeros.slice(0, 8), wrong, ...threes.slice(0, 8)];
  const map = await engine.mapPictures(examples, 2);
  assert.deepEqual(
    map.looksLike.flatMap((looksLike, i) => (looksLike === null ? [] : [[i, looksLike]])),
    [[8, 1]],
  );
  const moved = await engine.mapPictures(
    examples.map((example, i) => (i === 8 ? { ...example, classIndex: 1 } : example)),
    2,
  );
  assert.deepEqual(moved.looksLike, new Array(examples.length).fill(null));
  assert.deepEqual(moved.points, map.points, 'labels colour the map; they do not move it');
});

test('pictures that are not embeddings are refused', async () => {
  await assert.rejects(engine.mapPictures([{ classIndex: 0, embedding: new Float32Array(3) }], 1), { code: 'embedding/invalid' });
  await assert.rejects(engine.mapPictures([{ classIndex: 2, embedding: byClass[0][0].embedding }], 2), { code: 'train/invalid-classes' });
});
