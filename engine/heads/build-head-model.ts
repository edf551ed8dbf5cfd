// The one builder of a dense head's tfjs network, for training (seeded) and for loading stored weights.
import * as tf from '@tensorflow/tfjs';
import { assertTrainableStack, headLayers, type StackLayerSpec } from './head-stack';
import { EMBEDDING_SIZE } from '../types';

/**
 * The uncompiled tfjs model for a stack: [n, inputs] numbers in (1280 for a Pictures model), [n, classCount]
 * confidences out. With a seed the starting weights (and dropout) are repeatable. Throws 'train/invalid-head' (with
 * every problem) for a stack that cannot be trained.
 */
export function buildHeadModel(
  stack: readonly StackLayerSpec[],
  classCount: number,
  seed?: number,
  inputs = EMBEDDING_SIZE,
): tf.Sequential {
  assertTrainableStack(stack, classCount, inputs);
  const model = tf.sequential();
  headLayers(stack, classCount).forEach((layer, i) => {
    const inputShape = i === 0 ? [inputs] : undefined;
    const layerSeed = seed === undefined ? undefined : seed + i;
    if (layer.type === 'dropout') model.add(tf.layers.dropout({ rate: layer.rate, inputShape, seed: layerSeed }));
    else if (layer.type === 'batchNorm') model.add(tf.layers.batchNormalization({ inputShape }));
    else {
      model.add(
        tf.layers.dense({
          units: layer.units,
          activation: layer.activation,
          inputShape,
          // Loaded heads overwrite their weights at once, so they skip random initialisation.
          kernelInitializer: seed === undefined ? 'zeros' : tf.initializers.glorotUniform({ seed: layerSeed }),
        }),
      );
    }
  });
  return model;
}
