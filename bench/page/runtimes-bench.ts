// The backbone on tfjs (our engine's fused graph) and on onnxruntime-web, and Teachable Machine's embedding, in
// one page and one run, taking turns on the same pictures: each runtime called directly on the page's thread (no
// worker messages), our preprocessing included; Teachable Machine timed as the main bench times it (addExample for
// one picture, its backbone model for a batch prepared beforehand).
import type { TeachableMobileNet } from '@teachablemachine/image';
import { startBackboneRuntimes, type BackboneRuntimes } from '../../engine/test-support/backbone-runtimes';
import { loadPhotos, median, TRAIN_PER_CLASS, type Photo } from './measure';
import { addExamplesTimed, startTeachableMachine, timeTmBatch } from './tm-embed';

export const RUNTIME_BATCHES = [8, 30] as const;
const BATCH_TURNS = 6;
const SIDES = ['tfjs', 'onnx', 'tm'] as const;
type Side = (typeof SIDES)[number];

/** Per side: ms per picture (medians of the turns). Ratios are medians of each turn's ratio, steadier on a busy machine. */
export interface RuntimeFigures {
  readonly ms: Readonly<Record<Side, number>>;
  readonly tfjsOverTm: number;
  readonly onnxOverTm: number;
  readonly onnxOverTfjs: number;
}

export interface RuntimesResult {
  readonly cores: number;
  readonly single: RuntimeFigures;
  readonly batches: readonly (RuntimeFigures & { readonly size: number })[];
  /** The largest difference of any number of the 90 training photos' embeddings between the two runtimes. */
  readonly maxDifference: number;
  readonly convertMs: number;
  readonly sessionMs: number;
  readonly onnxBytes: number;
}

/** Each side's embedding of some photos, timed by itself; ms per picture. */
type Embed = (photos: readonly Photo[]) => Promise<number>;

function sides(runtimes: BackboneRuntimes, tm: TeachableMobileNet, single: boolean): Record<Side, Embed> {
  const timed = (embed: BackboneRuntimes['tfjs']) => async (photos: readonly Photo[]) => {
    const started = performance.now();
    await embed(photos.map((photo) => photo.image));
    return (performance.now() - started) / photos.length;
  };
  return {
    tfjs: timed(runtimes.tfjs),
    onnx: timed(runtimes.onnx),
    tm: async (photos) => (single ? (await addExamplesTimed(tm, photos))[0] : timeTmBatch(tm, photos)),
  };
}

/** One turn per group of photos, each side in turn (the order rotating from turn to turn). */
async function takeTurns(embed: Record<Side, Embed>, turns: readonly (readonly Photo[])[]): Promise<RuntimeFigures> {
  const times: Record<Side, number[]> = { tfjs: [], onnx: [], tm: [] };
  for (const [turn, photos] of turns.entries()) {
    for (let i = 0; i < SIDES.length; i++) {
      const side = SIDES[(turn + i) % SIDES.length];
      times[side].push(await embed[side](photos));
    }
  }
  const ratio = (a: Side, b: Side) => median(times[a].map((ms, i) => ms / times[b][i]));
  return {
    ms: { tfjs: median(times.tfjs), onnx: median(times.onnx), tm: median(times.tm) },
    tfjsOverTm: ratio('tfjs', 'tm'),
    onnxOverTm: ratio('onnx', 'tm'),
    onnxOverTfjs: ratio('onnx', 'tfjs'),
  };
}

async function run(): Promise<RuntimesResult> {
  const runtimes = await startBackboneRuntimes({
    modelUrl: '/models/backbone/model.json',
    tfjsWasmPath: '/tfjs-wasm/',
    onnxWasmPath: '/ort-wasm/',
  });
  // On the same tfjs WASM backend our fused graph runs on.
  const tm = await startTeachableMachine();
  const photos = (await loadPhotos()).train;
  // The first call of each batch size sets it up, on every side.
  for (const size of [1, ...RUNTIME_BATCHES])
    for (const embed of Object.values(sides(runtimes, tm, size === 1))) await embed(photos.slice(0, size));

  const single = await takeTurns(
    sides(runtimes, tm, true),
    photos.slice(0, TRAIN_PER_CLASS).map((photo) => [photo]),
  );
  const batches = [];
  for (const size of RUNTIME_BATCHES) {
    const turns = Array.from({ length: BATCH_TURNS }, (_, turn) => photos.slice((turn * size) % (photos.length - size)).slice(0, size));
    batches.push({ size, ...(await takeTurns(sides(runtimes, tm, false), turns)) });
  }

  let maxDifference = 0;
  for (let start = 0; start < photos.length; start += TRAIN_PER_CLASS) {
    const images = photos.slice(start, start + TRAIN_PER_CLASS).map((photo) => photo.image);
    const [tfjs, onnx] = [await runtimes.tfjs(images), await runtimes.onnx(images)];
    tfjs.forEach((value, i) => (maxDifference = Math.max(maxDifference, Math.abs(value - onnx[i]))));
  }
  const { convertMs, sessionMs, onnxBytes } = runtimes;
  await runtimes.dispose();
  return { cores: navigator.hardwareConcurrency, single, batches, maxDifference, convertMs, sessionMs, onnxBytes };
}

(globalThis as { runRuntimesBench?: () => Promise<RuntimesResult> }).runRuntimesBench = run;
