import * as tf from '@tensorflow/tfjs';
import {
  type EarlyStop,
  type Embedding,
  type EpochMetrics,
  type HeadDescription,
  type HeadKind,
  type LabelledEmbedding,
  type WeightSpec,
} from '../types';
import type { HeadDescriptionOf, HeadSettingsOf } from './head-kind';

/** A trained classifier on top of a feature source's numbers (MobileNet embeddings or hand landmarks). */
export interface Head {
  /** One row of confidences per embedding (in the model's class order, each row sums to ~1). */
  predict(embeddings: tf.Tensor2D): Promise<number[][]>;
  describe(): HeadDescription;
  /** The weights the model file stores, in `weightSpecs` order. */
  weights(): Promise<{ specs: WeightSpec[]; values: Float32Array[] }>;
  dispose(): void;
}

/** A freshly trained head and how training went, epoch by epoch. */
export interface TrainedHead {
  readonly head: Head;
  readonly history: EpochMetrics[];
  /** Set when the target accuracy ended training before its last epoch. */
  readonly stoppedEarly?: EarlyStop;
}

/** What training a head of kind K is given. */
export interface HeadTraining<K extends HeadKind> {
  readonly training: readonly LabelledEmbedding[];
  readonly validation: readonly LabelledEmbedding[];
  readonly classCount: number;
  readonly settings: HeadSettingsOf<K>;
  /** The target accuracy that ends training early (heads that train in epochs). */
  readonly stopAtAccuracy?: number;
  /** Seeds the weight initialisation. */
  readonly seed: number;
  /** Orders the pictures in each epoch. */
  readonly random: () => number;
  /** After each epoch; `stoppedEarly` on the last one when `stopAtAccuracy` was reached. */
  readonly onEpoch?: (metrics: EpochMetrics, stoppedEarly?: EarlyStop) => void;
  readonly signal?: AbortSignal;
}

/** The tfjs half of a head kind (its plain-data half is a HeadKindSpec): train one, or load one from its stored tensors. */
export interface HeadRuntime<K extends HeadKind> {
  train(options: HeadTraining<K>): Promise<TrainedHead>;
  /** `tensors` are already checked against the kind's weight specs for `features` numbers per example. */
  load(head: HeadDescriptionOf<K>, tensors: readonly Float32Array[], features: number): Head;
}

/** Keras clips probabilities the same way before taking the log, so one wrong answer cannot make the loss infinite. */
export const PROBABILITY_EPSILON = 1e-7;

/** Mean categorical cross-entropy and accuracy of confidence rows against the true class indices. */
export function scoreConfidences(rows: readonly (readonly number[])[], labels: readonly number[]): { loss: number; acc: number } {
  let loss = 0;
  let correct = 0;
  rows.forEach((row, i) => {
    loss -= Math.log(Math.min(Math.max(row[labels[i]], PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON));
    if (topClass(row) === labels[i]) correct++;
  });
  return { loss: loss / rows.length, acc: correct / rows.length };
}

/** Index of the highest confidence (the first one on a tie). */
export function topClass(confidences: readonly number[]): number {
  return confidences.reduce((best, value, i) => (value > confidences[best] ? i : best), 0);
}

/** Embeddings of one size (checked by engine/training-data.ts) -> one [n, size] tensor (the caller disposes it). */
export function stackEmbeddings(embeddings: readonly Embedding[]): tf.Tensor2D {
  const size = embeddings[0]?.length ?? 0;
  const values = new Float32Array(embeddings.length * size);
  embeddings.forEach((embedding, row) => values.set(embedding, row * size));
  return tf.tensor2d(values, [embeddings.length, size]);
}
