import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEngineError } from '../errors';
import type { EpochMetrics } from '../types';
import { earlyStop, type EarlyStop, type EarlyStopRule } from './early-stopping';

const epochs = (accs: number[], valAccs?: number[]): EpochMetrics[] =>
  accs.map((acc, i) => ({ epoch: i + 1, loss: 1 - acc, acc, ...(valAccs && { valAcc: valAccs[i] }), ms: 10 }));

/** Plays a training run: asks after every epoch, as the training loop does, and returns where it stopped. */
function run(history: EpochMetrics[], rule: EarlyStopRule): EarlyStop | undefined {
  for (let n = 1; n <= history.length; n++) {
    const stop = earlyStop(history.slice(0, n), rule);
    if (stop) return stop;
  }
  return undefined;
}

test('stops after the first epoch whose validation accuracy reaches the target, even when training accuracy got there first', () => {
  const history = epochs([0.5, 0.92, 0.95, 0.97, 0.99], [0.4, 0.7, 0.85, 0.9, 0.93]);
  assert.deepEqual(run(history, { targetAccuracy: 0.9 }), { epoch: 4, watched: 'valAcc', accuracy: 0.9 });
});

test('without held-out pictures it watches training accuracy', () => {
  const history = epochs([0.3, 0.6, 0.8, 0.91, 0.95]);
  assert.deepEqual(run(history, { targetAccuracy: 0.9 }), { epoch: 4, watched: 'acc', accuracy: 0.91 });
});

test('never reaching the target trains every epoch', () => {
  assert.equal(run(epochs([0.5, 0.6, 0.7], [0.5, 0.6, 0.89]), { targetAccuracy: 0.9 }), undefined);
});

test('27 of 30 right counts as reaching 90% although the batch-averaged float32 accuracy is a hair below 0.9', () => {
  // Batches of 16 (14 right) and 14 (13 right), averaged the way the training loop does it.
  const acc = (Math.fround(14 / 16) * 16 + Math.fround(13 / 14) * 14) / 30;
  assert.ok(acc < 0.9);
  assert.equal(earlyStop(epochs([26 / 30]), { targetAccuracy: 0.9 }), undefined);
  assert.equal(earlyStop(epochs([acc]), { targetAccuracy: 0.9 })?.epoch, 1);
});

test('patience: with 3 epochs in a row, a lucky single epoch does not stop training', () => {
  const history = epochs([0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95], [0.5, 1, 0.75, 0.75, 1, 1, 1]);
  assert.equal(run(history, { targetAccuracy: 0.9 })?.epoch, 2);
  assert.deepEqual(run(history, { targetAccuracy: 0.9, epochsInARow: 3 }), { epoch: 7, watched: 'valAcc', accuracy: 1 });
});

test('a target of 0, above 100% or a patience that is not a whole number is refused', () => {
  const refused = (rule: EarlyStopRule) =>
    assert.throws(
      () => earlyStop(epochs([0.5]), rule),
      (error) => isEngineError(error) && error.code === 'train/invalid-settings',
    );
  refused({ targetAccuracy: 0 });
  refused({ targetAccuracy: 1.5 });
  refused({ targetAccuracy: Number.NaN });
  refused({ targetAccuracy: 0.9, epochsInARow: 0 });
  refused({ targetAccuracy: 0.9, epochsInARow: 1.5 });
});
