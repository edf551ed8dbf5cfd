// The dense head's training step, written out: a training-mode forward pass with fused matMuls, gradients derived by
// hand (softmax cross-entropy, then layer by layer back to the first) and Adam, all in one tf.tidy, with nothing
// read back. Measured on WASM (Node, 2 cores), the default head on 75 pictures for 50 epochs: trainOnBatch with a
// read after each batch took ~1.75 s of CPU, tf.variableGrads of the same network ~1.6 s, this ~0.8 s. Autodiff is
// slow here because a matMul's gradient multiplies by transposed operands, and WASM's matMul with transposeA or
// transposeB is ~10x slower than transposing first; tf.gather of a batch costs more than copying its rows in JS.
// Adam is tf.train.adam: a hand-written one (same formula) measured within noise of it. Most of what is left is
// Adam's dozen passes over the first layer's 128,000 weights per step.
// The weights are the tfjs model's own variables, so the trained head saves, loads and exports as before.
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../errors';
import { earlyStop } from '../lab/early-stopping';
import { shuffled } from '../training-data';
import { type DenseLayerSpec, type EarlyStop, type EpochMetrics, type HeadLayerSpec, type LabelledEmbedding } from '../types';
import type { DenseSettings } from './dense-kind';
import { PROBABILITY_EPSILON, scoreConfidences, stackEmbeddings } from './head';

/** Gradients of one layer's trainable variables (in their order) and of the loss with respect to its input. */
interface LayerGradients {
  readonly grads: readonly tf.Tensor[];
  readonly dx?: tf.Tensor;
}

interface LayerPass {
  readonly y: tf.Tensor;
  backward(dy: tf.Tensor): LayerGradients;
}

/** One layer of the network in training mode. `needsDx`: whether a layer below has something to learn. */
interface TrainingLayer {
  readonly variables: readonly tf.Variable[];
  forward(x: tf.Tensor, needsDx: boolean): LayerPass;
}

function variablesOf(layer: tf.layers.Layer): tf.Variable[] {
  return layer.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** dLoss/dz from dLoss/dy, where y = activation(z), written with y alone. */
function throughActivation(activation: DenseLayerSpec['activation'], y: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.mul(dy, tf.step(y));
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
    default:
      return dy; // linear, and the answer layer, whose softmax belongs to the loss
  }
}

function denseLayer(layer: tf.layers.Layer, spec: DenseLayerSpec, isAnswer: boolean): TrainingLayer {
  const [kernel, bias] = variablesOf(layer);
  // The answer layer gives logits: its softmax is folded into the loss, whose gradient is then simply p - y.
  const activation = isAnswer ? 'linear' : spec.activation;
  return {
    variables: [kernel, bias],
    forward(x, needsDx) {
      const fused = activation === 'tanh' ? 'linear' : (activation as 'linear' | 'relu' | 'sigmoid');
      const z = tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: fused });
      const y = activation === 'tanh' ? tf.tanh(z) : z;
      return {
        y,
        backward(dy) {
          const dz = throughActivation(activation, y, dy);
          return {
            grads: [tf.matMul(tf.transpose(x), dz), tf.sum(dz, 0)],
            ...(needsDx && { dx: tf.matMul(dz, tf.transpose(kernel as tf.Tensor2D)) }),
          };
        },
      };
    },
  };
}

/** tfjs's own dropout with the layer's seed, so each batch gets the mask the layers model would give it. */
function dropoutLayer(layer: tf.layers.Layer, rate: number): TrainingLayer {
  const seed = layer.getConfig().seed as number | undefined;
  return {
    variables: [],
    forward(x) {
      const keep = tf.dropout(tf.onesLike(x), rate, undefined, seed);
      return { y: tf.mul(x, keep), backward: (dy) => ({ grads: [], dx: tf.mul(dy, keep) }) };
    },
  };
}

/** Batch statistics in training, moving averages updated as tfjs's BatchNormalization layer does. */
function batchNormLayer(layer: tf.layers.Layer): TrainingLayer {
  const [gamma, beta] = variablesOf(layer);
  const [movingMean, movingVariance] = layer.nonTrainableWeights.map((weight) => weight.read() as tf.Variable);
  const { epsilon, momentum } = layer.getConfig() as { epsilon: number; momentum: number };
  return {
    variables: [gamma, beta],
    forward(x) {
      const { mean, variance } = tf.moments(x, 0);
      movingMean.assign(tf.sub(movingMean, tf.mul(tf.sub(movingMean, mean), 1 - momentum)));
      movingVariance.assign(tf.sub(movingVariance, tf.mul(tf.sub(movingVariance, variance), 1 - momentum)));
      const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
      const normed = tf.mul(tf.sub(x, mean), inverseStd);
      return {
        y: tf.add(tf.mul(normed, gamma), beta),
        backward(dy) {
          const n = x.shape[0];
          const dNormed = tf.mul(dy, gamma);
          const dx = tf.mul(
            tf.div(inverseStd, n),
            tf.sub(tf.sub(tf.mul(dNormed, n), tf.sum(dNormed, 0)), tf.mul(normed, tf.sum(tf.mul(dNormed, normed), 0))),
          );
          return { grads: [tf.sum(tf.mul(dy, normed), 0), tf.sum(dy, 0)], dx };
        },
      };
    },
  };
}

/** A step's training figures: summed over its pictures, so an epoch's are the sum of its steps'. */
export interface StepResult {
  /** [summed cross-entropy, pictures answered right]. */
  readonly sums: tf.Tensor1D;
  /** The gradients of `variables`, in their order. */
  readonly grads: readonly tf.Tensor[];
}

/** The network (a dense head's tfjs model and its layer list) as one training step. */
export interface TrainingPass {
  readonly variables: readonly tf.Variable[];
  /** Forward and backward on one batch: `x` [n, features], `y` one-hot [n, classes]. Call inside a tidy. */
  gradients(x: tf.Tensor2D, y: tf.Tensor2D): StepResult;
}

export function trainingPass(network: tf.Sequential, layers: readonly HeadLayerSpec[]): TrainingPass {
  const steps = layers.map((spec, i) => {
    if (spec.type === 'dense') return denseLayer(network.layers[i], spec, i === layers.length - 1);
    if (spec.type === 'dropout') return dropoutLayer(network.layers[i], spec.rate);
    return batchNormLayer(network.layers[i]);
  });
  const learnsBelow = steps.map((_, i) => steps.slice(0, i).some((step) => step.variables.length > 0));
  return {
    variables: steps.flatMap((step) => step.variables),
    gradients(x, y) {
      const passes: LayerPass[] = [];
      let input: tf.Tensor = x;
      steps.forEach((step, i) => {
        const pass = step.forward(input, learnsBelow[i]);
        passes.push(pass);
        input = pass.y;
      });
      const logits = input;
      const p = tf.softmax(logits);
      const n = x.shape[0];
      const loss = tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON)))));
      const right = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
      // Mean cross-entropy over the batch, as Keras's loss: its gradient at the logits is (p - y) / n.
      let dy: tf.Tensor | undefined = tf.div(tf.sub(p, y), n);
      const grads: tf.Tensor[][] = [];
      for (let i = passes.length - 1; i >= 0 && dy; i--) {
        const result = passes[i].backward(dy);
        grads[i] = [...result.grads];
        dy = result.dx;
      }
      return { sums: tf.stack([loss, right]) as tf.Tensor1D, grads: grads.flat() };
    },
  };
}

/** What the epochs are given (the network's weights are trained in place). */
export interface EpochsOptions {
  readonly network: tf.Sequential;
  readonly layers: readonly HeadLayerSpec[];
  readonly training: readonly LabelledEmbedding[];
  readonly validation: readonly LabelledEmbedding[];
  readonly classCount: number;
  readonly settings: DenseSettings;
  readonly random: () => number;
  readonly stopAtAccuracy?: number;
  readonly onEpoch?: (metrics: EpochMetrics, stoppedEarly?: EarlyStop) => void;
  readonly signal?: AbortSignal;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('train/cancelled', 'training was stopped');
}

/**
 * Lets queued messages (a worker's "cancel") run: promise continuations alone never yield to them. A message, not
 * setTimeout(0), which browsers hold back to 4 ms once timers nest: 200 ms over 50 epochs.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** One batch as tensors, its rows copied in JS (cheaper than tf.gather on WASM); sized by the feature source. */
function batchTensors(examples: readonly LabelledEmbedding[], classCount: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const features = examples[0].embedding.length;
  const x = new Float32Array(examples.length * features);
  const y = new Float32Array(examples.length * classCount);
  examples.forEach((example, row) => {
    x.set(example.embedding, row * features);
    y[row * classCount + example.classIndex] = 1;
  });
  return { x: tf.tensor2d(x, [examples.length, features]), y: tf.tensor2d(y, [examples.length, classCount]) };
}

/**
 * The epochs, each in seeded order: one tidy per step, Stop checked between steps, and one read per epoch (the
 * training sums and the held-out pictures' confidences together) for the chart and early stopping.
 */
export async function trainEpochs(options: EpochsOptions): Promise<{ history: EpochMetrics[]; stoppedEarly?: EarlyStop }> {
  const { network, training, validation, classCount, settings, signal } = options;
  const pass = trainingPass(network, options.layers);
  const optimizer = tf.train.adam(settings.learningRate);
  const validationX = validation.length > 0 ? stackEmbeddings(validation.map((e) => e.embedding)) : undefined;
  const validationLabels = validation.map((e) => e.classIndex);
  const stopRule = options.stopAtAccuracy === undefined ? undefined : { targetAccuracy: options.stopAtAccuracy };
  const history: EpochMetrics[] = [];
  let stoppedEarly: EarlyStop | undefined;
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const started = performance.now();
      const order = shuffled(training, options.random);
      let sums: tf.Tensor1D = tf.zeros([2]);
      try {
        for (let start = 0; start < order.length; start += settings.batchSize) {
          throwIfCancelled(signal);
          const next = tf.tidy(() => {
            const { x, y } = batchTensors(order.slice(start, start + settings.batchSize), classCount);
            const step = pass.gradients(x, y);
            optimizer.applyGradients(pass.variables.map((variable, i) => ({ name: variable.name, tensor: step.grads[i] })));
            return tf.add(sums, step.sums) as tf.Tensor1D;
          });
          sums.dispose();
          sums = next;
        }
        const read = tf.tidy(() =>
          validationX ? tf.concat([sums, tf.reshape(network.predict(validationX) as tf.Tensor2D, [-1])]) : sums.clone(),
        );
        const values = await read.data();
        read.dispose();
        const rows = validationLabels.map((_, i) => Array.from(values.subarray(2 + i * classCount, 2 + (i + 1) * classCount)));
        const checked = validationX ? scoreConfidences(rows, validationLabels) : undefined;
        const metrics: EpochMetrics = {
          epoch,
          loss: values[0] / training.length,
          acc: values[1] / training.length,
          ...(checked && { valLoss: checked.loss, valAcc: checked.acc }),
          ms: performance.now() - started,
        };
        history.push(metrics);
      } finally {
        sums.dispose();
      }
      stoppedEarly = stopRule && epoch < settings.epochs ? earlyStop(history, stopRule) : undefined;
      options.onEpoch?.(history[history.length - 1], stoppedEarly);
      if (stoppedEarly) break;
      await yieldToEventLoop();
    }
    throwIfCancelled(signal);
    return { history, ...(stoppedEarly && { stoppedEarly }) };
  } finally {
    validationX?.dispose();
    optimizer.dispose();
  }
}
