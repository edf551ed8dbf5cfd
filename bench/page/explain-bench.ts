// "What is it looking at?" and the map of all pictures, as the editor runs them: our engine in its Web Worker,
// behind the client the model service uses. Times are what the main thread waits for, messages included.
import { DEFAULT_TRAINING_SETTINGS, type ClassInfo, type LabelledEmbedding } from '../../engine';
import { createWorkerEngine } from '../../worker/engine-client';
import { DIGITS, loadPhotos, median } from './measure';

export interface ExplainResult {
  /** Median over the held-out photos of one heatmap (the trained default dense head). */
  readonly heatmapMs: number;
  readonly heatmapsMeasured: number;
  /** One picture's embedding in a batch of 30, in the same page: a heatmap costs about 50 of them. */
  readonly embedMs: number;
  /** The map of all 90 training photos (UMAP). */
  readonly mapMs: number;
  readonly mapMethod: string;
}

const HEATMAPS = 5;

async function run(): Promise<ExplainResult> {
  const engine = createWorkerEngine(new Worker('/engine-worker.js', { name: 'image-model-engine' }));
  await engine.init({ sources: [{ kind: 'backbone', url: '/models/backbone/model.json' }], wasmPath: '/tfjs-wasm/' });
  const photos = await loadPhotos();
  const embeddings = await engine.embed(photos.train.map((photo) => photo.image));
  const classes: ClassInfo[] = DIGITS.map((digit) => ({ id: `digit-${digit}`, name: String(digit) }));
  const examples: LabelledEmbedding[] = photos.train.map((photo, i) => ({ classIndex: photo.classIndex, embedding: embeddings[i] }));
  const model = await engine.train({ modelName: 'bench', classes, examples, settings: DEFAULT_TRAINING_SETTINGS, seed: 1 });
  await engine.loadModel('bench', model);

  // The first heatmap pays for the new batch size's set-up, as a child's first one would: it is counted.
  const heatmaps: number[] = [];
  for (const photo of photos.heldOut.slice(0, HEATMAPS)) {
    const started = performance.now();
    await engine.explainPicture('bench', photo.image);
    heatmaps.push(performance.now() - started);
  }
  let started = performance.now();
  await engine.embed(photos.train.slice(0, 30).map((photo) => photo.image));
  const embedMs = (performance.now() - started) / 30;
  started = performance.now();
  const map = await engine.mapPictures(examples, classes.length);
  return {
    heatmapMs: median(heatmaps),
    heatmapsMeasured: heatmaps.length,
    embedMs,
    mapMs: performance.now() - started,
    mapMethod: map.method,
  };
}

(globalThis as unknown as { runExplainBench: () => Promise<ExplainResult> }).runExplainBench = run;
