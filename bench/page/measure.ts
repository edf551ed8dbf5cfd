// What both sides of the benchmark share: the same photos prepared the same way, the same clocks.
import { INPUT_SIZE, type RgbaImage } from '../../engine';

/** One side's figures; run.ts prints them next to each other. */
export interface SideResult {
  readonly engine: string;
  readonly backend: string;
  readonly cores: number;
  readonly crossOriginIsolated: boolean;
  readonly embedSingleMs: number;
  readonly embedBatchMs: number;
  readonly embedBatchNote: string;
  readonly addAllMs: number;
  /** One per seed of TRAIN_SEEDS, in that order. */
  readonly trainRuns: readonly TrainRun[];
  readonly liveFps: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly heapNote: string;
}

/** Train → usable model with one seed (it orders the pictures and splits off the validation pictures). */
export interface TrainRun {
  readonly seed: number;
  readonly ms: number;
  /** Top class right on the held-out photos, 0..1. */
  readonly heldOutAccuracy: number;
}

export const TRAIN_PER_CLASS = 30;
/** Each side trains once per seed, so a time or an accuracy is never one lucky run. */
export const TRAIN_SEEDS = [1, 2, 3] as const;
export const DIGITS = [0, 1, 2] as const;
export const LIVE_SECONDS = 5;
/** Timed rounds of the batch of 30 (after one warm-up round). */
export const BATCH_ROUNDS = 3;
export const RECOGNITIONS = 1000;

export interface Photo {
  readonly classIndex: number;
  /** The centre square at 224x224, as the trainer stores a picture. */
  readonly canvas: HTMLCanvasElement;
  readonly image: RgbaImage;
}

export interface PhotoSet {
  readonly train: readonly Photo[];
  readonly heldOut: readonly Photo[];
}

async function loadPhoto(url: string, classIndex: number): Promise<Photo> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const canvas = document.createElement('canvas');
  canvas.width = INPUT_SIZE;
  canvas.height = INPUT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const side = Math.min(bitmap.width, bitmap.height);
  context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, INPUT_SIZE, INPUT_SIZE);
  bitmap.close();
  const pixels = context.getImageData(0, 0, INPUT_SIZE, INPUT_SIZE);
  return { classIndex, canvas, image: { width: INPUT_SIZE, height: INPUT_SIZE, data: pixels.data } };
}

/** Per digit: the first 30 photos to train on, the rest (10) held out. */
export async function loadPhotos(): Promise<PhotoSet> {
  const index = (await (await fetch('/photos/index.json')).json()) as Record<string, string[]>;
  const train: Photo[] = [];
  const heldOut: Photo[] = [];
  for (const [classIndex, digit] of DIGITS.entries()) {
    const names = index[String(digit)];
    for (const [i, name] of names.entries()) {
      (i < TRAIN_PER_CLASS ? train : heldOut).push(await loadPhoto(`/photos/${digit}/${name}`, classIndex));
    }
  }
  return { train, heldOut };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Main-thread tasks over 50 ms (the browser reports no shorter ones) while `run` runs. */
export async function watchLongTasks(run: () => Promise<void>): Promise<{ longest: number; count: number }> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  await run();
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { longest: durations.length ? Math.max(...durations) : 0, count: durations.length };
}

/** Main-thread JS heap in MB after a full collection (Chromium runs with --expose-gc). */
export function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 1048576 : NaN;
}

/**
 * A 4:3 camera picture of a photo (the square photo in the middle, grey bars), as Chromium's fake webcam
 * in the end-to-end tests shows it; live recognition cycles through the held-out photos.
 */
export function cameraCanvas(): { canvas: HTMLCanvasElement; show(photo: Photo): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d')!;
  return {
    canvas,
    show(photo) {
      context.fillStyle = '#808080';
      context.fillRect(0, 0, 640, 480);
      context.drawImage(photo.canvas, 80, 0, 480, 480);
    },
  };
}

/** Recognises frame after frame for LIVE_SECONDS (the next frame only once the previous answer is in). */
export async function liveLoop(
  photos: readonly Photo[],
  recognise: (camera: HTMLCanvasElement) => Promise<void>,
): Promise<{ fps: number; longest: number; count: number }> {
  const camera = cameraCanvas();
  // One frame first, unobserved: the first frame of a new size sets things up on both sides.
  camera.show(photos[0]);
  await recognise(camera.canvas);
  let frames = 0;
  const tasks = await watchLongTasks(async () => {
    const started = performance.now();
    while (performance.now() - started < LIVE_SECONDS * 1000) {
      camera.show(photos[Math.floor(frames / 10) % photos.length]);
      await recognise(camera.canvas);
      frames += 1;
      // Let the page breathe between frames, as a requestAnimationFrame/setTimeout-driven loop would.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });
  return { fps: frames / LIVE_SECONDS, ...tasks };
}
