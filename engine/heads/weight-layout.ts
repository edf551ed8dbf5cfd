// Which tensors a head stores, derived from its description alone. The trainer writes exactly these and the
// model-file reader demands exactly these, so a file cannot smuggle in a shape its head does not use.
// Plain data (no tfjs): the model-file reader runs on the main thread too.
import { headLayers } from './head-stack';
import { DEFAULT_HIDDEN_LAYERS } from '../training-settings';
import { EMBEDDING_SIZE, type HeadDescription, type HeadLayerSpec, type WeightSpec } from '../types';

export const KNN_EXAMPLES_WEIGHT = 'knn/examples';

/** The dense head we train by default: Teachable Machine's recipe, one hidden layer of 100 then one answer per class. */
export function denseLayersFor(classCount: number): HeadLayerSpec[] {
  return headLayers(DEFAULT_HIDDEN_LAYERS, classCount);
}

/** Per layer, in layer order; within a layer in tfjs's own order (`layer.getWeights()`). */
export function expectedWeightSpecs(head: HeadDescription): WeightSpec[] {
  if (head.kind === 'knn') {
    const total = head.examplesPerClass.reduce((sum, count) => sum + count, 0);
    return [{ name: KNN_EXAMPLES_WEIGHT, shape: [total, EMBEDDING_SIZE], dtype: 'float32' }];
  }
  return layerWeightSpecs(head.layers).flat();
}

/** The tensors of each layer (none for dropout), so a head can set its weights layer by layer. */
export function layerWeightSpecs(layers: readonly HeadLayerSpec[]): WeightSpec[][] {
  let features = EMBEDDING_SIZE;
  return layers.map((layer, i): WeightSpec[] => {
    if (layer.type === 'dropout') return [];
    if (layer.type === 'batchNorm') {
      return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((part) => ({
        name: `batch_normalization_${i}/${part}`, shape: [features], dtype: 'float32',
      }));
    }
    const specs: WeightSpec[] = [
      { name: `dense_${i}/kernel`, shape: [features, layer.units], dtype: 'float32' },
      { name: `dense_${i}/bias`, shape: [layer.units], dtype: 'float32' },
    ];
    features = layer.units;
    return specs;
  });
}
