import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explanationOf, placeOfCell } from './explanation';

const CLASSES = [
  { id: 'cat', name: 'cat' },
  { id: 'dog', name: 'dog' },
];

test('a 7 × 7 map names its corners, edges and middle', () => {
  assert.equal(placeOfCell(0, 7), 'topLeft');
  assert.equal(placeOfCell(6, 7), 'topRight');
  assert.equal(placeOfCell(24, 7), 'middle');
  assert.equal(placeOfCell(27, 7), 'right');
  assert.equal(placeOfCell(45, 7), 'bottom');
  assert.equal(placeOfCell(48, 7), 'bottomRight');
});

test('heat is each drop as a share of the largest; cells that made the answer surer are cold', () => {
  const drops = [0.1, -0.2, 0.4, 0, 0.2, 0, 0, 0, 0.05];
  const explanation = explanationOf({ classIndex: 1, confidence: 0.9, grid: 3, drops }, CLASSES);
  assert.equal(explanation.classId, 'dog');
  assert.deepEqual(explanation.heat, [0.25, 0, 1, 0, 0.5, 0, 0, 0, 0.125]);
  assert.equal(explanation.place, 'topRight');
});

test('when covering nothing lowered the answer, no place is named and nothing is hot', () => {
  const explanation = explanationOf({ classIndex: 0, confidence: 1, grid: 2, drops: [0, -0.1, -0.3, 0] }, CLASSES);
  assert.equal(explanation.place, null);
  assert.deepEqual(explanation.heat, [0, 0, 0, 0]);
});
