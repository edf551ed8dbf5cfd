import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TRAINING_SETTINGS, type TrainingSettings } from '../engine';
import { trainReadiness } from './readiness';
import { applySettingChanges, MAX_SAVED_STACK_LAYERS } from './settings';

const base = DEFAULT_TRAINING_SETTINGS;
const withStack = (hiddenLayers: unknown) => applySettingChanges(base, { hiddenLayers } as Partial<TrainingSettings>).hiddenLayers;

test('the block stack is kept as the child built it, problems included, so the head editor can explain them', () => {
  const stack = [{ type: 'dense', units: 0, activation: 'softmax' }, { type: 'dropout', rate: 1 }, { type: 'batchNorm' }];
  assert.deepEqual(withStack(stack), stack);
  assert.deepEqual(withStack([]), []);
  // Extra properties of a hand-edited file are dropped.
  assert.deepEqual(withStack([{ type: 'batchNorm', momentum: 5 }]), [{ type: 'batchNorm' }]);
});

test('a stack that is not blocks with numbers keeps the saved one', () => {
  for (const bad of [
    'dense', [null], [{ type: 'conv2d' }], [{ type: 'dense', units: '10', activation: 'relu' }], [{ type: 'dense', units: Number.NaN, activation: 'relu' }],
    [{ type: 'dropout' }], [{ type: 'dense', units: 10 }], new Array(MAX_SAVED_STACK_LAYERS + 1).fill({ type: 'batchNorm' }),
  ]) {
    assert.deepEqual(withStack(bad), base.hiddenLayers, JSON.stringify(bad).slice(0, 60));
  }
});

test('Train waits for a neural network whose blocks cannot train, after pictures and classes; KNN ignores the blocks', () => {
  const classes = [{ name: 'a', pictureCount: 5 }, { name: 'b', pictureCount: 5 }];
  const broken: TrainingSettings = { ...base, hiddenLayers: [{ type: 'dense', units: 0, activation: 'relu' }] };
  assert.deepEqual(trainReadiness(classes, broken), { ready: false, need: 'head', problems: [{ code: 'units-too-few', layerIndex: 0 }] });
  assert.deepEqual(trainReadiness(classes, { ...broken, method: 'knn' }), { ready: true });
  assert.deepEqual(trainReadiness(classes, base), { ready: true });
  const short = trainReadiness([{ name: 'a', pictureCount: 1 }, classes[1]], broken);
  assert.equal(!short.ready && short.need, 'pictures');
});
