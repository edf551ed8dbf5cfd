import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classesInTraining, switchClass } from './class-switches';

const classes = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

test('a class switched off is left out of the next training, in the trainer order', () => {
  assert.deepEqual(classesInTraining(classes, ['b']), [{ id: 'a' }, { id: 'c' }]);
  assert.deepEqual(classesInTraining(classes), classes, 'no switches saved (older work): every class is on');
});

test('switching off and on again gives the ids switched off', () => {
  const off = switchClass(classes, [], 'b', false);
  assert.deepEqual(off, ['b']);
  assert.deepEqual(switchClass(classes, off!, 'b', true), []);
  assert.deepEqual(switchClass(classes, ['b'], 'b', false), ['b'], 'switching off twice changes nothing');
});

test('switching off is refused when fewer than two classes would stay on', () => {
  assert.equal(switchClass(classes, ['a'], 'b', false), null);
  assert.equal(switchClass(classes.slice(0, 2), [], 'a', false), null);
  assert.deepEqual(switchClass(classes, ['a'], 'a', true), [], 'switching on is always allowed');
});

test('ids of deleted classes are dropped', () => {
  assert.deepEqual(switchClass(classes, ['gone', 'c'], 'a', true), ['c']);
});
