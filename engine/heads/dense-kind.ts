// The dense head kind without tfjs: its settings and its stored tensors (dense-head.ts trains and loads it).
import * as v from 'valibot';
import { headLayers } from './head-stack';
import { limitedNumber, savedStackSchema } from '../schema';
import { EMBEDDING_SIZE, type DenseSettings, type HeadLayerSpec, type WeightSpec } from '../types';
import type { HeadKindSpec } from './head-kind';

/** Teachable Machine's proven hidden layer: what a dense head has when the child built no stack of their own. */
export const DEFAULT_HIDDEN_LAYERS: readonly HeadLayerSpec[] = [{ type: 'dense', units: 100, activation: 'relu' }];

/** The dense head's hidden stack: the child's, or the default for settings saved before stacks existed. */
export function hiddenLayersOf(settings: DenseSettings): readonly HeadLayerSpec[] {
  return settings.hiddenLayers ?? DEFAULT_HIDDEN_LAYERS;
}

/** The dense head we train by default: Teachable Machine's recipe, one hidden layer of 100 then one answer per class. */
export function denseLayersFor(classCount: number): HeadLayerSpec[] {
  return headLayers(DEFAULT_HIDDEN_LAYERS, classCount);
}

/** The tensors of each layer (none for dropout), in tfjs's own order within a layer (`layer.getWeights()`). */
export function layerWeightSpecs(layers: readonly HeadLayerSpec[]): WeightSpec[][] {
  let features = EMBEDDING_SIZE;
  return layers.map((layer, i): WeightSpec[] => {
    if (layer.type === 'dropout') return [];
    if (layer.type === 'batchNorm') {
      return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((part) => ({
        name: `batch_normalization_${i}/${part}`,
        shape: [features],
        dtype: 'float32',
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

const LIMITS = {
  epochs: { min: 1, max: 1000, integer: true },
  batchSize: { min: 1, max: 1024, integer: true },
  learningRate: { min: 0.00001, max: 1, integer: false },
} as const;

/** Teachable Machine's proven recipe: 50 epochs, batch 16, Adam at 0.001. */
export const DENSE_KIND: HeadKindSpec<'dense'> = {
  kind: 'dense',
  defaults: { kind: 'dense', epochs: 50, batchSize: 16, learningRate: 0.001, hiddenLayers: DEFAULT_HIDDEN_LAYERS },
  schema: v.object({
    kind: v.literal('dense'),
    epochs: limitedNumber(LIMITS.epochs),
    batchSize: limitedNumber(LIMITS.batchSize),
    learningRate: limitedNumber(LIMITS.learningRate),
    // Only the blocks' shape here: what is wrong with each block is 'train/invalid-head' (engine/lab/head-stack.ts).
    hiddenLayers: v.optional(savedStackSchema),
  }),
  numbers: [
    { field: 'epochs', label: 'epochs', limit: LIMITS.epochs, step: 1 },
    { field: 'batchSize', label: 'batchSize', limit: LIMITS.batchSize, step: 1 },
    { field: 'learningRate', label: 'learningRate', limit: LIMITS.learningRate, step: 0.0001 },
  ],
  totalEpochs: (settings) => settings.epochs,
  // Per layer, in layer order.
  weightSpecs: (head) => layerWeightSpecs(head.layers).flat(),
};
