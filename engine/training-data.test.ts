import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom, shuffled, splitExamples } from './training-data';
import type { LabelledEmbedding } from './types';

const examples = (counts: number[]): LabelledEmbedding[] =>
  counts.flatMap((count, classIndex) =>
    Array.from({ length: count }, (_, i) => ({
      classIndex,
      embedding: new Float32Array(1280),
      pictureId: `${classIndex}-${i}`,
    })),
  );

test('the seeded random source repeats for a seed, differs between seeds and stays in [0, 1)', () => {
  const a = Array.from({ length: 1000 }, seededRandom(7));
  assert.deepEqual(Array.from({ length: 1000 }, seededRandom(7)), a);
  assert.notDeepEqual(Array.from({ length: 1000 }, seededRandom(8)), a);
  assert.ok(a.every((x) => x >= 0 && x < 1));
  const mean = a.reduce((s, x) => s + x) / a.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

test('shuffling is a seeded permutation that leaves its input alone', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const once = shuffled(items, seededRandom(1));
  assert.deepEqual(
    [...once].sort((x, y) => x - y),
    items,
  );
  assert.notDeepEqual(once, items);
  assert.deepEqual(shuffled(items, seededRandom(1)), once);
  assert.deepEqual(
    items,
    Array.from({ length: 50 }, (_, i) => i),
  );
});

test('validation split is stratified: round(count x rate) of each class, never its last training example', () => {
  const all = examples([10, 20, 1, 2]);
  const { training, validation } = splitExamples(all, 4, 0.15, seededRandom(3));
  const count = (list: LabelledEmbedding[], c: number) => list.filter((e) => e.classIndex === c).length;
  assert.deepEqual(
    [0, 1, 2, 3].map((c) => count(validation, c)),
    [2, 3, 0, 0],
  );
  assert.deepEqual(
    [0, 1, 2, 3].map((c) => count(training, c)),
    [8, 17, 1, 2],
  );
  const ids = [...training, ...validation].map((e) => e.pictureId).sort();
  assert.deepEqual(ids, all.map((e) => e.pictureId).sort(), 'every example lands on exactly one side');
  const half = splitExamples(examples([2, 2]), 2, 0.5, seededRandom(3));
  assert.deepEqual([half.training.length, half.validation.length], [2, 2], 'a class of 2 at 50% keeps one of each');
});

test('the split depends only on the seed; rate 0 holds nothing out', () => {
  const all = examples([10, 10]);
  const ids = (seed: number) => splitExamples(all, 2, 0.3, seededRandom(seed)).validation.map((e) => e.pictureId);
  assert.deepEqual(ids(11), ids(11));
  assert.notDeepEqual(ids(11), ids(12));
  const none = splitExamples(all, 2, 0, seededRandom(11));
  assert.equal(none.validation.length, 0);
  assert.equal(none.training.length, 20);
});
