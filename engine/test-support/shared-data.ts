// Node-only helpers for tests and benchmarks: where the shared weights and photos live, and the photos as
// RgbaImages. Never imported by browser code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import type { RgbaImage } from '../types';

export const BACKBONE_FOLDER = 'mobilenet-v2-0.35-224-backbone';
export const NO_TOP_FOLDER = 'mobilenet-v2-0.35-224-no-top';

/** $IMAGE_MODEL_SHARED_DIR, or <repo>/../shared; throws naming the variable when the folder is missing. */
export function sharedDir(): string {
  const dir = process.env.IMAGE_MODEL_SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
  if (!existsSync(path.join(dir, 'models', BACKBONE_FOLDER, 'model.json'))) {
    throw new Error(
      `Shared data not found at ${dir}. Set IMAGE_MODEL_SHARED_DIR to the folder holding models/${BACKBONE_FOLDER}/ and data/sign-digits/.`,
    );
  }
  return dir;
}

export function sharedModelsDir(): string {
  return path.join(sharedDir(), 'models');
}

/** Photo files of one sign-digit class (0-4), in a stable order. */
export function signDigitPhotos(digit: number): string[] {
  const dir = path.join(sharedDir(), 'data', 'sign-digits', String(digit));
  return readdirSync(dir)
    .filter((name) => /\.jpe?g$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export function decodeJpeg(file: string): RgbaImage {
  const { width, height, data } = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}
