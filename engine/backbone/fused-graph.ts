// The backbone as a plain list of fused kernels. The layers model runs every convolution, its batch
// normalisation and its ReLU6 as three kernels with two extra passes over memory; folding the normalisation into
// the convolution's weights at load time and running one fused convolution + bias + ReLU6 kernel gives the same
// embedding (within float rounding, ~1e-5) about 3x faster on WASM (21 -> 6 ms per picture in Node here).
// Only the layer kinds MobileNetV2 uses are understood; anything else returns undefined and the caller keeps
// the layers model, so an unexpected model is slower, never wrong. (Layer configs here are tfjs's camelCase
// getConfig(), not the snake_case of model.json.)
import * as tf from '@tensorflow/tfjs';

interface GraphNode {
  readonly name: string;
  readonly kind: string;
  readonly config: tf.serialization.ConfigDict;
  readonly inputs: readonly string[];
  /** Per picture (no batch dimension). */
  readonly shape: readonly number[];
  readonly layer?: tf.layers.Layer;
}

/** What a step computes, in plain data: enough for another runtime to run the same steps (`onnx/`). */
export type StepOperation =
  | { readonly op: 'pass' }
  | { readonly op: 'conv'; readonly depthwise: boolean; readonly strides: readonly [number, number]; readonly pad: 'same' | 'valid' }
  | { readonly op: 'pad'; readonly padding: readonly [readonly [number, number], readonly [number, number]] }
  | { readonly op: 'add' }
  | { readonly op: 'mean' };

/** The name under which a step reads the graph's input ([n, h, w, c]). */
export const GRAPH_INPUT = '';

/** One step of the fused graph as the Lab's "Under the hood" shows it. */
export interface FusedStep {
  /** The name later steps read this step's output by. */
  readonly output: string;
  /** The outputs it reads (`GRAPH_INPUT` for the graph's input). */
  readonly inputs: readonly string[];
  readonly operation: StepOperation;
  /** The node kind of the step's main layer ('InputLayer', 'Conv2D', 'DepthwiseConv2D', 'ZeroPadding2D', 'Add', 'GlobalAveragePooling2D', 'Identity'). */
  readonly kind: string;
  /** The original layers this step runs, main layer first (a convolution, its batch normalisation, its ReLU). */
  readonly layers: readonly string[];
  readonly activation: 'linear' | 'relu' | 'relu6';
  /** The weights the step really uses (folded kernel and bias); owned by the graph. */
  readonly weights: readonly tf.Tensor[];
  /** Per picture (no batch dimension). */
  readonly outputShape: readonly number[];
}

interface FusedOp extends FusedStep {
  /** `weights` are the step's own or, in a copy (withWeights), their replacements of the same shapes. */
  run(inputs: tf.Tensor[], weights: readonly tf.Tensor[]): tf.Tensor;
}

/** Thrown inside this module only: the model uses something the fused graph does not understand. */
class Unsupported extends Error {}

function isContainer(layer: tf.layers.Layer): layer is tf.LayersModel & tf.layers.Layer {
  return 'layers' in layer && Array.isArray((layer as { layers?: unknown }).layers);
}

/** The model's layers, nested models opened up, in an order where every input comes before its user. */
function flatten(model: tf.LayersModel, nodes: GraphNode[], inputAlias: string): string {
  for (const layer of model.layers) {
    const inputs = (layer.inboundNodes[0]?.inboundLayers ?? []).map((inbound) => inbound.name);
    const resolved = inputs.map((name) => (nodes.some((node) => node.name === name) ? name : inputAlias));
    const shape = perPicture(layer.outputShape);
    if (isContainer(layer)) {
      const output = flatten(layer, nodes, resolved[0] ?? inputAlias);
      nodes.push({ name: layer.name, kind: 'Identity', config: {}, inputs: [output], shape });
    } else if (layer.getClassName() === 'InputLayer') {
      nodes.push({ name: layer.name, kind: 'InputLayer', config: {}, inputs: [inputAlias], shape });
    } else {
      nodes.push({ name: layer.name, kind: layer.getClassName(), config: layer.getConfig(), inputs: resolved, shape, layer });
    }
  }
  if (model.outputs.length !== 1) throw new Unsupported('more than one output');
  return model.outputs[0].sourceLayer.name;
}

/** A layer's single output shape without its batch dimension. */
function perPicture(shape: tf.Shape | tf.Shape[]): number[] {
  const single = Array.isArray(shape[0]) ? (shape as tf.Shape[])[0] : (shape as tf.Shape);
  if (shape.length === 0 || single.slice(1).some((d) => d === null)) throw new Unsupported(`output shape ${JSON.stringify(shape)}`);
  return single.slice(1) as number[];
}

const numbers = (value: unknown): number[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number'))
    throw new Unsupported(`expected numbers, got ${JSON.stringify(value)}`);
  return value;
};

function checkConvConfig(node: GraphNode): { strides: [number, number]; pad: 'same' | 'valid' } {
  const { config } = node;
  const dilation = numbers(config.dilationRate ?? [1, 1]);
  if (config.dataFormat !== 'channelsLast' || dilation.some((d) => d !== 1) || config.activation !== 'linear') {
    throw new Unsupported(`${node.name}: only channels_last, undilated, linear convolutions`);
  }
  if (config.padding !== 'same' && config.padding !== 'valid') throw new Unsupported(`${node.name}: padding ${String(config.padding)}`);
  const [sy, sx] = numbers(config.strides);
  return { strides: [sy, sx], pad: config.padding };
}

/** conv (+ batch normalisation) (+ ReLU/ReLU6) -> one fused op with folded weights. */
function fuseConvolution(conv: GraphNode, batchNorm: GraphNode | undefined, relu: GraphNode | undefined, keep: tf.Tensor[]): FusedOp {
  const { strides, pad } = checkConvConfig(conv);
  const depthwise = conv.kind === 'DepthwiseConv2D';
  const [rawKernel, rawBias] = conv.layer!.getWeights();
  const { kernel, bias } = tf.tidy(() => {
    if (!batchNorm) return { kernel: rawKernel.clone(), bias: rawBias?.clone() };
    if (batchNorm.config.axis !== -1 && batchNorm.config.axis !== 3)
      throw new Unsupported(`${batchNorm.name}: axis ${String(batchNorm.config.axis)}`);
    if (batchNorm.config.center !== true || batchNorm.config.scale !== true)
      throw new Unsupported(`${batchNorm.name}: without centre or scale`);
    const [gamma, beta, mean, variance] = batchNorm.layer!.getWeights();
    const scale = tf.div(gamma, tf.sqrt(tf.add(variance, Number(batchNorm.config.epsilon))));
    // Depthwise kernels are [h, w, in, multiplier]; output channel c * multiplier + m scales by scale[that channel].
    const kernelScale = depthwise ? tf.reshape(scale, [1, 1, rawKernel.shape[2]!, rawKernel.shape[3]!]) : scale;
    const shift = rawBias ? tf.sub(rawBias, mean) : tf.neg(mean);
    return { kernel: tf.mul(rawKernel, kernelScale), bias: tf.add(beta, tf.mul(shift, scale)) };
  });
  keep.push(kernel, ...(bias ? [bias] : []));
  let activation: 'linear' | 'relu' | 'relu6' = 'linear';
  if (relu) {
    const max = relu.config.maxValue;
    if (max !== null && max !== undefined && max !== 6) throw new Unsupported(`${relu.name}: ReLU capped at ${String(max)}`);
    activation = max === 6 ? 'relu6' : 'relu';
  }
  const last = relu ?? batchNorm ?? conv;
  return {
    output: last.name,
    inputs: conv.inputs,
    kind: conv.kind,
    operation: { op: 'conv', depthwise, strides, pad },
    layers: [conv, batchNorm, relu].flatMap((node) => (node ? [node.name] : [])),
    activation,
    weights: bias ? [kernel, bias] : [kernel],
    outputShape: last.shape,
    run: ([x], [filter, withBias]) =>
      depthwise
        ? tf.fused.depthwiseConv2d({ x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides, pad, bias: withBias, activation })
        : tf.fused.conv2d({ x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides, pad, bias: withBias, activation }),
  };
}

function simpleOp(node: GraphNode): FusedOp {
  const { name: output, inputs, config } = node;
  const step = { output, inputs, kind: node.kind, layers: [output], activation: 'linear', weights: [], outputShape: node.shape } as const;
  switch (node.kind) {
    case 'InputLayer':
    case 'Identity':
      return { ...step, operation: { op: 'pass' }, run: ([x]) => x };
    case 'ZeroPadding2D': {
      const [[top, bottom], [left, right]] = config.padding as [[number, number], [number, number]];
      return {
        ...step,
        operation: {
          op: 'pad',
          padding: [
            [top, bottom],
            [left, right],
          ],
        },
        run: ([x]) =>
          tf.pad(x, [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ]),
      };
    }
    case 'Add':
      return { ...step, operation: { op: 'add' }, run: (xs) => tf.addN(xs) };
    case 'GlobalAveragePooling2D':
      if (config.dataFormat !== 'channelsLast') throw new Unsupported(`${output}: pooling layout`);
      return { ...step, operation: { op: 'mean' }, run: ([x]) => tf.mean(x, [1, 2]) };
    default:
      throw new Unsupported(`${output}: layer kind ${node.kind}`);
  }
}

export interface FusedGraph {
  /** In running order; every step's inputs come before it. */
  readonly steps: readonly FusedStep[];
  /** The step whose output is the embedding. */
  readonly output: string;
  predict(input: tf.Tensor4D): tf.Tensor2D;
  /** The output of `steps[index]` for `input` (the caller disposes it); runs only the steps up to it. */
  outputOf(input: tf.Tensor4D, index: number): tf.Tensor;
  /**
   * The same steps with other weights (one list per step, same shapes as `steps[i].weights`), e.g. an int8 copy.
   * The copy owns those tensors: its dispose() frees them, and this graph's weights are untouched.
   */
  withWeights(weights: readonly (readonly tf.Tensor[])[]): FusedGraph;
  dispose(): void;
}

function assemble(ops: readonly FusedOp[], output: string, owned: readonly tf.Tensor[]): FusedGraph {
  // Each step's output is freed as soon as no later step reads it. WASM memory never shrinks, so the heap stays at
  // the run's peak: holding every step's output of a batch of 8 until the end grew it to 162 MB, freeing them as
  // they are read to 62 MB, with bit-identical embeddings (`npm run bench`, memory rows).
  const runUntil = (input: tf.Tensor4D, last: number) =>
    tf.tidy(() => {
      const steps = ops.slice(0, last + 1);
      const readersLeft = new Map<string, number>();
      for (const op of steps) for (const name of op.inputs) readersLeft.set(name, (readersLeft.get(name) ?? 0) + 1);
      const values = new Map<string, tf.Tensor>([[GRAPH_INPUT, input]]);
      for (const op of steps) {
        values.set(
          op.output,
          op.run(
            op.inputs.map((name) => values.get(name)!),
            op.weights,
          ),
        );
        for (const name of op.inputs) {
          const left = readersLeft.get(name)! - 1;
          readersLeft.set(name, left);
          if (left > 0) continue;
          const value = values.get(name)!;
          values.delete(name);
          // The caller's input is the caller's; a step that passes its input on (Identity) leaves it under another name.
          if (value !== input && ![...values.values()].includes(value)) value.dispose();
        }
      }
      return values.get(steps[last].output)!;
    });
  return {
    steps: ops,
    output,
    predict: (input) =>
      runUntil(
        input,
        ops.findIndex((op) => op.output === output),
      ) as tf.Tensor2D,
    outputOf: (input, index) => {
      if (!Number.isInteger(index) || index < 0 || index >= ops.length) throw new RangeError(`no step ${index}`);
      return runUntil(input, index);
    },
    withWeights: (weights) => {
      const fits =
        weights.length === ops.length &&
        ops.every(
          (op, i) =>
            weights[i].length === op.weights.length &&
            op.weights.every((weight, j) => tf.util.arraysEqual(weight.shape, weights[i][j].shape)),
        );
      if (!fits) throw new RangeError('the new weights do not match the steps');
      return assemble(
        ops.map((op, i) => ({ ...op, weights: weights[i] })),
        output,
        weights.flat(),
      );
    },
    dispose: () => tf.dispose([...owned]),
  };
}

/** The fused equivalent of `model`, or undefined when the model holds a layer this module does not handle. */
export function compileFusedGraph(model: tf.LayersModel): FusedGraph | undefined {
  const nodes: GraphNode[] = [];
  const keep: tf.Tensor[] = [];
  try {
    const output = flatten(model, nodes, GRAPH_INPUT);
    const users = (name: string) => nodes.filter((node) => node.inputs.includes(name));
    // Fold only where the intermediate result has no other user (true throughout MobileNetV2).
    const onlyUser = (name: string, kind: string) => {
      const found = users(name);
      return found.length === 1 && found[0].kind === kind && name !== output ? found[0] : undefined;
    };
    const folded = new Set<string>();
    const ops: FusedOp[] = [];
    for (const node of nodes) {
      if (folded.has(node.name)) continue;
      if (node.kind === 'Conv2D' || node.kind === 'DepthwiseConv2D') {
        const batchNorm = onlyUser(node.name, 'BatchNormalization');
        const relu = onlyUser((batchNorm ?? node).name, 'ReLU');
        [batchNorm, relu].forEach((fused) => fused && folded.add(fused.name));
        ops.push(fuseConvolution(node, batchNorm, relu, keep));
      } else {
        ops.push(simpleOp(node));
      }
    }
    return assemble(ops, output, keep);
  } catch (error) {
    tf.dispose(keep);
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
