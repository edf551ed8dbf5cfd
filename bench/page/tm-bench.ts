// Teachable Machine's own engine (@teachablemachine/image 0.8.5) as its web app uses it: on the page's main
// thread, pictures added with addExample, train() with its defaults, predict() on a canvas. It gets the same
// backend choice that is fastest here (WASM), since its default (WebGL) is a software renderer on this machine.
import * as tmImage from '@teachablemachine/image';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  BATCH_ROUNDS,
  DIGITS,
  heapMb,
  liveLoop,
  loadPhotos,
  median,
  RECOGNITIONS,
  TRAIN_PER_CLASS,
  TRAIN_SEEDS,
  type SideResult,
  type TrainRun,
} from './measure';

/** Teachable Machine's web app defaults. */
export const TM_DEFAULTS = { denseUnits: 100, epochs: 50, learningRate: 0.001, batchSize: 16 };

function topClass(answer: readonly { probability: number }[]): number {
  return answer.reduce((best, entry, i) => (entry.probability > answer[best].probability ? i : best), 0);
}

async function run(): Promise<SideResult> {
  setWasmPaths('/tfjs-wasm/');
  const wanted = new URLSearchParams(location.search).get('backend') ?? 'wasm';
  await tf.setBackend(wanted);
  await tf.ready();
  const model = await tmImage.createTeachable({ tfjsVersion: tf.version.tfjs }, { version: 2, alpha: 0.35 });
  model.setLabels(DIGITS.map(String));
  const photos = await loadPhotos();
  tf.tidy(() => model.truncatedModel.predict(tf.zeros([1, 224, 224, 3])));

  // addExample embeds one picture (as TM's app does for each picture): its times are the single-picture times.
  const single: number[] = [];
  let started = performance.now();
  for (const photo of photos.train) {
    const t0 = performance.now();
    await model.addExample(photo.classIndex, photo.canvas);
    single.push(performance.now() - t0);
  }
  const addAllMs = performance.now() - started;

  // TM has no batch API: its backbone model directly, on a batch of pictures prepared as capture() does.
  const batch = tf.tidy(() =>
    tf.stack(photos.train.slice(0, TRAIN_PER_CLASS).map((photo) => tf.browser.fromPixels(photo.canvas).toFloat().div(127).sub(1))),
  );
  const batches: number[] = [];
  for (let round = 0; round <= BATCH_ROUNDS; round++) {
    const t0 = performance.now();
    const output = model.truncatedModel.predict(batch) as tf.Tensor;
    await output.data();
    output.dispose();
    if (round > 0) batches.push((performance.now() - t0) / TRAIN_PER_CLASS);
  }
  const embedBatchMs = median(batches);
  batch.dispose();

  const trainRuns: TrainRun[] = [];
  for (const seed of TRAIN_SEEDS) {
    // A new seed and a new split and order from it (train() prepares only once by itself); the last model stays.
    model.setSeed(`bench-${seed}`);
    started = performance.now();
    model.prepare();
    await model.train(TM_DEFAULTS);
    const ms = performance.now() - started;
    let right = 0;
    for (const photo of photos.heldOut) if (topClass(await model.predict(photo.canvas)) === photo.classIndex) right += 1;
    trainRuns.push({ seed, ms, heldOutAccuracy: right / photos.heldOut.length });
  }

  const live = await liveLoop(photos.heldOut, async (camera) => {
    await model.predict(camera);
  });

  const tensorsBefore = tf.memory().numTensors;
  const heapBeforeMb = heapMb();
  for (let i = 0; i < RECOGNITIONS; i++) await model.predict(photos.heldOut[i % photos.heldOut.length].canvas);
  const tensorsAfter = tf.memory().numTensors;
  const heapAfterMb = heapMb();

  return {
    engine: 'Teachable Machine 0.8.5',
    backend: tf.getBackend(),
    cores: navigator.hardwareConcurrency,
    crossOriginIsolated,
    embedSingleMs: median(single),
    embedBatchMs,
    embedBatchNote: `its backbone model, ${TRAIN_PER_CLASS} at once`,
    addAllMs,
    trainRuns,
    liveFps: live.fps,
    longestTaskMs: live.longest,
    longTasks: live.count,
    tensorsBefore,
    tensorsAfter,
    heapBeforeMb,
    heapAfterMb,
    heapNote: 'main thread (holds its tensors)',
  };
}

(globalThis as { runBench?: () => Promise<SideResult> }).runBench = run;
