// How well a model answers pictures whose true class is known, in the shapes the Lab shows a child: counts,
// accuracy per class, a confusion matrix and each picture's percentages. Plain numbers in, plain data out
// (structured-cloneable), so it runs in the worker, on the main thread and in tests alike.
import { EngineError } from '../errors';
import { topClass } from '../heads/head';
import type { LabelledEmbedding, Prediction } from '../types';

/**
 * Below this many pictures a single picture moves accuracy by more than 10 points, so the UI says the number is
 * shaky (or, for KNN, uses leave-one-out over all pictures instead of the few held out).
 */
export const SHAKY_BELOW_PICTURES = 10;

export interface ClassScore {
  /** Pictures of this class that were checked: the accuracy is based on this many. */
  readonly total: number;
  readonly right: number;
  /** 0..1; undefined when the class had no pictures to check (not 0: nothing was wrong). */
  readonly accuracy: number | undefined;
}

export interface PictureResult {
  readonly trueClass: number;
  readonly predictedClass: number;
  readonly correct: boolean;
  /** Whole percentages, one per class, that add up to exactly 100, as the bars and the detail view print them. */
  readonly percentages: readonly number[];
}

export interface Evaluation {
  readonly total: number;
  readonly right: number;
  readonly wrong: number;
  /** 0..1; undefined when there were no pictures. */
  readonly accuracy: number | undefined;
  /** Fewer than SHAKY_BELOW_PICTURES pictures: the accuracy could easily be quite different on other pictures. */
  readonly shaky: boolean;
  /** One score per class, in the model's class order. */
  readonly perClass: readonly ClassScore[];
  /** confusion[trueClass][predictedClass] = how many pictures; the diagonal holds the right answers. */
  readonly confusion: readonly (readonly number[])[];
  /** One result per picture, in the order given. */
  readonly pictures: readonly PictureResult[];
}

const isClassIndex = (value: number, classCount: number) => Number.isInteger(value) && value >= 0 && value < classCount;

/**
 * Rounds confidences to whole percentages that sum to 100 (largest remainder): plain rounding shows a child
 * "33% 33% 33%" and leaves them wondering where the last 1% went.
 */
export function wholePercentages(confidences: readonly number[]): number[] {
  const sum = confidences.reduce((total, value) => total + value, 0);
  if (!(sum > 0)) return confidences.map(() => 0);
  const exact = confidences.map((value) => (value / sum) * 100);
  const result = exact.map(Math.floor);
  const missing = 100 - result.reduce((total, value) => total + value, 0);
  // Biggest fractional parts get the missing points; on a tie the earlier class does (a stable order).
  const byRemainder = exact.map((value, i) => ({ i, remainder: value - result[i] })).sort((a, b) => b.remainder - a.remainder);
  for (let n = 0; n < missing; n++) result[byRemainder[n].i]++;
  return result;
}

/** Scores `predictions` against the true class of each picture (same order). */
export function evaluatePredictions(trueClasses: readonly number[], predictions: readonly Prediction[], classCount: number): Evaluation {
  if (!Number.isInteger(classCount) || classCount < 1)
    throw new EngineError('internal', `classCount ${classCount} is not a positive whole number`);
  if (trueClasses.length !== predictions.length) {
    throw new EngineError('internal', `${trueClasses.length} true classes but ${predictions.length} predictions`);
  }
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  const pictures = predictions.map((prediction, i): PictureResult => {
    const trueClass = trueClasses[i];
    if (!isClassIndex(trueClass, classCount)) throw new EngineError('internal', `picture ${i}'s true class ${trueClass} does not exist`);
    if (!isClassIndex(prediction.classIndex, classCount) || prediction.confidences.length !== classCount) {
      throw new EngineError('internal', `prediction ${i} does not answer one of ${classCount} classes`);
    }
    confusion[trueClass][prediction.classIndex]++;
    return {
      trueClass,
      predictedClass: prediction.classIndex,
      correct: prediction.classIndex === trueClass,
      percentages: wholePercentages(prediction.confidences),
    };
  });
  const perClass = confusion.map((row, classIndex): ClassScore => {
    const total = row.reduce((sum, count) => sum + count, 0);
    const right = row[classIndex];
    return { total, right, accuracy: total > 0 ? right / total : undefined };
  });
  const right = perClass.reduce((sum, score) => sum + score.right, 0);
  const total = pictures.length;
  return {
    total,
    right,
    wrong: total - right,
    accuracy: total > 0 ? right / total : undefined,
    shaky: total < SHAKY_BELOW_PICTURES,
    perClass,
    confusion,
    pictures,
  };
}

/** Indices of the pictures whose top class differs between two sets of predictions (e.g. before/after int8). */
export function changedAnswers(before: readonly Prediction[], after: readonly Prediction[]): number[] {
  if (before.length !== after.length) throw new EngineError('internal', `${before.length} predictions before but ${after.length} after`);
  return before.flatMap((prediction, i) => (prediction.classIndex === after[i].classIndex ? [] : [i]));
}

/**
 * Leave-one-out for a KNN head: each example is predicted from all the others, exactly as
 * @tensorflow-models/knn-classifier would predict it had it been left out: cosine similarity, the
 * min(k, others) most similar vote, confidence = votes / that number, and the classifier's tie-breaks
 * (equal similarities: the example stored first, classes being stored in index order; equal votes: the lower
 * class). With few pictures per class this uses every picture as a test picture instead of the few held out.
 */
export function leaveOneOutKnn(examples: readonly LabelledEmbedding[], classCount: number, k: number): Prediction[] {
  if (!Number.isInteger(k) || k < 1) throw new EngineError('internal', `k ${k} is not a positive whole number`);
  if (examples.length < 2) throw new EngineError('internal', 'leave-one-out needs at least 2 examples');
  examples.forEach((example, i) => {
    if (!isClassIndex(example.classIndex, classCount))
      throw new EngineError('internal', `example ${i}'s class ${example.classIndex} does not exist`);
  });
  const unit = examples.map(({ embedding }) => {
    // `|| 1`: an all-zero embedding (the backbone never makes one) is then similar to nothing instead of NaN.
    const norm = Math.hypot(...embedding) || 1;
    return embedding.map((value) => value / norm);
  });
  const n = examples.length;
  const similarity = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      for (let d = 0; d < unit[i].length; d++) dot += unit[i][d] * unit[j][d];
      similarity[i][j] = dot;
      similarity[j][i] = dot;
    }
  }
  const neighbours = Math.min(k, n - 1);
  return examples.map((_, i) => {
    const ranked = examples
      .map((__, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => similarity[i][b] - similarity[i][a] || examples[a].classIndex - examples[b].classIndex || a - b);
    const votes = new Array<number>(classCount).fill(0);
    for (const j of ranked.slice(0, neighbours)) votes[examples[j].classIndex]++;
    const confidences = votes.map((count) => count / neighbours);
    return { classIndex: topClass(confidences), confidences };
  });
}
