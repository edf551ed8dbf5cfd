// "Build the network from blocks": the child stacks layer blocks between the fixed input (MobileNet's 1280
// features) and the fixed answer layer (one softmax unit per class). This module says what is wrong with a stack,
// block by block, before anything is trained, and counts its parameters. No tfjs: the trainer's block editor can
// check a stack on the main thread as the child builds it (engine/heads/build-head-model.ts builds the network).
import { EngineError } from '../errors';
import { MODEL_LIMITS } from '../model-format/model-limits';
import { EMBEDDING_SIZE, type DenseLayerSpec, type HeadLayerSpec, type StackProblem, type StackProblemCode } from '../types';

export type { StackProblem, StackProblemCode } from '../types';

/** One block of the stack. */
export type StackLayerSpec = HeadLayerSpec;

/**
 * 2,000,000 parameters are 8 MB of float32 weights, five times the whole MobileNet backbone (410,208). Adam keeps
 * weights, gradients and two running averages, so training such a head holds about 32 MB on a Chromebook, and every
 * saved project carries the 8 MB. One dense layer of 1,500 units fits; 1,600 do not.
 */
export const MAX_HEAD_PARAMETERS = 2_000_000;

/** Hidden layers allowed: the model file stores at most MODEL_LIMITS.denseLayers layers, the answer layer included. */
export const MAX_STACK_LAYERS = MODEL_LIMITS.denseLayers - 1;

const ACTIVATIONS: readonly DenseLayerSpec['activation'][] = ['relu', 'softmax', 'linear', 'sigmoid', 'tanh'];

/** Every problem code, so a locale test can check that each one has words in every language. */
export const STACK_PROBLEM_CODES = [
  'unknown-layer',
  'units-not-whole',
  'units-too-few',
  'units-too-many',
  'unknown-activation',
  'activation-cannot-train',
  'dropout-rate-out-of-range',
  'dropout-twice',
  'too-many-layers',
  'too-many-parameters',
] as const satisfies readonly StackProblemCode[];

// Fails to compile when a code is added to StackProblemCode but not to the list above.
type MissingProblemCodes = Exclude<StackProblemCode, (typeof STACK_PROBLEM_CODES)[number]>;
const everyProblemListed: MissingProblemCodes extends never ? true : never = true;
void everyProblemListed;

function checkClassCount(classCount: number): void {
  if (!Number.isInteger(classCount) || classCount < 2)
    throw new EngineError('train/too-few-classes', `${classCount} classes; the answer layer needs at least 2`);
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
export function layerParameters(stack: readonly StackLayerSpec[], classCount: number, inputs = EMBEDDING_SIZE): number[] {
  let features = inputs;
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
export function stackProblems(stack: readonly StackLayerSpec[], classCount: number, inputs = EMBEDDING_SIZE): StackProblem[] {
  checkClassCount(classCount);
  const problems: StackProblem[] = [];
  stack.forEach((layer, layerIndex) => {
    const code = layerProblem(layer);
    if (code) problems.push({ code, layerIndex });
    else if (layer.type === 'dropout' && stack[layerIndex - 1]?.type === 'dropout') problems.push({ code: 'dropout-twice', layerIndex });
  });
  if (stack.length > MAX_STACK_LAYERS) problems.push({ code: 'too-many-layers', layerIndex: MAX_STACK_LAYERS });
  if (problems.length > 0) return problems; // parameters can only be counted for well-formed blocks
  const counts = layerParameters(stack, classCount, inputs);
  if (counts.reduce((sum, count) => sum + count, 0) > MAX_HEAD_PARAMETERS) {
    // Point at the biggest layer: shrinking it helps most.
    problems.push({ code: 'too-many-parameters', layerIndex: counts.indexOf(Math.max(...counts)) });
  }
  return problems;
}

/**
 * Throws EngineError 'train/invalid-head' carrying every problem of the stack (`headProblems`), or returns when the
 * stack can be trained. The editor shows stackProblems() while the child builds; this is the engine's own guard.
 */
export function assertTrainableStack(stack: readonly StackLayerSpec[], classCount: number, inputs = EMBEDDING_SIZE): void {
  const problems = stackProblems(stack, classCount, inputs);
  if (problems.length === 0) return;
  const detail = problems.map(({ code, layerIndex }) => `${code} at layer ${layerIndex}`).join('; ');
  throw new EngineError('train/invalid-head', `layer stack: ${detail}`, problems);
}
