// What both sides of the memory rows share: the browser's own measurement of the page and its workers, and the
// pictures (the 120 photos of digits 0–2, then 2,000 pictures made from the photos of digits 0–4 as
// e2e/scale.spec.ts makes them, with e2e/support/scale-crops.ts: 5 crops of 88% of the side and their mirror images).
import { INPUT_SIZE } from '../../engine';
import { CROP, CROP_CORNERS } from '../../e2e/support/scale-crops';

const MB = 2 ** 20;
/** Digits 0–2, all 40 photos each. */
export const FIRST_DIGITS = [0, 1, 2] as const;
export const FIRST_PICTURES = 120;
export const SCALE_DIGITS = [0, 1, 2, 3, 4] as const;
export const SCALE_PICTURES = 2000;

/** Megabytes (2^20 bytes) held at one moment. */
export interface MemoryFigures {
  /** The page with all its workers, as performance.measureUserAgentSpecificMemory() counts them. */
  readonly wholePageMb: number;
  /** The part attributed to dedicated workers (ours: the engine's). */
  readonly workerMb: number;
  /** tfjs's WASM heap: Teachable Machine's on its main thread, ours as the engine's worker reports it. */
  readonly wasmHeapMb?: number;
}

export interface MemoryResult {
  readonly after120: MemoryFigures;
  readonly afterTraining: MemoryFigures;
  readonly after2000: MemoryFigures;
}

interface UserAgentMemory {
  readonly bytes: number;
  readonly breakdown: readonly { readonly bytes: number; readonly attribution: readonly { readonly scope: string }[] }[];
}

/** Needs a cross-origin isolated page; Chromium answers at once with --enable-blink-features=ForceEagerMeasureMemory. */
export async function measureMemory(wasmHeapBytes?: number): Promise<MemoryFigures> {
  const measure = (performance as unknown as { measureUserAgentSpecificMemory(): Promise<UserAgentMemory> }).measureUserAgentSpecificMemory;
  if (!crossOriginIsolated || !measure) throw new Error('measureUserAgentSpecificMemory needs a cross-origin isolated page');
  const result = await measure.call(performance);
  const inWorkers = result.breakdown
    .filter((entry) => entry.attribution.some((each) => each.scope === 'DedicatedWorkerGlobalScope'))
    .reduce((sum, entry) => sum + entry.bytes, 0);
  return {
    wholePageMb: result.bytes / MB,
    workerMb: inWorkers / MB,
    ...(wasmHeapBytes !== undefined && { wasmHeapMb: wasmHeapBytes / MB }),
  };
}

async function photosOf(digits: readonly number[]): Promise<{ classIndex: number; bitmap: ImageBitmap }[]> {
  const index = (await (await fetch('/photos/index.json')).json()) as Record<string, string[]>;
  const photos: { classIndex: number; bitmap: ImageBitmap }[] = [];
  for (const [classIndex, digit] of digits.entries())
    for (const name of index[String(digit)])
      photos.push({ classIndex, bitmap: await createImageBitmap(await (await fetch(`/photos/${digit}/${name}`)).blob()) });
  return photos;
}

export interface MemoryPicture {
  readonly classIndex: number;
  /** 224x224, as the trainer stores a picture; drawn fresh for each picture, so no side keeps pixels around. */
  readonly canvas: HTMLCanvasElement;
}

function draw(bitmap: ImageBitmap, [fx, fy]: readonly [number, number], crop: number, mirror: boolean): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = INPUT_SIZE;
  canvas.height = INPUT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const side = Math.round(Math.min(bitmap.width, bitmap.height) * crop);
  if (mirror) {
    context.translate(INPUT_SIZE, 0);
    context.scale(-1, 1);
  }
  context.drawImage(bitmap, (bitmap.width - side) * fx, (bitmap.height - side) * fy, side, side, 0, 0, INPUT_SIZE, INPUT_SIZE);
  return canvas;
}

/** The first 120: each photo of digits 0–2 once, its centre square. */
export async function* firstPictures(): AsyncGenerator<MemoryPicture> {
  for (const { classIndex, bitmap } of await photosOf(FIRST_DIGITS)) yield { classIndex, canvas: draw(bitmap, [0.5, 0.5], 1, false) };
}

/** The 2,000: ten pictures from each photo of digits 0–4. */
export async function* scalePictures(): AsyncGenerator<MemoryPicture> {
  for (const { classIndex, bitmap } of await photosOf(SCALE_DIGITS))
    for (const corner of CROP_CORNERS) for (const mirror of [false, true]) yield { classIndex, canvas: draw(bitmap, corner, CROP, mirror) };
}
