// What counts as a picture anywhere in the engine: RGBA bytes of a positive integer size. Plain checks (no tfjs), so
// the main thread's picture helpers (augmentation copies) share them without loading the engine.
import { EngineError } from './errors';
import type { RgbaImage } from './types';

/** Throws EngineError 'image/invalid' unless `image` describes an RGBA picture. */
export function validateImage(image: RgbaImage, label = 'image'): void {
  if (typeof image !== 'object' || image === null) throw new EngineError('image/invalid', `${label} is not an object`);
  const { width, height, data } = image;
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new EngineError('image/invalid', `${label} has size ${String(width)}x${String(height)}; both must be positive integers`);
  }
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) {
    throw new EngineError('image/invalid', `${label} data is not a Uint8ClampedArray or Uint8Array`);
  }
  if (data.length !== width * height * 4) {
    throw new EngineError('image/invalid', `${label} data has ${data.length} bytes; ${width}x${height} RGBA needs ${width * height * 4}`);
  }
}
