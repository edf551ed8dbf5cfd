// Teachable Machine's own engine (@teachablemachine/image 0.8.5) as its web app uses it: on the page's main
// thread, pictures added with addExample, train() with its defaults, predict() on a canvas. It gets the same
// backend choice that is fastest here (WASM), since its default (WebGL) is a software renderer on this machine.
import * as tf from '@tensorflow/tfjs';
import {
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
import { addExamplesTimed, startTeachableMachine, tmBatchMs } from './tm-embed';

/** Teachable Machine's web app defaults. */
export const TM_DEFAULTS = { denseUnits: 100, epochs: 50, learningRate: 0.001, batchSize: 16 };

function topClass(answer: readonly { probability: number }[]): number {
  return answer.reduce((best, entry, i) => (entry.probability > answer[best].probability ? i : best), 0);
}

async function run(): Promise<SideResult> {
  const model = await startTeachableMachine();
  const photos = await loadPhotos();
  let started = performance.now();
  const single = await addExamplesTimed(model, photos.train);
  const addAllMs = performance.now() - started;
  const embedBatchMs = await tmBatchMs(model, photos.train);

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
