import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LayerSummary } from '../../model-service';
import { groupLayers, groupOf, shortNumber } from './under-the-hood-groups';

const layer = (group: LayerSummary['group'], block?: number): LayerSummary => ({
  name: 'x',
  kind: 'conv',
  group,
  ...(block !== undefined && { block }),
  outputShape: [1],
  parameters: 0,
  folded: [],
  activation: 'linear',
});

test('consecutive steps of one stage form one group; each block is its own group', () => {
  const groups = groupLayers([
    layer('input'),
    layer('stem'),
    layer('stem'),
    layer('block', 0),
    layer('block', 1),
    layer('block', 1),
    layer('pooling'),
    layer('head'),
    layer('head'),
  ]);
  assert.deepEqual(
    groups.map((group) => [group.key, group.first, group.last]),
    [
      ['input', 0, 0],
      ['stem', 1, 2],
      ['block-0', 3, 3],
      ['block-1', 4, 5],
      ['pooling', 6, 6],
      ['head', 7, 8],
    ],
  );
  assert.equal(groups[3].block, 1);
  assert.equal(groupOf(groups, 5)?.key, 'block-1');
  assert.equal(groupOf(groups, 9), undefined);
});

test('axis numbers are short', () => {
  assert.deepEqual([0, 6, 0.123456, -2.71828, 12345.6, 0.00001234].map(shortNumber), ['0', '6', '0.123', '-2.72', '12346', '1.2e-5']);
});
