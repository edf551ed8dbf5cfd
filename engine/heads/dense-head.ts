// A small neural network on the embeddings (dense layers ending in softmax), trained with Adam on
// categorical cross-entropy by our own loop (dense-training-loop.ts) rather than model.fit: shuffling is seeded (a
// run can be repeated), Stop is heard between steps and epochs, and it is several times faster on WASM.
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../errors';
import { headLayers } from './head-stack';
import type { HeadDescription, HeadLayerSpec, WeightSpec } from '../types';
import { buildHeadModel } from './build-head-model';
import { hiddenLayersOf, layerWeightSpecs } from './dense-kind';
import { throwIfCancelled, trainEpochs } from './dense-training-loop';
import { type Head, type HeadRuntime, type HeadTraining, type TrainedHead } from './head';
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

export async function trainDenseHead(options: HeadTraining<'dense'>): Promise<TrainedHead> {
  throwIfCancelled(options.signal);
  const layers = headLayers(hiddenLayersOf(options.settings), options.classCount);
  const head = DenseHead.untrained(layers, options.seed, options.training[0].embedding.length);
  try {
    const { history, stoppedEarly } = await trainEpochs({ ...options, network: head.network, layers });
    return { head, history, ...(stoppedEarly && { stoppedEarly }) };
  } catch (error) {
    head.dispose();
    throw error;
  }
}

export const DENSE_RUNTIME: HeadRuntime<'dense'> = {
  train: trainDenseHead,
  load: (head, tensors, features) => DenseHead.fromWeights(head.layers, tensors, features),
};
