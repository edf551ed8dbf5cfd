// Checking a training request and splitting its examples, with a seeded random source so a run can be repeated.
import * as v from 'valibot';
import { EngineError } from './errors';
import { featureSizeOf } from './feature-source';
import { featureSourceSchema } from './schema';
import { EMBEDDING_SIZE, type ClassInfo, type Embedding, type LabelledEmbedding, type TrainRequest } from './types';
import { assertTrainableStack } from './heads/head-stack';
import { hiddenLayersOf } from './heads/dense-kind';
import { validateSettings } from './training-settings';

/** mulberry32: tiny, fast and good enough for shuffling; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle into a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** Throws EngineError 'embedding/invalid' unless `embedding` is `size` finite float32 numbers (a Pictures model's 1280 by default). */
export function validateEmbedding(embedding: Embedding, label: string, size = EMBEDDING_SIZE): void {
  if (!(embedding instanceof Float32Array) || embedding.length !== size) {
    throw new EngineError('embedding/invalid', `${label} is not a Float32Array of ${size}`);
  }
  if (!embedding.every(Number.isFinite)) throw new EngineError('embedding/invalid', `${label} contains NaN or Infinity`);
}

/** Throws EngineError 'train/invalid-classes' unless every class has a non-empty, unique id and a name. */
export function validateClasses(classes: readonly ClassInfo[]): void {
  if (!Array.isArray(classes)) throw new EngineError('train/invalid-classes', 'classes is not a list');
  const ids = new Set<string>();
  classes.forEach((info, i) => {
    if (typeof info?.id !== 'string' || info.id === '' || typeof info.name !== 'string') {
      throw new EngineError('train/invalid-classes', `class ${i} needs a non-empty id and a name`);
    }
    if (ids.has(info.id)) throw new EngineError('train/invalid-classes', `class id ${JSON.stringify(info.id)} is used twice`);
    ids.add(info.id);
  });
}

/**
 * Throws 'train/too-few-examples' unless `examples` is a list, 'train/invalid-classes' for an example of no class,
 * 'embedding/invalid' for a broken embedding; returns how many examples each class has.
 */
export function validateExamples(examples: readonly LabelledEmbedding[], classCount: number, size = EMBEDDING_SIZE): number[] {
  if (!Array.isArray(examples)) throw new EngineError('train/too-few-examples', 'examples is not a list');
  const counts = new Array<number>(classCount).fill(0);
  examples.forEach((example, i) => {
    const index = example?.classIndex;
    if (!Number.isInteger(index) || index < 0 || index >= classCount) {
      throw new EngineError('train/invalid-classes', `example ${i} points at class ${String(index)}, which does not exist`);
    }
    validateEmbedding(example.embedding, `example ${i}'s embedding`, size);
    counts[index]++;
  });
  return counts;
}

/** Every check before training, each with its own error code, so no tensor is made for a hopeless request. */
export function validateTrainRequest(request: TrainRequest): void {
  validateSettings(request.settings);
  validateClasses(request.classes);
  if (request.classes.length < 2)
    throw new EngineError('train/too-few-classes', `${request.classes.length} class(es); at least 2 are needed`);
  const source = v.safeParse(featureSourceSchema, request.featureSource);
  if (!source.success) throw new EngineError('train/invalid-settings', `featureSource ${String(request.featureSource)} is not known`);
  const size = featureSizeOf(source.output);
  const counts = validateExamples(request.examples, request.classes.length, size);
  const empty = counts.findIndex((count) => count === 0);
  if (empty >= 0) throw new EngineError('train/too-few-examples', `class ${JSON.stringify(request.classes[empty].name)} has no pictures`);
  if (request.augmented !== undefined) {
    if (!Array.isArray(request.augmented)) throw new EngineError('embedding/invalid', 'augmented is not a list');
    request.augmented.forEach((copy, i) => {
      if (typeof copy?.sourcePictureId !== 'string')
        throw new EngineError('embedding/invalid', `augmented copy ${i} names no source picture`);
      validateEmbedding(copy.embedding, `augmented copy ${i}'s embedding`, size);
    });
  }
  // A KNN run ignores the stack, so a child halfway through building one can still train KNN.
  const { head } = request.settings;
  if (head.kind === 'dense') assertTrainableStack(hiddenLayersOf(head), request.classes.length, size);
}

export interface ExampleSplit {
  readonly training: LabelledEmbedding[];
  readonly validation: LabelledEmbedding[];
}

/**
 * Holds out round(count x rate) examples of each class (stratified, so no class is missing from either side),
 * but never a class's last training example. Which examples are held out depends only on `random`.
 */
export function splitExamples(
  examples: readonly LabelledEmbedding[],
  classCount: number,
  validationRate: number,
  random: () => number,
): ExampleSplit {
  const training: LabelledEmbedding[] = [];
  const validation: LabelledEmbedding[] = [];
  for (let classIndex = 0; classIndex < classCount; classIndex++) {
    const ofClass = shuffled(
      examples.filter((example) => example.classIndex === classIndex),
      random,
    );
    const heldOut = Math.min(Math.round(ofClass.length * validationRate), ofClass.length - 1);
    validation.push(...ofClass.slice(0, heldOut));
    training.push(...ofClass.slice(heldOut));
  }
  return { training, validation };
}
