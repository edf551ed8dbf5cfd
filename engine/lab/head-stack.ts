// "Build the network from blocks": the child stacks layer blocks between the fixed input (MobileNet's 1280
// features) and the fixed answer layer (one softmax unit per class). This module says what is wrong with a stack,
// block by block, before anything is trained, counts its parameters, and builds the tfjs model for a good stack.
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../errors';
import { MODEL_LIMITS } from '../model-format';
import { EMBEDDING_SIZE, type DenseLayerSpec, type HeadLayerSpec } from '../types';

/**
 * Batch normalisation, which engine/types.ts's HeadLayerSpec does not have yet: defined here until the model
 * format can store it (it has 4 weight tensors per layer: gamma, beta, moving mean, moving variance).
 */
export interface BatchNormLayerSpec {
  readonly type: 'batchNorm';
}

/** One block of the stack. */
export type StackLayerSpec = HeadLayerSpec | BatchNormLayerSpec;

/**
 * 2,000,000 parameters are 8 MB of float32 weights, five times the whole MobileNet backbone (410,208). Adam keeps
 * weights, gradients and two running averages, so training such a head holds about 32 MB on a Chromebook, and every
 * saved project carries the 8 MB. One dense layer of 1,500 units fits; 1,600 do not.
 */
export const MAX_HEAD_PARAMETERS = 2_000_000;

/** Hidden layers allowed: the model file stores at most MODEL_LIMITS.denseLayers layers, the answer layer included. */
export const MAX_STACK_LAYERS = MODEL_LIMITS.denseLayers - 1;

const ACTIVATIONS: readonly DenseLayerSpec['activation'][] = ['relu', 'softmax', 'linear', 'sigmoid', 'tanh'];

export type StackProblemCode =
  | 'unknown-layer'            // not a dense, dropout or batch-normalisation block (e.g. a damaged saved stack)
  | 'units-not-whole'          // 2.5 units
  | 'units-too-few'            // 0 or fewer units: the layer would pass nothing on
  | 'units-too-many'           // more than the model file stores (MODEL_LIMITS.denseUnits)
  | 'unknown-activation'
  | 'activation-cannot-train'  // softmax in the middle
  | 'dropout-rate-out-of-range' // outside [0, 1): 1 would drop everything
  | 'dropout-twice'            // two dropout blocks in a row
  | 'too-many-layers'          // more than MAX_STACK_LAYERS blocks
  | 'too-many-parameters';     // more than MAX_HEAD_PARAMETERS in the whole head

export interface StackProblem {
  readonly code: StackProblemCode;
  /** The block to fix: 0 = the one just above the MobileNet features; the stack's length = the answer layer. */
  readonly layerIndex: number;
}

function checkClassCount(classCount: number): void {
  if (!Number.isInteger(classCount) || classCount < 2) throw new EngineError('train/too-few-classes', `${classCount} classes; the answer layer needs at least 2`);
}

/** The layer the answer layer adds on top of every stack. */
export function answerLayer(classCount: number): DenseLayerSpec {
  return { type: 'dense', units: classCount, activation: 'softmax' };
}

/** The whole head as the model file describes it: the stack, then the answer layer. */
export function headLayers(stack: readonly StackLayerSpec[], classCount: number): StackLayerSpec[] {
  checkClassCount(classCount);
  return [...stack, answerLayer(classCount)];
}

/**
 * Parameters of each layer of a valid stack, then of the answer layer: what a block "has to learn" (a dense
 * layer: one weight per input per unit plus a bias per unit; batch normalisation: 4 per feature, 2 of them learned
 * and 2 running averages that are saved too; dropout: none).
 */
export function layerParameters(stack: readonly StackLayerSpec[], classCount: number): number[] {
  let features = EMBEDDING_SIZE;
  return headLayers(stack, classCount).map((layer) => {
    if (layer.type === 'dropout') return 0;
    if (layer.type === 'batchNorm') return 4 * features;
    const count = features * layer.units + layer.units;
    features = layer.units;
    return count;
  });
}

export function countParameters(stack: readonly StackLayerSpec[], classCount: number): number {
  return layerParameters(stack, classCount).reduce((sum, count) => sum + count, 0);
}

/** What is wrong with one block on its own, or undefined. Stacks come from saved projects too, so nothing is trusted. */
function layerProblem(layer: StackLayerSpec): StackProblemCode | undefined {
  const value = layer as unknown as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return 'unknown-layer';
  if (value.type === 'batchNorm') return undefined;
  if (value.type === 'dropout') {
    return typeof value.rate === 'number' && value.rate >= 0 && value.rate < 1 ? undefined : 'dropout-rate-out-of-range';
  }
  if (value.type !== 'dense') return 'unknown-layer';
  if (typeof value.units !== 'number' || !Number.isInteger(value.units)) return 'units-not-whole';
  if (value.units < 1) return 'units-too-few';
  if (value.units > MODEL_LIMITS.denseUnits) return 'units-too-many';
  if (!ACTIVATIONS.includes(value.activation as DenseLayerSpec['activation'])) return 'unknown-activation';
  // Softmax makes a layer's outputs share a total of 1: with many units each is tiny, the next layer sees almost
  // nothing and learning stalls. It belongs in the answer layer only.
  if (value.activation === 'softmax') return 'activation-cannot-train';
  return undefined;
}

/**
 * Every problem of the stack (so the editor can mark each bad block at once), in block order; empty when it can be
 * trained. An empty stack is fine: features straight into the answer layer (plain softmax regression).
 *
 * Dropout first (on the MobileNet features) and last (just before the answer) are both allowed: they are the usual
 * places for it (Keras's own MobileNet puts dropout right before its classifier). Two dropout blocks in a row are
 * refused: they act as one stronger dropout (0.5 then 0.5 drops 75%), which surprises a child who expects 50%.
 */
export function stackProblems(stack: readonly StackLayerSpec[], classCount: number): StackProblem[] {
  checkClassCount(classCount);
  const problems: StackProblem[] = [];
  stack.forEach((layer, layerIndex) => {
    const code = layerProblem(layer);
    if (code) problems.push({ code, layerIndex });
    else if (layer.type === 'dropout' && stack[layerIndex - 1]?.type === 'dropout') problems.push({ code: 'dropout-twice', layerIndex });
  });
  if (stack.length > MAX_STACK_LAYERS) problems.push({ code: 'too-many-layers', layerIndex: MAX_STACK_LAYERS });
  if (problems.length > 0) return problems; // parameters can only be counted for well-formed blocks
  const counts = layerParameters(stack, classCount);
  if (counts.reduce((sum, count) => sum + count, 0) > MAX_HEAD_PARAMETERS) {
    // Point at the biggest layer: shrinking it helps most.
    problems.push({ code: 'too-many-parameters', layerIndex: counts.indexOf(Math.max(...counts)) });
  }
  return problems;
}

/**
 * The uncompiled tfjs model for a valid stack: [n, 1280] embeddings in, [n, classCount] confidences out. With a
 * seed the starting weights (and dropout) are repeatable. Throws 'train/invalid-settings' naming the first
 * problem; the editor shows stackProblems() before it ever gets here.
 */
export function buildHeadModel(stack: readonly StackLayerSpec[], classCount: number, seed?: number): tf.Sequential {
  const [problem] = stackProblems(stack, classCount);
  if (problem) throw new EngineError('train/invalid-settings', `layer stack: ${problem.code} at layer ${problem.layerIndex}`);
  const model = tf.sequential();
  headLayers(stack, classCount).forEach((layer, i) => {
    const inputShape = i === 0 ? [EMBEDDING_SIZE] : undefined;
    const layerSeed = seed === undefined ? undefined : seed + i;
    if (layer.type === 'dropout') model.add(tf.layers.dropout({ rate: layer.rate, inputShape, seed: layerSeed }));
    else if (layer.type === 'batchNorm') model.add(tf.layers.batchNormalization({ inputShape }));
    else {
      model.add(tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        inputShape,
        kernelInitializer: tf.initializers.glorotUniform({ seed: layerSeed }),
      }));
    }
  });
  return model;
}
