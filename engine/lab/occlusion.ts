// "What is it looking at?": occlusion sensitivity. Each cell of a grid over the picture is covered with a grey
// patch in turn, the covered copies run through the backbone in batches, and the drop in the answered class's
// score says how much the answer depended on that part of the picture. Chosen over Grad-CAM because it needs no
// gradients through the fused graph, works the same for every head kind (KNN has no gradient at all), and its
// 7×7 map is finer than Grad-CAM's on MobileNet's last 7×7 convolution would be after upsampling.
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbone/backbone';
import type { Head } from '../heads/head';
import { topClass } from '../heads/head';
import { imageToTensor } from '../preprocess';
import { EMBEDDING_SIZE, INPUT_SIZE, type RgbaImage } from '../types';

/** Cells per side: 49 covered copies stay under a second of backbone time, and a 32-pixel patch hides a hand or a face. */
export const OCCLUSION_GRID = 7;
/** Covered copies per backbone call (as the backbone's own batching: larger batches only cost memory). */
const OCCLUSION_BATCH = 8;
/** The patch's value in the backbone's input scale (x / 127.5 - 1): mid grey, the colour least like any object. */
const GREY = 0;

/** How far a heatmap has got: covered copies looked at, of all. */
export interface HeatmapProgress {
  readonly done: number;
  readonly total: number;
}

export interface Heatmap {
  /** The class the model answers for the whole picture (index in the model's class order). */
  readonly classIndex: number;
  /** Its confidence for the whole picture, 0..1. */
  readonly confidence: number;
  /** Cells per side. */
  readonly grid: number;
  /**
   * Per cell, row by row from the top left: how much the answered class's score fell when that cell was covered
   * (negative: covering it made the answer surer). A dense head's score is its confidence; a KNN head's is how much
   * nearer its k nearest pictures of that class are than those of any other class, because its votes move in
   * steps of 1/k and most patches would show no change at all.
   */
  readonly drops: readonly number[];
}

/** The scores of the class `classIndex` for each embedding: what the drops are measured in. */
type ClassScore = (embeddings: tf.Tensor2D, classIndex: number) => Promise<number[]>;

function confidenceScore(head: Head): ClassScore {
  return async (embeddings, classIndex) => (await head.predict(embeddings)).map((row) => row[classIndex]);
}

/**
 * A KNN head's evidence for a class: how much nearer its k nearest remembered pictures of that class are than
 * those of the nearest other class (mean cosine similarity). Covering any patch makes a picture less like every
 * class; only the margin says which patch made it look like its answer.
 */
async function knnMarginScore(head: Head): Promise<ClassScore> {
  const description = head.describe();
  if (description.kind !== 'knn') return confidenceScore(head);
  const { k, examplesPerClass } = description;
  const {
    values: [remembered],
  } = await head.weights();
  const starts = examplesPerClass.map((_, classIndex) => examplesPerClass.slice(0, classIndex).reduce((sum, count) => sum + count, 0));
  return async (embeddings, classIndex) => {
    const scores = tf.tidy(() => {
      // The remembered pictures are unit length already; the covered copies are made so here.
      const unit = tf.div(embeddings, tf.maximum(tf.norm(embeddings, 'euclidean', 1, true), 1e-12));
      const nearness = examplesPerClass.map((count, other) => {
        if (count === 0) return tf.fill([embeddings.shape[0]], -1);
        const ofClass = tf.tensor2d(remembered.subarray(starts[other] * EMBEDDING_SIZE, (starts[other] + count) * EMBEDDING_SIZE), [
          count,
          EMBEDDING_SIZE,
        ]);
        return tf.mean(tf.topk(tf.matMul(unit, ofClass, false, true), Math.min(k, count)).values, 1);
      });
      const others = nearness.filter((_, other) => other !== classIndex);
      return tf.sub(nearness[classIndex], others.length > 0 ? tf.max(tf.stack(others), 0) : 0);
    });
    try {
      return Array.from(await scores.data());
    } finally {
      scores.dispose();
    }
  };
}

/** The input values of `picture` with cell `cell` of the grid set to grey. */
function coverCell(picture: Float32Array, cell: number, grid: number, out: Float32Array, offset: number): void {
  out.set(picture, offset);
  const size = INPUT_SIZE / grid;
  const [top, left] = [Math.round(Math.floor(cell / grid) * size), Math.round((cell % grid) * size)];
  const [bottom, right] = [Math.round(top + size), Math.round(left + size)];
  for (let y = top; y < bottom; y++) out.fill(GREY, offset + (y * INPUT_SIZE + left) * 3, offset + (y * INPUT_SIZE + right) * 3);
}

/** The heatmap of `image` for `head`, with progress after each batch of covered copies. */
export async function occlusionHeatmap(
  backbone: Backbone,
  head: Head,
  image: RgbaImage,
  onProgress?: (progress: HeatmapProgress) => void,
  grid = OCCLUSION_GRID,
): Promise<Heatmap> {
  const total = grid * grid;
  const input = imageToTensor(image);
  let picture: Float32Array;
  let whole: tf.Tensor2D;
  try {
    picture = await input.data<'float32'>();
    whole = backbone.embedInput(input);
  } finally {
    input.dispose();
  }
  const score = await knnMarginScore(head);
  let classIndex: number;
  let confidence: number;
  let wholeScore: number;
  try {
    const [confidences] = await head.predict(whole);
    classIndex = topClass(confidences);
    confidence = confidences[classIndex];
    [wholeScore] = await score(whole, classIndex);
  } finally {
    whole.dispose();
  }
  const drops: number[] = [];
  onProgress?.({ done: 0, total });
  const perPicture = INPUT_SIZE * INPUT_SIZE * 3;
  for (let first = 0; first < total; first += OCCLUSION_BATCH) {
    const count = Math.min(OCCLUSION_BATCH, total - first);
    const values = new Float32Array(count * perPicture);
    for (let i = 0; i < count; i++) coverCell(picture, first + i, grid, values, i * perPicture);
    const embeddings = tf.tidy(() => backbone.embedInput(tf.tensor4d(values, [count, INPUT_SIZE, INPUT_SIZE, 3])));
    try {
      drops.push(...(await score(embeddings, classIndex)).map((covered) => wholeScore - covered));
    } finally {
      embeddings.dispose();
    }
    onProgress?.({ done: first + count, total });
  }
  return { classIndex, confidence, grid, drops };
}
