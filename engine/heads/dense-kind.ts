// The dense head kind without tfjs: its settings, its model file's description and stored tensors, and its export
// (dense-head.ts trains and loads it).
import * as v from 'valibot';
import { failed, invalid, isCount, isOver } from '../model-format/model-format-error';
import { MODEL_LIMITS } from '../model-format/model-limits';
import { describeIssue, limitedNumber, savedStackSchema } from '../schema';
import { EMBEDDING_SIZE, type HeadLayerSpec, type WeightSpec } from '../types';
import { headLayers, stackProblems } from './head-stack';
import type { HeadKindSpec } from './head-kind';

/** Dense head: a small neural network trained with Adam. */
export interface DenseSettings {
  readonly kind: 'dense';
  /** Passes over the training pictures. */
  readonly epochs: number;
  /** Pictures per weight update. */
  readonly batchSize: number;
  /** Step size of the optimiser (Adam). */
  readonly learningRate: number;
  /**
   * The blocks between MobileNet's features and the answer layer, as the child stacked them (absent:
   * DEFAULT_HIDDEN_LAYERS, one dense layer of 100 relu units). Checked with engine/heads/head-stack.ts.
   */
  readonly hiddenLayers?: readonly HeadLayerSpec[];
}

/** The stack, then the answer layer (one softmax unit per class). */
export interface DenseHeadDescription {
  readonly kind: 'dense';
  readonly layers: readonly HeadLayerSpec[];
}

declare module '../types' {
  interface HeadKinds {
    dense: { settings: DenseSettings; description: DenseHeadDescription; labels: 'epochs' | 'batchSize' | 'learningRate' };
  }
}

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

/**
 * The tensors of each layer (none for dropout), in tfjs's own order within a layer (`layer.getWeights()`), for
 * `inputs` numbers in (the feature source's size).
 */
export function layerWeightSpecs(layers: readonly HeadLayerSpec[], inputs = EMBEDDING_SIZE): WeightSpec[][] {
  let features = inputs;
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

/** Layer-stack problems that are about size, not shape. */
const SIZE_PROBLEMS: readonly string[] = ['units-too-many', 'too-many-layers', 'too-many-parameters'];

/**
 * The layers by the saved stack's schema, then by the rules of training (e.g. the parameter limit), so a hand-made
 * file cannot load a head we would never train; the settings' stack must be the one the head was built from.
 */
function readDescription(value: Readonly<Record<string, unknown>>, classCount: number, settings: DenseSettings): DenseHeadDescription {
  const layers = value.layers;
  if (!Array.isArray(layers) || layers.length < 1 || layers.length > MODEL_LIMITS.denseLayers) {
    throw failed(
      `head.layers must list 1 to ${MODEL_LIMITS.denseLayers} layers`,
      Array.isArray(layers) && layers.length > MODEL_LIMITS.denseLayers,
    );
  }
  const parsed = v.safeParse(savedStackSchema, layers);
  if (!parsed.success) throw invalid(`head.layers.${describeIssue(parsed.issues[0])}`);
  const read = parsed.output;
  // A declared size first: a layer too large to build is refused as such.
  for (const [i, layer] of read.entries()) {
    if (layer.type === 'dense' && !isCount(layer.units, 1, MODEL_LIMITS.denseUnits))
      throw failed(`head.layers[${i}].units must be 1 to ${MODEL_LIMITS.denseUnits}`, isOver(layer.units, MODEL_LIMITS.denseUnits));
  }
  const last = read[read.length - 1];
  if (last.type !== 'dense' || last.activation !== 'softmax') throw invalid('head.layers must end with a softmax dense layer');
  if (last.units !== classCount) throw invalid(`head answers ${last.units} classes but the model lists ${classCount}`, 'classes-mismatch');
  const problems = stackProblems(read.slice(0, -1), classCount);
  if (problems.length > 0) {
    throw failed(
      `head.layers: ${problems.map(({ code, layerIndex }) => `${code} at layer ${layerIndex}`).join('; ')}`,
      problems.some(({ code }) => SIZE_PROBLEMS.includes(code)),
    );
  }
  if (settings.hiddenLayers && JSON.stringify(settings.hiddenLayers) !== JSON.stringify(read.slice(0, -1)))
    throw invalid('settings.hiddenLayers differ from the layers of the head');
  return { kind: 'dense', layers: read };
}

/** Exactly the trained head: our tensor names end in the tfjs weight's own name (kernel, bias, gamma, ...). */
function portableLayers({ layers }: DenseHeadDescription, tensors: readonly Float32Array[]) {
  let tensor = 0;
  return layerWeightSpecs(layers).map((specs, index) => ({
    layer: layers[index],
    weights: specs.map((spec) => ({ part: spec.name.split('/').pop() ?? spec.name, shape: spec.shape, values: tensors[tensor++] })),
  }));
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
    // Only the blocks' shape here: what is wrong with each block is 'train/invalid-head' (engine/heads/head-stack.ts).
    hiddenLayers: v.optional(savedStackSchema),
  }),
  numbers: [
    { field: 'epochs', label: 'epochs', limit: LIMITS.epochs, step: 1 },
    { field: 'batchSize', label: 'batchSize', limit: LIMITS.batchSize, step: 1 },
    { field: 'learningRate', label: 'learningRate', limit: LIMITS.learningRate, step: 0.0001 },
  ],
  totalEpochs: (settings) => settings.epochs,
  readDescription,
  // Per layer, in layer order.
  weightSpecs: (head, features) => layerWeightSpecs(head.layers, features).flat(),
  portableLayers,
};
