import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EpochMetrics } from '../../engine';
import { chartLines, niceCeiling, type ChartBox } from './chart-geometry';

const box: ChartBox = { width: 120, height: 70, left: 10, right: 10, top: 10, bottom: 10 };
const epoch = (n: number, acc: number, loss: number, valAcc?: number): EpochMetrics => ({ epoch: n, acc, loss, valAcc, ms: 5 });

test('accuracy runs from the bottom (0%) to the top (100%) across the planned epochs', () => {
  const lines = chartLines([epoch(1, 0, 2, 0.5), epoch(3, 1, 0.5, 1)], 3, box);
  assert.equal(lines.accuracy, 'M10 60 L110 10');
  assert.equal(lines.validationAccuracy, 'M10 35 L110 10');
  // Loss 2 is the top of a 0..2 scale, 0.5 a quarter of it.
  assert.equal(lines.lossTop, 2);
  assert.equal(lines.loss, 'M10 10 L110 47.5');
});

test('an unfinished run draws only what is known, against the full epoch axis', () => {
  const lines = chartLines([epoch(1, 0.5, 1)], 5, box);
  assert.equal(lines.accuracy, 'M10 35');
  assert.deepEqual(
    lines.epochTicks.map((tick) => tick.epoch),
    [1, 2, 3, 4, 5],
  );
  assert.equal(lines.epochTicks[4].x, 110);
});

test('no validation line when nothing was held out; a single epoch sits in the middle', () => {
  const lines = chartLines([epoch(1, 0.8, 0.3)], 1, box);
  assert.equal(lines.validationAccuracy, '');
  assert.equal(lines.accuracy, 'M60 20');
});

test('the loss axis rounds up to a steady, readable number', () => {
  assert.equal(niceCeiling(0.37), 0.5);
  assert.equal(niceCeiling(1.3), 2);
  assert.equal(niceCeiling(3), 5);
  assert.equal(niceCeiling(7.2), 10);
  assert.equal(niceCeiling(0), 1);
});
