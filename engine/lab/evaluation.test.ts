import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { isEngineError } from '../errors';
import { stackEmbeddings } from '../heads/head';
import { KnnHead } from '../heads/knn-head';
import { seededRandom } from '../training-data';
import { EMBEDDING_SIZE, type LabelledEmbedding, type Prediction } from '../types';
import { changedAnswers, evaluatePredictions, leaveOneOutKnn, wholePercentages } from './evaluation';

before(async () => {
  await tf.setBackend('cpu');
});

const said = (classIndex: number, confidences: number[]): Prediction => ({ classIndex, confidences });

test('a known tiny case: counts, accuracy, per-class accuracy with its count, confusion matrix', () => {
  // 3 classes; class 2 has no pictures to check.
  const truth = [0, 0, 0, 1, 1, 1, 1];
  const predictions = [
    said(0, [0.9, 0.1, 0]),
    said(0, [0.6, 0.4, 0]),
    said(1, [0.2, 0.7, 0.1]),
    said(1, [0, 1, 0]),
    said(1, [0.1, 0.8, 0.1]),
    said(2, [0.1, 0.3, 0.6]),
    said(0, [0.5, 0.25, 0.25]),
  ];
  const result = evaluatePredictions(truth, predictions, 3);
  assert.equal(result.total, 7);
  assert.equal(result.right, 4);
  assert.equal(result.wrong, 3);
  assert.equal(result.accuracy, 4 / 7);
  assert.deepEqual(result.confusion, [
    [2, 1, 0],
    [1, 2, 1],
    [0, 0, 0],
  ]);
  assert.deepEqual(result.perClass, [
    { total: 3, right: 2, accuracy: 2 / 3 },
    { total: 4, right: 2, accuracy: 0.5 },
    { total: 0, right: 0, accuracy: undefined },
  ]);
  assert.deepEqual(
    result.pictures.map((p) => p.correct),
    [true, true, false, true, true, false, false],
  );
  assert.deepEqual(result.pictures[2], { trueClass: 0, predictedClass: 1, correct: false, percentages: [20, 70, 10] });
  assert.deepEqual(result.pictures[6].percentages, [50, 25, 25]);
});

test('fewer than 10 pictures is flagged shaky; 10 is not', () => {
  const right = (n: number) => evaluatePredictions(new Array(n).fill(1), new Array(n).fill(said(1, [0, 1])), 2);
  assert.equal(right(9).shaky, true);
  assert.equal(right(9).accuracy, 1);
  assert.equal(right(10).shaky, false);
  const none = evaluatePredictions([], [], 2);
  assert.equal(none.total, 0);
  assert.equal(none.accuracy, undefined);
  assert.equal(none.shaky, true);
});

test('percentages are whole numbers that add up to exactly 100', () => {
  assert.deepEqual(wholePercentages([1 / 3, 1 / 3, 1 / 3]), [34, 33, 33]);
  assert.deepEqual(wholePercentages([0.666, 0.334]), [67, 33]);
  assert.deepEqual(wholePercentages([0.004, 0.005, 0.991]), [0, 1, 99]);
  // Softmax rows sum to ~1, not exactly 1: still 100.
  assert.deepEqual(wholePercentages([0.2500001, 0.2500001, 0.5000001]), [25, 25, 50]);
});

test('bad input is refused with an engine error, not a wrong number', () => {
  const refuses = (work: () => unknown) => assert.throws(work, (error) => isEngineError(error) && error.code === 'internal');
  refuses(() => evaluatePredictions([0, 1], [said(0, [1, 0])], 2));
  refuses(() => evaluatePredictions([2], [said(0, [1, 0])], 2));
  refuses(() => evaluatePredictions([0], [said(0, [1, 0, 0])], 2));
  refuses(() => changedAnswers([said(0, [1, 0])], []));
});

test('changed answers lists the pictures whose top class differs', () => {
  const before = [said(0, [0.9, 0.1]), said(1, [0.4, 0.6]), said(1, [0.1, 0.9])];
  const after = [said(0, [0.8, 0.2]), said(0, [0.51, 0.49]), said(1, [0.2, 0.8])];
  assert.deepEqual(changedAnswers(before, after), [1]);
});

/** A 2-number "embedding" at `degrees` on the circle, `length` long (cosine similarity ignores the length). */
const at = (classIndex: number, degrees: number, length = 1): LabelledEmbedding => {
  const radians = (degrees * Math.PI) / 180;
  return { classIndex, embedding: Float32Array.of(length * Math.cos(radians), length * Math.sin(radians)) };
};

// Class 0 around 0-20 degrees, class 1 around 80-90 degrees, plus a long class-1 example at 15 degrees that sits
// among class 0 (like a mislabelled picture).
const circle = [at(0, 0), at(0, 10), at(0, 20), at(1, 80), at(1, 90), at(1, 15, 5)];

test('leave-one-out KNN on a known tiny case, k = 3', () => {
  const predictions = leaveOneOutKnn(circle, 2, 3);
  assert.deepEqual(predictions, [
    said(0, [2 / 3, 1 / 3]), // neighbours 10 (c0), 15 (c1), 20 (c0)
    said(0, [2 / 3, 1 / 3]), // 15 (c1), 0 and 20 (c0)
    said(0, [2 / 3, 1 / 3]), // 15 (c1), 10 (c0), 0 (c0)
    said(1, [1 / 3, 2 / 3]), // 90 (c1), 20 (c0), 15 (c1)
    said(1, [1 / 3, 2 / 3]), // 80 (c1), 20 (c0), 15 (c1)
    said(0, [1, 0]), // the odd one out: 10, 20, 0 are all class 0
  ]);
  const result = evaluatePredictions(
    circle.map((e) => e.classIndex),
    predictions,
    2,
  );
  assert.equal(result.accuracy, 5 / 6);
  assert.deepEqual(result.confusion, [
    [3, 0],
    [1, 2],
  ]);
  assert.deepEqual(
    result.perClass.map((score) => score.accuracy),
    [1, 2 / 3],
  );
});

test('leave-one-out KNN with k = 1 listens only to the nearest neighbour', () => {
  const predictions = leaveOneOutKnn(circle, 2, 1);
  assert.deepEqual(
    predictions.map((p) => p.classIndex),
    [0, 1, 1, 1, 1, 0],
  );
  assert.equal(
    evaluatePredictions(
      circle.map((e) => e.classIndex),
      predictions,
      2,
    ).accuracy,
    3 / 6,
  );
});

test('leave-one-out gives exactly what the real KNN head predicts when trained without that example', async () => {
  const random = seededRandom(42);
  const examples: LabelledEmbedding[] = Array.from({ length: 12 }, (_, i) => {
    const classIndex = i % 3;
    // Each class leans towards its own third of the numbers, with plenty of noise, so neighbours disagree sometimes.
    const embedding = Float32Array.from(
      { length: EMBEDDING_SIZE },
      (__, d) => random() + (Math.floor((d * 3) / EMBEDDING_SIZE) === classIndex ? 0.08 : 0),
    );
    return { classIndex, embedding };
  });
  const tensorsBefore = tf.memory().numTensors;
  const expected: Prediction[] = [];
  for (let i = 0; i < examples.length; i++) {
    const head = KnnHead.fromExamples(
      examples.filter((_, j) => j !== i),
      3,
      5,
    );
    const input = stackEmbeddings([examples[i].embedding]);
    const [confidences] = await head.predict(input);
    input.dispose();
    head.dispose();
    expected.push({ classIndex: confidences.indexOf(Math.max(...confidences)), confidences });
  }
  assert.equal(tf.memory().numTensors, tensorsBefore);
  const predictions = leaveOneOutKnn(examples, 3, 5);
  assert.deepEqual(predictions, expected);
  const wrong = predictions.filter((p, i) => p.classIndex !== examples[i].classIndex).length;
  assert.ok(wrong > 0 && wrong < examples.length, `a case with both right and wrong answers (${wrong} wrong)`);
});

test('leave-one-out refuses what it cannot do', () => {
  assert.throws(
    () => leaveOneOutKnn([circle[0]], 2, 3),
    (error) => isEngineError(error),
  );
  assert.throws(
    () => leaveOneOutKnn(circle, 2, 0),
    (error) => isEngineError(error),
  );
  assert.throws(
    () => leaveOneOutKnn([at(2, 0), at(0, 1)], 2, 1),
    (error) => isEngineError(error),
  );
});
