// The KNN head kind without tfjs: its settings, its model file's description and stored tensors, and its export
// (knn-head.ts trains and loads it).
import * as v from 'valibot';
import { failed, invalid, isCount, isOver } from '../model-format/model-format-error';
import { MODEL_LIMITS } from '../model-format/model-limits';
import { limitedNumber } from '../schema';
import type { HeadKindSpec } from './head-kind';

/** KNN head: remembers the examples; `k` neighbours vote. */
export interface KnnSettings {
  readonly kind: 'knn';
  readonly k: number;
}

export interface KnnHeadDescription {
  readonly kind: 'knn';
  readonly k: number;
  readonly examplesPerClass: readonly number[];
}

declare module '../types' {
  interface HeadKinds {
    knn: { settings: KnnSettings; description: KnnHeadDescription; labels: 'knnK' };
  }
}

export const KNN_EXAMPLES_WEIGHT = 'knn/examples';

export const KNN_K_LIMIT = { min: 1, max: 100, integer: true } as const;

function readDescription(value: Readonly<Record<string, unknown>>, classCount: number): KnnHeadDescription {
  if (!isCount(value.k, KNN_K_LIMIT.min, KNN_K_LIMIT.max))
    throw invalid(`head.k must be a whole number from ${KNN_K_LIMIT.min} to ${KNN_K_LIMIT.max}`);
  const counts = value.examplesPerClass;
  if (!Array.isArray(counts) || counts.length !== classCount)
    throw invalid(`head.examplesPerClass must have one count per class (${classCount})`, 'classes-mismatch');
  if (!counts.every((count) => isCount(count, 0, MODEL_LIMITS.knnExamples))) {
    throw failed(
      'head.examplesPerClass holds a count that is not a whole number in range',
      counts.some((count) => isOver(count, MODEL_LIMITS.knnExamples)),
    );
  }
  const total = counts.reduce((sum: number, count: number) => sum + count, 0);
  if (total < 1 || total > MODEL_LIMITS.knnExamples) {
    throw failed(`head.examplesPerClass totals ${total}; must be 1 to ${MODEL_LIMITS.knnExamples}`, total > MODEL_LIMITS.knnExamples);
  }
  return { kind: 'knn', k: value.k, examplesPerClass: counts as number[] };
}

/**
 * Teachable Machine's library has no KNN: one softmax layer over the cosine similarity to each class's average
 * (unit-length) example. It agrees with KNN on typical pictures, not always.
 */
function portableLayers({ examplesPerClass }: KnnHeadDescription, [examples]: readonly Float32Array[]) {
  const classes = examplesPerClass.length;
  const features = examples.length / examplesPerClass.reduce((sum, count) => sum + count, 0);
  const kernel = new Float32Array(features * classes);
  let row = 0;
  examplesPerClass.forEach((count, classIndex) => {
    const mean = new Float64Array(features);
    for (let r = row; r < row + count; r++) {
      for (let j = 0; j < features; j++) mean[j] += examples[r * features + j];
    }
    row += count;
    const length = Math.hypot(...mean) || 1;
    for (let j = 0; j < features; j++) kernel[j * classes + classIndex] = mean[j] / length;
  });
  return [
    {
      layer: { type: 'dense', units: classes, activation: 'softmax' } as const,
      weights: [
        { part: 'kernel', shape: [features, classes], values: kernel },
        { part: 'bias', shape: [classes], values: new Float32Array(classes) },
      ],
    },
  ];
}

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
  readDescription,
  // Every example, class after class, unit length.
  weightSpecs: (head, features) => [
    { name: KNN_EXAMPLES_WEIGHT, shape: [head.examplesPerClass.reduce((sum, count) => sum + count, 0), features], dtype: 'float32' },
  ],
  portableLayers,
  exportNote: 'model.json answers by the nearest class average; image-model.bin holds the exact KNN model',
};
