// "Under the hood": the whole model as the engine really runs it, step by step. The backbone is shown as its fused
// graph (backbone/fused-graph.ts), because that is what computes every answer: each convolution already holds its
// batch normalisation and ReLU6. Then the trained head, layer by layer. For one picture, a step's output comes back
// reduced to a few small greyscale maps and a histogram, so no full activation ever crosses to the main thread.
import * as tf from '@tensorflow/tfjs';
import type { FusedGraph, FusedStep } from '../backbone/fused-graph';
import { DenseHead } from '../heads/dense-head';
import type { Head } from '../heads/head';
import { layerWeightSpecs } from '../heads/dense-kind';
import { expectedWeightSpecs } from '../heads/kinds';
import { imageToTensor } from '../preprocess';
import { EMBEDDING_SIZE, type DenseLayerSpec, type HeadDescription, type HeadKind, type RgbaImage } from '../types';

/** Feature maps shown per step: enough to see different filters at work, small enough to stay a thumbnail strip. */
export const MAX_FEATURE_MAPS = 16;
/** Larger maps (the picture itself) are scaled down to this many pixels on their longer side. */
export const MAX_FEATURE_MAP_SIZE = 112;
export const HISTOGRAM_BINS = 20;

/** A head that is not a stack of layers (KNN) is one step named by its kind. */
export type LayerKind = 'input' | 'pad' | 'conv' | 'depthwise' | 'add' | 'pool' | 'dense' | 'dropout' | 'batchNorm' | HeadKind;
/** Where a step belongs in MobileNetV2 (its first convolution, its 17 bottleneck blocks, its last convolution), or the head. */
export type LayerGroup = 'input' | 'stem' | 'block' | 'top' | 'pooling' | 'head';

export interface LayerSummary {
  /** The name of the step's main layer in the original model (e.g. 'block_3_expand'), or of the head's layer. */
  readonly name: string;
  readonly kind: LayerKind;
  readonly group: LayerGroup;
  /** 0..16 when `group` is 'block'. */
  readonly block?: number;
  /** Per picture: [height, width, channels] for maps, [length] for a list of numbers. */
  readonly outputShape: readonly number[];
  /** Numbers the step really uses (folded kernel and bias for a backbone convolution). */
  readonly parameters: number;
  /** The original layers folded into this step (its batch normalisation, its ReLU6). */
  readonly folded: readonly string[];
  readonly activation: FusedStep['activation'] | DenseLayerSpec['activation'];
}

export interface ModelLayers {
  readonly layers: readonly LayerSummary[];
  /** How many layers the original (unfused) model and head have, for "N layers run as M steps". */
  readonly originalLayerCount: number;
}

export interface Histogram {
  readonly min: number;
  readonly max: number;
  /** HISTOGRAM_BINS equal-width bins from min to max; they add up to the number of values. */
  readonly counts: readonly number[];
}

export interface FeatureMaps {
  /** Maps in `pixels` (the first channels of the step's output). */
  readonly shown: number;
  /** Channels the step makes in all. */
  readonly total: number;
  readonly width: number;
  readonly height: number;
  /** `shown` maps of height × width greyscale pixels, map after map, row by row; each map stretched to 0..255 on its own. */
  readonly pixels: Uint8Array;
}

export interface LayerLook {
  readonly layerIndex: number;
  /** Only for steps whose output is a stack of maps. */
  readonly featureMaps?: FeatureMaps;
  /** Every number the step outputs for the picture. */
  readonly activations: Histogram;
  /** Absent for steps without weights (padding, adding, pooling, dropout). */
  readonly weights?: Histogram;
  /** The answer step only (the head's last layer): its numbers themselves, one confidence per class. */
  readonly answer?: readonly number[];
}

type Source = { readonly from: 'backbone'; readonly step: number } | { readonly from: 'head'; readonly layer: number };
interface Entry {
  readonly summary: LayerSummary;
  readonly source: Source;
}

const KINDS: Readonly<Record<string, LayerKind>> = {
  InputLayer: 'input',
  ZeroPadding2D: 'pad',
  Conv2D: 'conv',
  DepthwiseConv2D: 'depthwise',
  Add: 'add',
  GlobalAveragePooling2D: 'pool',
};

const sizeOf = (shape: readonly number[]) => shape.reduce((product, d) => product * d, 1);

/** MobileNetV2's own layer names say where a layer belongs: Conv1…, expanded_conv_… (block 0), block_N_…, Conv_1/out_relu. */
function placeInBackbone(kind: LayerKind, name: string): Pick<LayerSummary, 'group' | 'block'> {
  if (kind === 'input') return { group: 'input' };
  if (kind === 'pool') return { group: 'pooling' };
  if (name.startsWith('expanded_conv')) return { group: 'block', block: 0 };
  const block = /^block_(\d+)_/.exec(name);
  if (block) return { group: 'block', block: Number(block[1]) };
  return { group: name.startsWith('Conv1') ? 'stem' : 'top' };
}

function backboneEntries(graph: FusedGraph): Entry[] {
  return graph.steps.flatMap((step, index): Entry[] => {
    const kind = KINDS[step.kind];
    // The nested model's own node only hands its last output on: plumbing, not a step.
    if (!kind) return [];
    const [name, ...folded] = step.layers;
    return [
      {
        source: { from: 'backbone', step: index },
        summary: {
          name,
          kind,
          ...placeInBackbone(kind, name),
          outputShape: step.outputShape,
          folded,
          parameters: step.weights.reduce((sum, weight) => sum + weight.size, 0),
          activation: step.activation,
        },
      },
    ];
  });
}

function headEntries(head: HeadDescription, classCount: number): Entry[] {
  if (head.kind !== 'dense') {
    // One step, whose parameters are the numbers it stores (a KNN head: every remembered example).
    return [
      {
        source: { from: 'head', layer: 0 },
        summary: {
          name: head.kind,
          kind: head.kind,
          group: 'head',
          outputShape: [classCount],
          parameters: expectedWeightSpecs(head).reduce((sum, spec) => sum + sizeOf(spec.shape), 0),
          folded: [],
          activation: 'linear',
        },
      },
    ];
  }
  const specs = layerWeightSpecs(head.layers);
  let width = EMBEDDING_SIZE;
  return head.layers.map((layer, i) => {
    if (layer.type === 'dense') width = layer.units;
    const name = layer.type === 'dense' ? `dense_${i}` : layer.type === 'dropout' ? `dropout_${i}` : `batch_normalization_${i}`;
    return {
      source: { from: 'head', layer: i },
      summary: {
        name,
        kind: layer.type,
        group: 'head',
        outputShape: [width],
        folded: [],
        parameters: specs[i].reduce((sum, spec) => sum + sizeOf(spec.shape), 0),
        activation: layer.type === 'dense' ? layer.activation : 'linear',
      },
    };
  });
}

function entries(graph: FusedGraph, head: HeadDescription, classCount: number): Entry[] {
  return [...backboneEntries(graph), ...headEntries(head, classCount)];
}

/** Every step of the backbone and the head, in running order. */
export function describeLayers(graph: FusedGraph, head: HeadDescription, classCount: number): ModelLayers {
  const layers = entries(graph, head, classCount).map((entry) => entry.summary);
  return { layers, originalLayerCount: layers.reduce((sum, layer) => sum + 1 + layer.folded.length, 0) };
}

/** Equal-width bins from the smallest to the largest value (all in the first bin when every value is the same). */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0) return { min: 0, max: 0, counts };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) counts[width === 0 ? 0 : Math.min(bins - 1, Math.floor((values[i] - min) / width))]++;
  return { min, max, counts };
}

/** The first channels of a [1, h, w, c] output as small greyscale maps; undefined for a list of numbers. */
async function featureMapsOf(output: tf.Tensor): Promise<FeatureMaps | undefined> {
  if (output.rank !== 4) return undefined;
  const [, height, width, total] = output.shape as [number, number, number, number];
  const shown = Math.min(total, MAX_FEATURE_MAPS);
  const scale = Math.min(1, MAX_FEATURE_MAP_SIZE / Math.max(height, width));
  const size: [number, number] = [Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale))];
  const grey = tf.tidy(() => {
    const first = tf.slice(output as tf.Tensor4D, [0, 0, 0, 0], [1, height, width, shown]);
    const small = scale < 1 ? tf.image.resizeBilinear(first, size) : first;
    const maps = tf.transpose(tf.squeeze(small, [0]), [2, 0, 1]);
    const low = tf.min(maps, [1, 2], true);
    const range = tf.sub(tf.max(maps, [1, 2], true), low);
    // A map that is the same everywhere (often all zero after ReLU6) stays black instead of dividing by zero.
    return tf.round(tf.mul(tf.div(tf.sub(maps, low), tf.maximum(range, 1e-12)), 255));
  });
  try {
    return { shown, total, height: size[0], width: size[1], pixels: Uint8Array.from(await grey.data()) };
  } finally {
    grey.dispose();
  }
}

/** One histogram over several tensors' numbers (a kernel and its bias); undefined when there are none. */
function histogramOfParts(parts: readonly Float32Array[]): Histogram | undefined {
  if (parts.length === 0) return undefined;
  const values = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (values.set(part, offset), offset + part.length), 0);
  return histogram(values);
}

const histogramOf = async (tensors: readonly tf.Tensor[]) =>
  histogramOfParts(await Promise.all(tensors.map((tensor) => tensor.data<'float32'>())));

/** The head layer's output for one embedding, and its stored weights. */
async function lookInsideHead(head: Head, layer: number, embedding: tf.Tensor2D): Promise<{ output: tf.Tensor; weights: Float32Array[] }> {
  const description = head.describe();
  const { values } = await head.weights();
  if (description.kind !== 'dense') {
    const [confidences] = await head.predict(embedding);
    return { output: tf.tensor1d(confidences), weights: values };
  }
  const perLayer = layerWeightSpecs(description.layers).map((specs) => specs.length);
  const first = perLayer.slice(0, layer).reduce((sum, count) => sum + count, 0);
  // A copy of the head built from its stored weights lets each layer run on its own (dropout does nothing outside training).
  const copy = DenseHead.fromWeights(description.layers, values, embedding.shape[1]);
  try {
    const output = tf.tidy(() =>
      copy.network.layers.slice(0, layer + 1).reduce<tf.Tensor>((x, next) => next.apply(x) as tf.Tensor, embedding),
    );
    return { output, weights: values.slice(first, first + perLayer[layer]) };
  } finally {
    copy.dispose();
  }
}

/** What step `layerIndex` (of describeLayers) makes of `image`: some feature maps and histograms of its numbers. */
export async function lookAtLayer(
  graph: FusedGraph,
  head: Head,
  classCount: number,
  image: RgbaImage,
  layerIndex: number,
): Promise<LayerLook> {
  const all = entries(graph, head.describe(), classCount);
  const entry = all[layerIndex];
  if (!entry) throw new RangeError(`no layer ${layerIndex}`);
  const { source } = entry;
  const input = imageToTensor(image);
  const made: tf.Tensor[] = [input];
  try {
    if (source.from === 'backbone') {
      const output = graph.outputOf(input, source.step);
      made.push(output);
      const [featureMaps, activations, weights] = await Promise.all([
        featureMapsOf(output),
        output.data<'float32'>(),
        histogramOf(graph.steps[source.step].weights),
      ]);
      return { layerIndex, ...(featureMaps && { featureMaps }), activations: histogram(activations), ...(weights && { weights }) };
    }
    const embedding = graph.predict(input);
    made.push(embedding);
    const { output, weights } = await lookInsideHead(head, source.layer, embedding);
    made.push(output);
    const values = await output.data<'float32'>();
    const weightHistogram = histogramOfParts(weights);
    return {
      layerIndex,
      activations: histogram(values),
      ...(weightHistogram && { weights: weightHistogram }),
      ...(layerIndex === all.length - 1 && { answer: Array.from(values) }),
    };
  } finally {
    tf.dispose(made);
  }
}
