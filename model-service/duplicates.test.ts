import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMBEDDING_SIZE } from '../engine';
import { isDuplicate, withoutDuplicates } from './duplicates';

/** A made-up embedding: the same seed gives the same numbers. */
function embedding(seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length: EMBEDDING_SIZE }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state / 2 ** 31) * 4;
  });
}

const picture = (id: string, values: Float32Array) => ({ id, embedding: values });

test('the same embedding, or one off by float rounding, is the same picture; a different one is not', () => {
  const one = embedding(1);
  const rounded = one.map((value, i) => value * (1 + (i % 2 ? 3e-7 : -3e-7)));
  assert.equal(isDuplicate(picture('a', new Float32Array(one)), [picture('b', one)]), true);
  assert.equal(isDuplicate(picture('a', rounded), [picture('b', one)]), true);
  assert.equal(isDuplicate(picture('a', embedding(2)), [picture('b', one)]), false);
  // Close, but a real change (one feature moved by 1%): a different picture.
  const changed = new Float32Array(one);
  changed[7] += one.reduce((sum, value) => sum + value * value, 0) ** 0.5 * 0.01;
  assert.equal(isDuplicate(picture('a', changed), [picture('b', one)]), false);
  assert.equal(isDuplicate(picture('a', one), []), false);
});

test('a batch loses what its class has already and its own repeats, keeping its order', () => {
  const inClass = [picture('old', embedding(1))];
  const batch = [
    picture('new1', embedding(2)),
    picture('again', embedding(1)),
    picture('new2', embedding(3)),
    picture('twice', embedding(2)),
  ];
  const { kept, skipped } = withoutDuplicates(batch, inClass);
  assert.deepEqual(
    kept.map((kept) => kept.id),
    ['new1', 'new2'],
  );
  assert.equal(skipped, 2);
});
