// The fused graph as an ONNX model, built at load time from the weights the graph really uses (batch
// normalisation already folded in), so it holds whichever source the backbone came from (ours, the cache or
// Teachable Machine's no-top layout from Google's storage). The model takes [n, h, w, c] as the fused graph does;
// one Transpose at its input turns that into ONNX's NCHW, and every kernel is laid out for NCHW here, once.
import * as tf from '@tensorflow/tfjs';
import { GRAPH_INPUT, type FusedGraph, type FusedStep } from '../fused-graph';
import { encodeModel, type Initializer, type Node } from './onnx-messages';

export const ONNX_INPUT = 'pictures';
export const ONNX_OUTPUT = 'embeddings';
const NCHW_INPUT = 'pictures_nchw';
const ZERO = 'zero';
const SIX = 'six';

/** A graph this converter has no ONNX form for (it writes only pictures in, pooled features out). */
export class NotConvertible extends Error {}

/** [[top, bottom], [left, right]] */
type Padding = readonly [readonly [number, number], readonly [number, number]];

async function floats(tensor: tf.Tensor): Promise<{ dims: number[]; values: Float32Array }> {
  try {
    return { dims: tensor.shape, values: await tensor.data<'float32'>() };
  } finally {
    tensor.dispose();
  }
}

/** A kernel as ONNX's Conv reads it, [out, in / group, h, w], from tfjs's [h, w, in, out] or depthwise [h, w, in, multiplier]. */
const onnxKernel = (kernel: tf.Tensor, depthwise: boolean) =>
  floats(
    tf.tidy(() => {
      const [h, w, inputs, outputs] = kernel.shape;
      // Depthwise output channel c * multiplier + m is row c * multiplier + m of the reshaped kernel: group c.
      return depthwise ? tf.transpose(tf.reshape(kernel, [h, w, inputs * outputs, 1]), [2, 3, 0, 1]) : tf.transpose(kernel, [3, 2, 0, 1]);
    }),
  );

/** TensorFlow's padding of one convolution: 'same' puts the odd pixel after. */
function convolutionPadding(
  pad: 'same' | 'valid',
  input: readonly number[],
  kernel: readonly number[],
  strides: readonly number[],
): Padding {
  const axis = (i: number): [number, number] => {
    if (pad === 'valid') return [0, 0];
    const total = Math.max((Math.ceil(input[i] / strides[i]) - 1) * strides[i] + kernel[i] - input[i], 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  return [axis(0), axis(1)];
}

/** What a step needs of the graph around it. */
interface Context {
  /** The ONNX value a step output is read from. */
  readonly name: (output: string) => string;
  /** A step output's shape per picture ([h, w, c]). */
  readonly shapeOf: (output: string) => readonly number[];
  /** Zero-padding steps whose only reader is a convolution, which pads instead: one pass over memory fewer. */
  readonly foldedPads: ReadonlyMap<string, { readonly input: string; readonly padding: Padding }>;
  readonly nodes: Node[];
  readonly initializers: Initializer[];
}

async function convertConvolution(
  step: FusedStep,
  depthwise: boolean,
  strides: readonly number[],
  pad: 'same' | 'valid',
  context: Context,
) {
  const { output, activation } = step;
  const [kernel, bias] = step.weights;
  const arranged = await onnxKernel(kernel, depthwise);
  context.initializers.push({ name: `${output}/kernel`, ...arranged });
  if (bias) context.initializers.push({ name: `${output}/bias`, ...(await floats(bias.clone())) });
  const folded = context.foldedPads.get(step.inputs[0]);
  const [[top, bottom], [left, right]] = convolutionPadding(pad, context.shapeOf(step.inputs[0]), arranged.dims.slice(2), strides);
  const [[foldedTop, foldedBottom], [foldedLeft, foldedRight]] = folded?.padding ?? [
    [0, 0],
    [0, 0],
  ];
  const convolved = activation === 'linear' ? output : `${output}/conv`;
  context.nodes.push({
    op: 'Conv',
    inputs: [context.name(folded?.input ?? step.inputs[0]), `${output}/kernel`, ...(bias ? [`${output}/bias`] : [])],
    output: convolved,
    attributes: [
      ['group', depthwise ? kernel.shape[2]! : 1],
      ['kernel_shape', arranged.dims.slice(2)],
      ['pads', [top + foldedTop, left + foldedLeft, bottom + foldedBottom, right + foldedRight]],
      ['strides', [...strides]],
    ],
  });
  if (activation === 'relu') context.nodes.push({ op: 'Relu', inputs: [convolved], output });
  if (activation === 'relu6') context.nodes.push({ op: 'Clip', inputs: [convolved, ZERO, SIX], output });
}

async function convertStep(step: FusedStep, context: Context): Promise<void> {
  const { operation, output } = step;
  const inputs = step.inputs.map(context.name);
  switch (operation.op) {
    case 'conv':
      return convertConvolution(step, operation.depthwise, operation.strides, operation.pad, context);
    case 'pad': {
      if (context.foldedPads.has(output)) return;
      const [[top, bottom], [left, right]] = operation.padding;
      const pads = BigInt64Array.from([0, 0, top, left, 0, 0, bottom, right].map(BigInt));
      context.initializers.push({ name: `${output}/pads`, dims: [8], values: pads });
      context.nodes.push({ op: 'Pad', inputs: [inputs[0], `${output}/pads`], output });
      return;
    }
    case 'add':
      context.nodes.push({ op: inputs.length === 2 ? 'Add' : 'Sum', inputs, output });
      return;
    case 'mean':
      context.nodes.push({ op: 'GlobalAveragePool', inputs, output: `${output}/pooled` });
      context.nodes.push({ op: 'Flatten', inputs: [`${output}/pooled`], output, attributes: [['axis', 1]] });
      return;
    case 'pass':
      return;
  }
}

/** The ONNX model's bytes: [n, h, w, c] pictures in, [n, embedding] out. Throws NotConvertible for other graphs. */
export async function fusedGraphToOnnx(graph: FusedGraph): Promise<Uint8Array> {
  const stepOf = (output: string) => graph.steps.find((step) => step.output === output);
  const inputStep = graph.steps.find((step) => step.operation.op === 'pass' && step.inputs[0] === GRAPH_INPUT);
  let outputStep = stepOf(graph.output);
  while (outputStep?.operation.op === 'pass') outputStep = stepOf(outputStep.inputs[0]);
  if (!inputStep || outputStep?.operation.op !== 'mean') throw new NotConvertible('not pictures in, pooled features out');

  // Steps that pass their input on (the input layer, a nested model's end) are names for that input.
  const aliases = new Map<string, string>([[GRAPH_INPUT, NCHW_INPUT]]);
  const foldedPads = new Map<string, { input: string; padding: Padding }>();
  for (const step of graph.steps) {
    const readers = graph.steps.filter((other) => other.inputs.includes(step.output));
    if (step.operation.op === 'pass') aliases.set(step.output, aliases.get(step.inputs[0]) ?? step.inputs[0]);
    if (step.operation.op === 'pad' && readers.length === 1 && readers[0].operation.op === 'conv' && step.output !== graph.output)
      foldedPads.set(step.output, { input: step.inputs[0], padding: step.operation.padding });
  }
  const context: Context = {
    name: (output) => aliases.get(output) ?? output,
    shapeOf: (output) => (output === GRAPH_INPUT ? inputStep : stepOf(output))!.outputShape,
    foldedPads,
    nodes: [{ op: 'Transpose', inputs: [ONNX_INPUT], output: NCHW_INPUT, attributes: [['perm', [0, 3, 1, 2]]] }],
    initializers: [
      { name: ZERO, dims: [], values: Float32Array.of(0) },
      { name: SIX, dims: [], values: Float32Array.of(6) },
    ],
  };
  for (const step of graph.steps) await convertStep(step, context);
  context.nodes.push({ op: 'Identity', inputs: [context.name(outputStep.output)], output: ONNX_OUTPUT });
  return encodeModel(
    {
      nodes: context.nodes,
      initializers: context.initializers,
      input: { name: ONNX_INPUT, shape: ['n', ...inputStep.outputShape] },
      output: { name: ONNX_OUTPUT, shape: ['n', ...outputStep.outputShape] },
    },
    'image-model-blocks',
  );
}
