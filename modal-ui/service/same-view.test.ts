import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameView } from './same-view';

test('plain objects and arrays are the same when their members are', () => {
  assert.equal(sameView({ name: 'cat', pictures: [{ id: 'a' }] }, { name: 'cat', pictures: [{ id: 'a' }] }), true);
  assert.equal(sameView([1, 2], [1, 2]), true);
  assert.equal(sameView(null, null), true);
  assert.equal(sameView(Number.NaN, Number.NaN), true);
});

test('a changed, missing or extra member makes them differ', () => {
  assert.equal(sameView({ name: 'cat' }, { name: 'dog' }), false);
  assert.equal(sameView({ name: 'cat' }, { name: 'cat', small: true }), false);
  assert.equal(sameView({ small: undefined }, { other: undefined }), false);
  assert.equal(sameView([1, 2], [1, 2, 3]), false);
  assert.equal(sameView([1], { 0: 1 }), false);
  assert.equal(sameView(null, {}), false);
});

test('other objects (a picture Blob) are the same only when they are the same object', () => {
  const blob = new Blob(['x']);
  assert.equal(sameView({ jpeg: blob }, { jpeg: blob }), true);
  assert.equal(sameView({ jpeg: blob }, { jpeg: new Blob(['x']) }), false);
  assert.equal(sameView(new Map(), new Map()), false);
});
