import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeOtherClass } from './neighbours';

/** A direction in 3-D with a little of `wobble` on the other axes, as a picture of a class would be. */
const near = (axis: number, wobble: number) => Float32Array.from([0, 1, 2].map((i) => (i === axis ? 1 : wobble * (i + 1))));

test('a picture among another class looks like that class; the others look like their own', () => {
  const embeddings = [near(0, 0.01), near(0, 0.02), near(0, 0.03), near(1, 0.01), near(1, 0.02), near(1, 0.03), near(1, 0.04)];
  // The last picture lies among the second class but is labelled with the first.
  const classes = [0, 0, 0, 1, 1, 1, 0];
  assert.deepEqual(looksLikeOtherClass(embeddings, classes, 3), [null, null, null, null, null, null, 1]);
});

test('moving it to the class it looks like clears the mark', () => {
  const embeddings = [near(0, 0.01), near(0, 0.02), near(0, 0.03), near(1, 0.01), near(1, 0.02), near(1, 0.03), near(1, 0.04)];
  assert.deepEqual(looksLikeOtherClass(embeddings, [0, 0, 0, 1, 1, 1, 1], 3), new Array(7).fill(null));
});

test('no mark without a clear majority, and length does not matter (cosine similarity)', () => {
  const embeddings = [near(0, 0), near(1, 0), near(2, 0).map((v) => v * 50)];
  // Each picture's two neighbours belong to two different classes: no majority.
  assert.deepEqual(looksLikeOtherClass(embeddings, [0, 1, 2], 2), [null, null, null]);
  const scaled = [near(0, 0.01).map((v) => v * 100), near(0, 0.02), near(0, 0.03)];
  assert.deepEqual(looksLikeOtherClass(scaled, [1, 0, 0], 2), [0, null, null]);
});

test('one picture alone has nobody to look like', () => {
  assert.deepEqual(looksLikeOtherClass([near(0, 0)], [0]), [null]);
});
