import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HIDDEN_LAYERS } from '../engine/heads/dense-kind';
import { headSettingsOf } from '../engine/heads/kinds';
import { DEFAULT_TRAINING_SETTINGS } from '../engine/training-settings';
import type { HeadLayerSpec, TrainingSettings } from '../engine/types';
import { trainReadiness } from './readiness';
import { MAX_SAVED_STACK_LAYERS } from '../engine';
import { applySettingChanges, restoreSettings } from './settings';

const base = DEFAULT_TRAINING_SETTINGS;
const stackOf = (settings: TrainingSettings) => headSettingsOf(settings, 'dense').hiddenLayers;
const withStack = (hiddenLayers: unknown) =>
  stackOf(applySettingChanges(base, { head: { hiddenLayers: hiddenLayers as HeadLayerSpec[] } }));

test('the block stack is kept as the child built it, problems included, so the head editor can explain them', () => {
  const stack = [{ type: 'dense', units: 0, activation: 'softmax' }, { type: 'dropout', rate: 1 }, { type: 'batchNorm' }];
  assert.deepEqual(withStack(stack), stack);
  assert.deepEqual(withStack([]), []);
  // Extra properties of a hand-edited file are dropped.
  assert.deepEqual(withStack([{ type: 'batchNorm', momentum: 5 }]), [{ type: 'batchNorm' }]);
});

test('a stack that is not blocks with numbers keeps the saved one', () => {
  for (const bad of [
    'dense',
    [null],
    [{ type: 'conv2d' }],
    [{ type: 'dense', units: '10', activation: 'relu' }],
    [{ type: 'dense', units: Number.NaN, activation: 'relu' }],
    [{ type: 'dropout' }],
    [{ type: 'dense', units: 10 }],
    new Array(MAX_SAVED_STACK_LAYERS + 1).fill({ type: 'batchNorm' }),
  ]) {
    assert.deepEqual(withStack(bad), stackOf(base), JSON.stringify(bad).slice(0, 60));
  }
});

test('switching the head kind and back keeps the values the child set for each kind', () => {
  const dense = applySettingChanges(base, { head: { epochs: 12, learningRate: 0.01 } });
  const knn = applySettingChanges(applySettingChanges(dense, { kind: 'knn' }), { head: { k: 9 } });
  assert.deepEqual(knn.head, { kind: 'knn', k: 9 });
  const back = applySettingChanges(knn, { kind: 'dense' });
  assert.deepEqual(back.head, { kind: 'dense', epochs: 12, batchSize: 16, learningRate: 0.01, hiddenLayers: DEFAULT_HIDDEN_LAYERS });
  assert.deepEqual(applySettingChanges(back, { kind: 'knn' }).head, { kind: 'knn', k: 9 });
  // The block editor changes the dense stack while KNN is chosen, without choosing the neural network.
  const stacked = applySettingChanges(knn, { head: { kind: 'dense', hiddenLayers: [] } });
  assert.equal(stacked.head.kind, 'knn');
  assert.deepEqual(stackOf(stacked), []);
  // Values out of range are refused.
  assert.deepEqual(applySettingChanges(knn, { head: { k: 0 }, validationRate: 0.9 }), knn);
});

test('settings saved as one flat bag by an earlier version restore with the values of both kinds', () => {
  const flat = { method: 'knn', epochs: 30, batchSize: 8, learningRate: 0.01, validationRate: 0.2, knnK: 7, stopAtAccuracy: 0.9 };
  const restored = restoreSettings(base, flat);
  assert.deepEqual(restored, {
    validationRate: 0.2,
    stopAtAccuracy: 0.9,
    head: { kind: 'knn', k: 7 },
    otherHeads: [{ kind: 'dense', epochs: 30, batchSize: 8, learningRate: 0.01, hiddenLayers: DEFAULT_HIDDEN_LAYERS }],
  });
  assert.deepEqual(restoreSettings(base, restored), restored, "today's settings restore as they are");
  // A value this version refuses (or a kind it does not know) takes the default.
  assert.deepEqual(
    restoreSettings(base, { ...flat, method: 'svm', knnK: 1000 }),
    applySettingChanges(base, { head: { epochs: 30, batchSize: 8, learningRate: 0.01 }, validationRate: 0.2, stopAtAccuracy: 0.9 }),
  );
  assert.deepEqual(restoreSettings(base, 'nonsense'), base);
});

test('Train waits for a neural network whose blocks cannot train, after pictures and classes; KNN ignores the blocks', () => {
  const classes = [
    { name: 'a', pictureCount: 5 },
    { name: 'b', pictureCount: 5 },
  ];
  const broken = applySettingChanges(base, { head: { hiddenLayers: [{ type: 'dense', units: 0, activation: 'relu' }] } });
  assert.deepEqual(trainReadiness(classes, broken), { ready: false, need: 'head', problems: [{ code: 'units-too-few', layerIndex: 0 }] });
  assert.deepEqual(trainReadiness(classes, applySettingChanges(broken, { kind: 'knn' })), { ready: true });
  assert.deepEqual(trainReadiness(classes, base), { ready: true });
  const short = trainReadiness([{ name: 'a', pictureCount: 1 }, classes[1]], broken);
  assert.equal(!short.ready && short.need, 'pictures');
});
