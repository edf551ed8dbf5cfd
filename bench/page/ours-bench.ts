// Our engine as the editor runs it: in its Web Worker, behind the same client the model service uses. Times
// are what the main thread waits for (messages included).
import {
  DEFAULT_TRAINING_SETTINGS,
  INPUT_SIZE,
  type ClassInfo,
  type Embedding,
  type LabelledEmbedding,
  type RgbaImage,
} from '../../engine';
import { centreSquare } from '../../extension/video/square-frame';
import { createWorkerEngine } from '../../worker/engine-client';
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

/** The model service embeds pictures in batches of this size as a child adds them. */
const ADD_BATCH = 8;
const MODEL_KEY = 'bench';

async function run(): Promise<SideResult> {
  const engine = createWorkerEngine(new Worker('/engine-worker.js', { name: 'image-model-engine' }));
  const info = await engine.init({ sources: [{ kind: 'backbone', url: '/models/backbone/model.json' }], wasmPath: '/tfjs-wasm/' });
  const photos = await loadPhotos();
  const images = photos.train.map((photo) => photo.image);
  await engine.embed([images[0]]);

  const single: number[] = [];
  for (const image of images.slice(0, TRAIN_PER_CLASS)) {
    const started = performance.now();
    await engine.embed([image]);
    single.push(performance.now() - started);
  }
  const batches: number[] = [];
  // The first batch of a new size pays for setting it up: warm up, then the median of three.
  for (let round = 0; round <= BATCH_ROUNDS; round++) {
    const t0 = performance.now();
    await engine.embed(images.slice(0, TRAIN_PER_CLASS));
    if (round > 0) batches.push((performance.now() - t0) / TRAIN_PER_CLASS);
  }
  const embedBatchMs = median(batches);

  // From the first picture added to a usable model: embed as pictures arrive, then Train.
  let started = performance.now();
  const embeddings: Embedding[] = [];
  for (let i = 0; i < images.length; i += ADD_BATCH) embeddings.push(...(await engine.embed(images.slice(i, i + ADD_BATCH))));
  const addAllMs = performance.now() - started;
  const classes: ClassInfo[] = DIGITS.map((digit) => ({ id: `digit-${digit}`, name: String(digit) }));
  const examples: LabelledEmbedding[] = photos.train.map((photo, i) => ({ classIndex: photo.classIndex, embedding: embeddings[i] }));
  const trainRuns: TrainRun[] = [];
  for (const seed of TRAIN_SEEDS) {
    // The first seed's model stays loaded for the rows below.
    const key = seed === TRAIN_SEEDS[0] ? MODEL_KEY : `${MODEL_KEY}-${seed}`;
    started = performance.now();
    const model = await engine.train({ modelName: 'bench', classes, examples, settings: DEFAULT_TRAINING_SETTINGS, seed });
    await engine.loadModel(key, model);
    const ms = performance.now() - started;
    let right = 0;
    for (const photo of photos.heldOut) if ((await engine.predict(key, photo.image)).classIndex === photo.classIndex) right += 1;
    trainRuns.push({ seed, ms, heldOutAccuracy: right / photos.heldOut.length });
    if (key !== MODEL_KEY) await engine.unloadModel(key);
  }

  // Live: exactly the main thread's part of `recognize video` (extension/video/square-frame.ts), then the worker.
  const frameCanvas = document.createElement('canvas');
  frameCanvas.width = Math.round((INPUT_SIZE * 4) / 3);
  frameCanvas.height = INPUT_SIZE;
  const frameContext = frameCanvas.getContext('2d', { willReadFrequently: true })!;
  const live = await liveLoop(photos.heldOut, async (camera) => {
    frameContext.drawImage(camera, 0, 0, camera.width, camera.height, 0, 0, frameCanvas.width, frameCanvas.height);
    const frame: RgbaImage = centreSquare(frameContext.getImageData(0, 0, frameCanvas.width, frameCanvas.height));
    await engine.predict(MODEL_KEY, frame);
  });

  const tensorsBefore = (await engine.memory()).numTensors;
  const heapBeforeMb = heapMb();
  for (let i = 0; i < RECOGNITIONS; i++) await engine.predict(MODEL_KEY, photos.heldOut[i % photos.heldOut.length].image);
  const tensorsAfter = (await engine.memory()).numTensors;
  const heapAfterMb = heapMb();

  return {
    engine: 'ours (worker)',
    backend: info.backend,
    cores: navigator.hardwareConcurrency,
    crossOriginIsolated,
    embedSingleMs: median(single),
    embedBatchMs,
    embedBatchNote: `engine.embed, ${TRAIN_PER_CLASS} at once`,
    addAllMs,
    trainRuns,
    liveFps: live.fps,
    longestTaskMs: live.longest,
    longTasks: live.count,
    tensorsBefore,
    tensorsAfter,
    heapBeforeMb,
    heapAfterMb,
    heapNote: 'main thread (tensors live in the worker)',
  };
}

(globalThis as { runBench?: () => Promise<SideResult> }).runBench = run;
