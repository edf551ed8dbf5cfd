import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findByClassName, normalizeClassName } from './class-names';

const classes = [
  { id: 'a', name: 'Thumbs Up' },
  { id: 'b', name: 'thumbs up' },
  { id: 'c', name: '3' },
  { id: 'd', name: '고양이' },
];

test('an exact name wins over a look-alike', () => {
  assert.equal(findByClassName(classes, 'thumbs up')?.id, 'b');
  assert.equal(findByClassName(classes, 'Thumbs Up')?.id, 'a');
});

test('names typed by hand match whatever their case and spaces', () => {
  assert.equal(findByClassName(classes, '  THUMBS   up ')?.id, 'a');
  assert.equal(findByClassName([{ id: 'x', name: 'Paper' }], 'paper ')?.id, 'x');
  assert.equal(findByClassName(classes, ' 고양이 ')?.id, 'd');
});

test('a number block dropped into the menu matches a class named with digits', () => {
  assert.equal(findByClassName(classes, 3)?.id, 'c');
});

test('empty, missing and unknown values match nothing', () => {
  assert.equal(findByClassName(classes, ''), undefined);
  assert.equal(findByClassName(classes, '   '), undefined);
  assert.equal(findByClassName(classes, undefined), undefined);
  assert.equal(findByClassName(classes, 'dog'), undefined);
  assert.equal(findByClassName([], 'dog'), undefined);
});

test('normalising composes Korean typed as separate jamo', () => {
  assert.equal(normalizeClassName('\u1100\u1161'), normalizeClassName('가'));
});
