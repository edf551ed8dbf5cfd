// Teachable Machine's engine started and its embedding timed as its web app runs it, for every bench page
// that sets it beside ours (tm-bench.ts, runtimes-bench.ts).
import * as tmImage from '@teachablemachine/image';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BATCH_ROUNDS, DIGITS, median, TRAIN_PER_CLASS, type Photo } from './measure';

/** Its base model on WASM (`?backend=` may ask for another), labelled with the digits, warmed up. */
export async function startTeachableMachine(): Promise<tmImage.TeachableMobileNet> {
  setWasmPaths('/tfjs-wasm/');
  const wanted = new URLSearchParams(location.search).get('backend') ?? 'wasm';
  await tf.setBackend(wanted);
  await tf.ready();
  const model = await tmImage.createTeachable({ tfjsVersion: tf.version.tfjs }, { version: 2, alpha: 0.35 });
  model.setLabels(DIGITS.map(String));
  tf.tidy(() => model.truncatedModel.predict(tf.zeros([1, 224, 224, 3])));
  return model;
}

/** addExample embeds one picture (as TM's app does for each picture): each call's time is one picture's. */
export async function addExamplesTimed(model: tmImage.TeachableMobileNet, photos: readonly Photo[]): Promise<number[]> {
  const times: number[] = [];
  for (const photo of photos) {
    const started = performance.now();
    await model.addExample(photo.classIndex, photo.canvas);
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * TM has no batch API: its backbone model directly, on pictures prepared as capture() does (not timed); ms per
 * picture.
 */
export async function timeTmBatch(model: tmImage.TeachableMobileNet, photos: readonly Photo[]): Promise<number> {
  const batch = tf.tidy(() => tf.stack(photos.map((photo) => tf.browser.fromPixels(photo.canvas).toFloat().div(127).sub(1))));
  try {
    const started = performance.now();
    const output = model.truncatedModel.predict(batch) as tf.Tensor;
    await output.data();
    output.dispose();
    return (performance.now() - started) / photos.length;
  } finally {
    batch.dispose();
  }
}

/** The median of BATCH_ROUNDS batches of 30 after a warm-up one; ms per picture. */
export async function tmBatchMs(model: tmImage.TeachableMobileNet, photos: readonly Photo[]): Promise<number> {
  const batches: number[] = [];
  for (let round = 0; round <= BATCH_ROUNDS; round++) {
    const ms = await timeTmBatch(model, photos.slice(0, TRAIN_PER_CLASS));
    if (round > 0) batches.push(ms);
  }
  return median(batches);
}
