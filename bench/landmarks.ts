// Hands against Pictures on the shared sign-digit photos (classes 0–4: 20 photos to train on and 20 held out per
// class, every head kind) and MediaPipe Hands' speed in headless Chromium on this machine. Part of `npm run bench`
// (bench/run.ts); `node --import tsx bench/landmarks.ts` runs it alone. Figures only, no thresholds.
//
// MediaPipe runs as the product runs it: the hand finder (hands/) in its Web Worker, on the files the build ships
// (MEDIAPIPE_HANDS_FILES, served here from the package), with inference on the CPU. Photos are looked at one by
// one in 'photo' mode (white border, palm detection every time); live video tracks between frames ('video'
// mode), which is what the frames-per-second row measures.
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
import { HAND_FINDER_PAGE, handFinderScripts } from '../e2e/support/hand-finder-bundle';

const DIGITS = [0, 1, 2, 3, 4] as const;
const PER_CLASS = 20;
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

function serve(files: readonly string[], scripts: Readonly<Record<string, string>>): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(HAND_FINDER_PAGE);
      return;
    }
    const script = scripts[url.pathname.slice(1)];
    if (script !== undefined) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
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

/** Runs in the page: every photo through the hand finder, then the first ones again as live video frames. */
async function inPage([count, liveFrames, dir]: readonly [number, number, string]): Promise<PageFigures> {
  const finder = globalThis.startHandFinder({ filesBase: new URL(`/${dir}/`, location.href) });
  await finder.ready();
  const photos = await Promise.all(
    Array.from({ length: count }, async (_, i) => createImageBitmap(await (await fetch(`/photo/${i}`)).blob())),
  );
  // How long the page cannot answer anything (a click, a frame of the editor): its longest task.
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration)));
  observer.observe({ type: 'longtask' });
  const found: (FoundHand | null)[] = [];
  let started = performance.now();
  for (const photo of photos) found.push(await finder.findHand(photo, 'photo'));
  const photoMs = (performance.now() - started) / count;
  started = performance.now();
  for (let frame = 0; frame < liveFrames; frame++) await finder.findHand(photos[frame % Math.min(count, 10)], 'video');
  const liveFps = liveFrames / ((performance.now() - started) / 1000);
  // Entries of the last tasks arrive after them.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  finder.dispose();
  return { hands: found, photoMs, liveFps, longestTaskMs: Math.max(0, ...longTasks) };
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
  const server = await serve(files, await handFinderScripts());
  const page = await browser.newPage();
  // tsx (esbuild, keepNames) wraps inPage's inner functions in __name(...), which the page does not have.
  await page.addInitScript('globalThis.__name = (target) => target;');
  let figures: PageFigures;
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    figures = await page.evaluate(inPage, [files.length, LIVE_FRAMES, MEDIAPIPE_HANDS_DIR] as const);
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
      ` the page's longest task ${figures.longestTaskMs.toFixed(0)} ms`,
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
