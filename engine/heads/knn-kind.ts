// The KNN head kind without tfjs: its settings and its stored tensors (knn-head.ts trains and loads it).
import * as v from 'valibot';
import { limitedNumber } from '../schema';
import { EMBEDDING_SIZE } from '../types';
import type { HeadKindSpec } from './head-kind';

export const KNN_EXAMPLES_WEIGHT = 'knn/examples';

export const KNN_K_LIMIT = { min: 1, max: 100, integer: true } as const;

/**
 * 5 voting neighbours: on the shared sign-digit photos (every 3-class choice, 10 random training pictures per
 * class, 10 splits) k = 5 recognised 94.9% of the other pictures against 93.9% for k = 3, and its worst split was
 * 79% against 72%; k = 7 was no better.
 */
export const KNN_KIND: HeadKindSpec<'knn'> = {
  kind: 'knn',
  defaults: { kind: 'knn', k: 5 },
  schema: v.object({ kind: v.literal('knn'), k: limitedNumber(KNN_K_LIMIT) }),
  numbers: [{ field: 'k', label: 'knnK', limit: KNN_K_LIMIT, step: 1 }],
  totalEpochs: () => 1,
  // Every example, class after class, unit length.
  weightSpecs: (head) => [
    { name: KNN_EXAMPLES_WEIGHT, shape: [head.examplesPerClass.reduce((sum, count) => sum + count, 0), EMBEDDING_SIZE], dtype: 'float32' },
  ],
};
