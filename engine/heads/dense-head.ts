// A small neural network on the embeddings (dense layers ending in softmax), trained with Adam on
// categorical cross-entropy. The loop is our own rather than model.fit so that shuffling is seeded (a run can be
// repeated), cancellation is checked between batches, and the worker can hear a "Stop" between epochs.
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../errors';
import { earlyStop } from '../lab/early-stopping';
import { headLayers } from './head-stack';
import type { EarlyStop, EpochMetrics, HeadDescription, HeadLayerSpec, WeightSpec } from '../types';
import { shuffled } from '../training-data';
import { buildHeadModel } from './build-head-model';
import { hiddenLayersOf, layerWeightSpecs } from './dense-kind';
import { scoreConfidences, stackEmbeddings, type Head, type HeadRuntime, type HeadTraining, type TrainedHead } from './head';
import { expectedWeightSpecs } from './kinds';

/** The hidden stack and class count of a full layer list (the answer layer, one unit per class, comes last). */
function splitLayers(layers: readonly HeadLayerSpec[]): { stack: HeadLayerSpec[]; classCount: number } {
  const answer = layers[layers.length - 1];
  if (answer?.type !== 'dense') throw new EngineError('internal', 'a dense head must end with its answer layer');
  return { stack: layers.slice(0, -1), classCount: answer.units };
}

export class DenseHead implements Head {
  private constructor(
    private readonly model: tf.Sequential,
    private readonly layers: readonly HeadLayerSpec[],
    private readonly features: number,
  ) {}

  /** An untrained head with seeded random weights, for `features` numbers in. */
  static untrained(layers: readonly HeadLayerSpec[], seed: number, features: number): DenseHead {
    const { stack, classCount } = splitLayers(layers);
    return new DenseHead(buildHeadModel(stack, classCount, seed, features), layers, features);
  }

  /** A trained head from stored weights (already validated against `expectedWeightSpecs`). */
  static fromWeights(layers: readonly HeadLayerSpec[], values: readonly Float32Array[], features: number): DenseHead {
    const { stack, classCount } = splitLayers(layers);
    const model = buildHeadModel(stack, classCount, undefined, features);
    // Layer by layer: the model's own getWeights() puts every layer's trainable tensors before any moving average.
    let next = 0;
    try {
      layerWeightSpecs(layers, features).forEach((specs, i) => {
        if (specs.length === 0) return;
        const tensors = specs.map((spec) => tf.tensor(values[next++], [...spec.shape], 'float32'));
        try {
          model.layers[i].setWeights(tensors);
        } finally {
          tf.dispose(tensors);
        }
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    return new DenseHead(model, layers, features);
  }

  /** For training only: the model itself. */
  get network(): tf.Sequential {
    return this.model;
  }

  async predict(embeddings: tf.Tensor2D): Promise<number[][]> {
    const output = tf.tidy(() => this.model.predict(embeddings) as tf.Tensor2D);
    try {
      return (await output.array()) as number[][];
    } finally {
      output.dispose();
    }
  }

  describe(): HeadDescription {
    return { kind: 'dense', layers: [...this.layers] };
  }

  async weights(): Promise<{ specs: WeightSpec[]; values: Float32Array[] }> {
    const tensors = this.model.layers.flatMap((layer) => layer.getWeights());
    const values = await Promise.all(tensors.map((weight) => weight.data() as Promise<Float32Array>));
    return { specs: expectedWeightSpecs(this.describe(), this.features), values };
  }

  dispose(): void {
    this.model.dispose();
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('train/cancelled', 'training was stopped');
}

/** Lets queued messages (a worker's "cancel") run: promise continuations alone never yield to them. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function trainDenseHead(options: HeadTraining<'dense'>): Promise<TrainedHead> {
  const { training, validation, classCount, settings, signal, stopAtAccuracy } = options;
  throwIfCancelled(signal);
  const head = DenseHead.untrained(headLayers(hiddenLayersOf(settings), classCount), options.seed, training[0].embedding.length);
  const stopRule = stopAtAccuracy === undefined ? undefined : { targetAccuracy: stopAtAccuracy };
  let stoppedEarly: EarlyStop | undefined;
  const optimizer = tf.train.adam(settings.learningRate);
  head.network.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = stackEmbeddings(training.map((e) => e.embedding));
  const ys = tf.tidy(() =>
    tf
      .oneHot(
        tf.tensor1d(
          training.map((e) => e.classIndex),
          'int32',
        ),
        classCount,
      )
      .toFloat(),
  );
  const validationX = validation.length > 0 ? stackEmbeddings(validation.map((e) => e.embedding)) : undefined;
  const validationLabels = validation.map((e) => e.classIndex);
  const history: EpochMetrics[] = [];
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const started = performance.now();
      const order = shuffled(
        training.map((_, i) => i),
        options.random,
      );
      let lossSum = 0;
      let accSum = 0;
      for (let start = 0; start < order.length; start += settings.batchSize) {
        throwIfCancelled(signal);
        const batch = order.slice(start, start + settings.batchSize);
        const indices = tf.tensor1d(batch, 'int32');
        const batchX = tf.gather(xs, indices);
        const batchY = tf.gather(ys, indices);
        try {
          const [loss, acc] = (await head.network.trainOnBatch(batchX, batchY)) as number[];
          lossSum += loss * batch.length;
          accSum += acc * batch.length;
        } finally {
          tf.dispose([indices, batchX, batchY]);
        }
      }
      const checked = validationX ? scoreConfidences(await head.predict(validationX), validationLabels) : undefined;
      const metrics: EpochMetrics = {
        epoch,
        loss: lossSum / training.length,
        acc: accSum / training.length,
        ...(checked && { valLoss: checked.loss, valAcc: checked.acc }),
        ms: performance.now() - started,
      };
      history.push(metrics);
      stoppedEarly = stopRule && epoch < settings.epochs ? earlyStop(history, stopRule) : undefined;
      options.onEpoch?.(metrics, stoppedEarly);
      if (stoppedEarly) break;
      await yieldToEventLoop();
    }
    throwIfCancelled(signal);
    return { head, history, ...(stoppedEarly && { stoppedEarly }) };
  } catch (error) {
    head.dispose();
    throw error;
  } finally {
    tf.dispose([xs, ys, ...(validationX ? [validationX] : [])]);
    optimizer.dispose();
  }
}

export const DENSE_RUNTIME: HeadRuntime<'dense'> = {
  train: trainDenseHead,
  load: (head, tensors, features) => DenseHead.fromWeights(head.layers, tensors, features),
};
