// Which tensors a head stores, derived from its description alone. The trainer writes exactly these and the
// model-file reader demands exactly these, so a file cannot smuggle in a shape its head does not use.
import { EMBEDDING_SIZE, type HeadDescription, type HeadLayerSpec, type WeightSpec } from '../types';

export const KNN_EXAMPLES_WEIGHT = 'knn/examples';

/** The dense head we train: Teachable Machine's recipe, one hidden layer of 100 then one answer per class. */
export function denseLayersFor(classCount: number): HeadLayerSpec[] {
  return [
    { type: 'dense', units: 100, activation: 'relu' },
    { type: 'dense', units: classCount, activation: 'softmax' },
  ];
}

export function expectedWeightSpecs(head: HeadDescription): WeightSpec[] {
  if (head.kind === 'knn') {
    const total = head.examplesPerClass.reduce((sum, count) => sum + count, 0);
    return [{ name: KNN_EXAMPLES_WEIGHT, shape: [total, EMBEDDING_SIZE], dtype: 'float32' }];
  }
  const specs: WeightSpec[] = [];
  let inputs = EMBEDDING_SIZE;
  head.layers.forEach((layer, i) => {
    if (layer.type !== 'dense') return;
    specs.push({ name: `dense_${i}/kernel`, shape: [inputs, layer.units], dtype: 'float32' });
    specs.push({ name: `dense_${i}/bias`, shape: [layer.units], dtype: 'float32' });
    inputs = layer.units;
  });
  return specs;
}
