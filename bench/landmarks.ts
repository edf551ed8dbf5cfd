// Hands against Pictures on the shared sign-digit photos (classes 0–4: 20 photos to train on and 20 held out per
// class, every head kind) and MediaPipe Hands' speed in headless Chromium on this machine. Part of `npm run bench`
// (bench/run.ts); `node --import tsx bench/landmarks.ts` runs it alone. Figures only, no thresholds.
//
// MediaPipe runs in the page from the package's own files (locateFile → a local route), with its inference on the
// CPU (XNNPACK): on this machine's software WebGL (SwiftShader) GPU inference takes ~1.2 s a frame.
// Photos are separate pictures, so the graph is reset before each one (palm detection every time, no tracking);
// live video keeps tracking between frames, which is what the frames-per-second row measures.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { MEDIAPIPE_HANDS_DIR, MEDIAPIPE_HANDS_FILES, mediapipeHandsSource } from '../editor/build/mediapipe-hands-files.mjs';
import {
  normaliseHand,
  type Embedding,
  type EngineApi,
  type FeatureSource,
  type FoundHand,
  type HeadKind,
  type LabelledEmbedding,
} from '../engine';
import { createEngine } from '../engine/runtime';
import { startModelServer } from '../engine/test-support/model-server';
import { settingsWith } from '../engine/test-support/settings';
import { decodeJpeg, signDigitPhotos } from '../engine/test-support/shared-data';

const DIGITS = [0, 1, 2, 3, 4] as const;
const PER_CLASS = 20;
/** White border around each photo: the photos are close-ups, and MediaPipe's palm detector finds 190 of 200 hands with it, 170 without. */
const BORDER = 0.15;
const LIVE_FRAMES = 60;

export interface LandmarkFigures {
  readonly photos: number;
  readonly handsFound: number;
  /** Hands' accuracy on held-out photos with a hand found, and counting a photo with none as wrong. */
  readonly accuracy: Readonly<Record<FeatureSource, Readonly<Record<HeadKind, number>>>>;
  readonly handsAccuracyAllPhotos: Readonly<Record<HeadKind, number>>;
  readonly photoMs: number;
  readonly liveFps: number;
  readonly longestTaskMs: number;
}

interface PageFigures {
  readonly hands: (FoundHand | null)[];
  readonly photoMs: number;
  readonly liveFps: number;
  readonly longestTaskMs: number;
}

function serve(files: readonly string[]): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(`<!doctype html><meta charset="utf-8"><title>landmarks</title><script src="${MEDIAPIPE_HANDS_DIR}/hands.js"></script>`);
      return;
    }
    const photo = /^\/photo\/(\d+)$/.exec(url.pathname);
    // Only the files the build ships (at the same relative path), so the bench shows one the list lacks.
    const name = url.pathname.slice(`/${MEDIAPIPE_HANDS_DIR}/`.length);
    const shipped = url.pathname.startsWith(`/${MEDIAPIPE_HANDS_DIR}/`) && MEDIAPIPE_HANDS_FILES.includes(name);
    const file = photo ? files[Number(photo[1])] : shipped ? path.join(mediapipeHandsSource(), name) : undefined;
    try {
      if (!file) throw new Error('not found');
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
      response.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
    } catch {
      if (url.pathname.startsWith(`/${MEDIAPIPE_HANDS_DIR}/`))
        console.error(`Hands asked for ${url.pathname}, which the build does not ship`);
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page: every photo through Hands (reset before each), then live-style frames for the speed. */
async function inPage([count, border, liveFrames, dir]: readonly [number, number, number, string]): Promise<PageFigures> {
  interface Results {
    multiHandLandmarks?: { x: number; y: number; z: number }[][];
    multiHandedness?: { label: 'Left' | 'Right' }[];
  }
  interface HandsSolution {
    setOptions(options: object): void;
    onResults(listener: (results: Results) => void): void;
    initialize(): Promise<void>;
    reset(): void;
    send(input: { image: HTMLCanvasElement }): Promise<void>;
    close(): Promise<void>;
  }
  const { Hands } = globalThis as unknown as { Hands: new (config: object) => HandsSolution };
  const hands = new Hands({ locateFile: (file: string) => `${dir}/${file}` });
  hands.setOptions({ maxNumHands: 1, modelComplexity: 1, useCpuInference: true });
  // A holder, not a variable: the listener fills it in during send().
  const latest: { results?: Results } = {};
  hands.onResults((results) => (latest.results = results));
  await hands.initialize();
  const canvases: HTMLCanvasElement[] = [];
  for (let i = 0; i < count; i++) {
    const image = new Image();
    image.src = `/photo/${i}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 256;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    const pad = Math.round(256 * border);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 256, 256);
    context.drawImage(image, pad, pad, 256 - 2 * pad, 256 - 2 * pad);
    canvases.push(canvas);
  }
  const found: (FoundHand | null)[] = [];
  let started = performance.now();
  for (const canvas of canvases) {
    hands.reset();
    delete latest.results;
    await hands.send({ image: canvas });
    // send() has called the listener by now, which the type checker cannot see.
    const results = latest.results as Results | undefined;
    const landmarks = results?.multiHandLandmarks?.[0];
    const handedness = results?.multiHandedness?.[0]?.label;
    found.push(landmarks && handedness ? { landmarks: landmarks.map(({ x, y, z }) => ({ x, y, z })), handedness } : null);
  }
  const photoMs = (performance.now() - started) / count;
  hands.reset();
  // How long the page cannot answer anything (a click, a frame of the editor): the longest gap between turns of a
  // message loop that runs beside the frames. Between frames the loop gives way, as a live video loop would (send's
  // own awaits are promise continuations only, which would starve every other task). Long-task entries are not
  // reported for work started by evaluate.
  let longestTaskMs = 0;
  let live = true;
  const channel = new MessageChannel();
  let lastTurn = performance.now();
  channel.port1.onmessage = () => {
    const now = performance.now();
    longestTaskMs = Math.max(longestTaskMs, now - lastTurn);
    lastTurn = now;
    if (live) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  started = performance.now();
  for (let frame = 0; frame < liveFrames; frame++) {
    await hands.send({ image: canvases[frame % Math.min(count, 10)] });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const liveFps = liveFrames / ((performance.now() - started) / 1000);
  live = false;
  await hands.close();
  return { hands: found, photoMs, liveFps, longestTaskMs };
}

/** Held-out accuracy of a model trained on `training` through the engine, as the trainer would train it. */
async function heldOutAccuracy(
  engine: EngineApi,
  featureSource: FeatureSource,
  kind: HeadKind,
  training: readonly LabelledEmbedding[],
  heldOut: readonly LabelledEmbedding[],
): Promise<number> {
  const model = await engine.train({
    modelName: `${featureSource} ${kind}`,
    featureSource,
    classes: DIGITS.map((digit) => ({ id: `d${digit}`, name: String(digit) })),
    examples: training,
    settings: settingsWith({ kind, validationRate: 0 }),
    seed: 1,
  });
  await engine.loadModel('bench', model);
  const predictions = await engine.predictEmbeddings(
    'bench',
    heldOut.map((example) => example.embedding),
  );
  return predictions.filter((prediction, i) => prediction.classIndex === heldOut[i].classIndex).length / heldOut.length;
}

export async function measureLandmarks(browser: Browser): Promise<LandmarkFigures> {
  // Photo i of class c: the first PER_CLASS in a stable order train, the next PER_CLASS are held out.
  const files = DIGITS.flatMap((digit) => signDigitPhotos(digit).slice(0, 2 * PER_CLASS));
  const server = await serve(files);
  const page = await browser.newPage();
  // tsx (esbuild, keepNames) wraps inPage's inner functions in __name(...), which the page does not have.
  await page.addInitScript('globalThis.__name = (target) => target;');
  let figures: PageFigures;
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    figures = await page.evaluate(inPage, [files.length, BORDER, LIVE_FRAMES, MEDIAPIPE_HANDS_DIR] as const);
  } finally {
    await page.close();
    server.close();
  }
  const modelServer = await startModelServer();
  const engine = createEngine();
  try {
    await engine.init({ sources: [{ kind: 'backbone', url: modelServer.backboneUrl }] });
    const embeddings = await engine.embed(files.map(decodeJpeg));
    const landmarks = figures.hands.map((hand) => (hand ? normaliseHand(hand, 1) : undefined));
    const classOf = (i: number) => Math.floor(i / (2 * PER_CLASS));
    const isTraining = (i: number) => i % (2 * PER_CLASS) < PER_CLASS;
    const examples = (features: readonly (Embedding | undefined)[], training: boolean) =>
      features.flatMap((embedding, i) => (embedding && isTraining(i) === training ? [{ classIndex: classOf(i), embedding }] : []));
    const heldOutCount = files.length / 2;
    const accuracy = { pictures: { knn: 0, dense: 0 }, hands: { knn: 0, dense: 0 } };
    const handsAccuracyAllPhotos = { knn: 0, dense: 0 };
    for (const kind of ['knn', 'dense'] as const) {
      accuracy.pictures[kind] = await heldOutAccuracy(engine, 'pictures', kind, examples(embeddings, true), examples(embeddings, false));
      const heldOutHands = examples(landmarks, false);
      accuracy.hands[kind] = await heldOutAccuracy(engine, 'hands', kind, examples(landmarks, true), heldOutHands);
      handsAccuracyAllPhotos[kind] = (accuracy.hands[kind] * heldOutHands.length) / heldOutCount;
    }
    return {
      photos: files.length,
      handsFound: landmarks.filter(Boolean).length,
      accuracy,
      handsAccuracyAllPhotos,
      photoMs: figures.photoMs,
      liveFps: figures.liveFps,
      longestTaskMs: figures.longestTaskMs,
    };
  } finally {
    await engine.unloadModel('bench');
    await modelServer.close();
  }
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function printLandmarks(figures: LandmarkFigures): void {
  const { accuracy, handsAccuracyAllPhotos: all } = figures;
  console.log('');
  console.log(`Hands vs Pictures, sign digits 0–4, ${PER_CLASS} photos to train on and ${PER_CLASS} held out per class:`);
  console.log(`  hands found (MediaPipe Hands, full model): ${figures.handsFound} of ${figures.photos} photos`);
  console.log(`  Pictures (MobileNet):  KNN ${percent(accuracy.pictures.knn)}, neural network ${percent(accuracy.pictures.dense)}`);
  console.log(
    `  Hands (landmarks):     KNN ${percent(accuracy.hands.knn)}, neural network ${percent(accuracy.hands.dense)} of the held-out photos with a hand found` +
      ` (${percent(all.knn)} / ${percent(all.dense)} counting "no hand found" as wrong)`,
  );
  console.log(
    `  landmarks: ${figures.photoMs.toFixed(0)} ms per photo (detection each time), ${figures.liveFps.toFixed(1)} frames/s live (tracking);` +
      ` the page answers nothing for up to ${figures.longestTaskMs.toFixed(0)} ms at a time`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void (async () => {
    const { chromium } = await import('@playwright/test');
    const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../e2e/support/browser');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      printLandmarks(await measureLandmarks(browser));
    } finally {
      await browser.close();
    }
  })();
}
