// K nearest neighbours on unit-length embeddings (cosine similarity): "training" is remembering the examples.
import { KNNClassifier } from '@tensorflow-models/knn-classifier';
import * as tf from '@tensorflow/tfjs';
import type { HeadDescription, LabelledEmbedding, WeightSpec } from '../types';
import { scoreConfidences, stackEmbeddings, type Head, type HeadRuntime, type TrainedHead } from './head';
import { expectedWeightSpecs } from './kinds';

export class KnnHead implements Head {
  private constructor(
    private readonly classifier: KNNClassifier,
    private readonly k: number,
    private readonly examplesPerClass: readonly number[],
    private readonly features: number,
  ) {}

  /**
   * From each class's unit-length examples of `features` numbers, laid out class after class in one
   * [total, features] array (the stored form). Classes with 0 examples are allowed: they never get a vote.
   */
  static fromNormalized(values: Float32Array, examplesPerClass: readonly number[], k: number, features: number): KnnHead {
    const dataset: Record<number, tf.Tensor2D> = {};
    let row = 0;
    examplesPerClass.forEach((count, classIndex) => {
      if (count === 0) return;
      dataset[classIndex] = tf.tensor2d(values.subarray(row * features, (row + count) * features), [count, features]);
      row += count;
    });
    const classifier = new KNNClassifier();
    // Class indices are the labels: integer keys keep the classes in index order inside the classifier.
    classifier.setClassifierDataset(dataset);
    return new KnnHead(classifier, k, examplesPerClass, features);
  }

  /** Normalises the examples in one batch (adding them one by one would copy the growing matrix every time). */
  static fromExamples(examples: readonly LabelledEmbedding[], classCount: number, k: number): KnnHead {
    const byClass = Array.from({ length: classCount }, (_, classIndex) => examples.filter((e) => e.classIndex === classIndex));
    const normalized = tf.tidy(() => {
      const matrix = stackEmbeddings(byClass.flat().map((example) => example.embedding));
      // An all-zero embedding stays zero (similar to nothing) instead of becoming NaN and spoiling the model file.
      const lengths = tf.maximum(tf.norm(matrix, 'euclidean', 1, true), 1e-12);
      return tf.div(matrix, lengths).dataSync() as Float32Array;
    });
    return KnnHead.fromNormalized(
      normalized,
      byClass.map((ofClass) => ofClass.length),
      k,
      examples[0].embedding.length,
    );
  }

  async predict(embeddings: tf.Tensor2D): Promise<number[][]> {
    const rows: number[][] = [];
    // Rows come from one read of the data: tf.slice on a large tensor costs ~1 ms per row on WASM.
    const values = await embeddings.data<'float32'>();
    for (let i = 0; i < embeddings.shape[0]; i++) {
      const row = tf.tensor2d(values.subarray(i * this.features, (i + 1) * this.features), [1, this.features]);
      try {
        const { confidences } = await this.classifier.predictClass(row, this.k);
        rows.push(this.examplesPerClass.map((_, classIndex) => confidences[classIndex] ?? 0));
      } finally {
        row.dispose();
      }
    }
    return rows;
  }

  describe(): HeadDescription {
    return { kind: 'knn', k: this.k, examplesPerClass: [...this.examplesPerClass] };
  }

  async weights(): Promise<{ specs: WeightSpec[]; values: Float32Array[] }> {
    const dataset = this.classifier.getClassifierDataset();
    const perClass = await Promise.all(
      this.examplesPerClass.map((count, classIndex) =>
        count === 0 ? new Float32Array(0) : (dataset[classIndex].data() as Promise<Float32Array>),
      ),
    );
    const total = this.examplesPerClass.reduce((sum, count) => sum + count, 0);
    const values = new Float32Array(total * this.features);
    let offset = 0;
    for (const part of perClass) {
      values.set(part, offset);
      offset += part.length;
    }
    return { specs: expectedWeightSpecs(this.describe(), this.features), values: [values] };
  }

  dispose(): void {
    this.classifier.dispose();
  }
}

/**
 * Remembers the examples. The single "epoch" reports how a KNN of the training examples classifies them and
 * the held-out ones, in the same terms as the dense head's epochs. The kept head then remembers the held-out
 * examples too: for KNN, refitting on everything is free, and every picture a child took makes it better.
 */
export async function trainKnnHead(
  training: readonly LabelledEmbedding[],
  validation: readonly LabelledEmbedding[],
  classCount: number,
  k: number,
): Promise<TrainedHead> {
  const started = performance.now();
  const checked = KnnHead.fromExamples(training, classCount, k);
  const score = async (examples: readonly LabelledEmbedding[]) => {
    const input = stackEmbeddings(examples.map((e) => e.embedding));
    try {
      return scoreConfidences(
        await checked.predict(input),
        examples.map((e) => e.classIndex),
      );
    } finally {
      input.dispose();
    }
  };
  let head: KnnHead | undefined;
  try {
    const fit = await score(training);
    const held = validation.length > 0 ? await score(validation) : undefined;
    head = held ? KnnHead.fromExamples([...training, ...validation], classCount, k) : checked;
    const metrics = {
      epoch: 1,
      loss: fit.loss,
      acc: fit.acc,
      ...(held && { valLoss: held.loss, valAcc: held.acc }),
      ms: performance.now() - started,
    };
    return { head, history: [metrics] };
  } finally {
    if (head !== checked) checked.dispose();
  }
}

export const KNN_RUNTIME: HeadRuntime<'knn'> = {
  async train({ training, validation, classCount, settings, onEpoch }) {
    const trained = await trainKnnHead(training, validation, classCount, settings.k);
    onEpoch?.(trained.history[0]);
    return trained;
  },
  load: (head, tensors, features) => KnnHead.fromNormalized(tensors[0], head.examplesPerClass, head.k, features),
};
