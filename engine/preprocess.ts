// Picture -> the backbone's input: centre-cropped square, 224x224, RGB, scaled to [-1, 1] as MobileNetV2 was
// trained. Done in plain JS so it samples only the 224x224 output points (a 12-megapixel photo never becomes a
// 12-megapixel tensor) and gives identical numbers on every backend.
import * as tf from '@tensorflow/tfjs';
import { EngineError } from './errors';
import { validateImage } from './picture';
import { INPUT_SIZE, type RgbaImage } from './types';

const CHANNELS = 3;
const VALUES_PER_PICTURE = INPUT_SIZE * INPUT_SIZE * CHANNELS;

/**
 * Writes one picture's input values into `out` at `offset`: the centred square, resized with bilinear
 * interpolation (half-pixel centres, edges clamped), alpha dropped, each channel mapped by x / 127.5 - 1.
 */
function writeInput(image: RgbaImage, out: Float32Array, offset: number): void {
  const { width, height, data } = image;
  const side = Math.min(width, height);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const scale = side / INPUT_SIZE;
  const sample = (dst: number) => {
    const src = Math.min(Math.max((dst + 0.5) * scale - 0.5, 0), side - 1);
    const low = Math.floor(src);
    return { low, high: Math.min(low + 1, side - 1), frac: src - low };
  };
  const columns = Array.from({ length: INPUT_SIZE }, (_, x) => sample(x));
  let o = offset;
  for (let y = 0; y < INPUT_SIZE; y++) {
    const row = sample(y);
    const rowLow = (top + row.low) * width;
    const rowHigh = (top + row.high) * width;
    for (let x = 0; x < INPUT_SIZE; x++) {
      const col = columns[x];
      const p00 = (rowLow + left + col.low) * 4;
      const p01 = (rowLow + left + col.high) * 4;
      const p10 = (rowHigh + left + col.low) * 4;
      const p11 = (rowHigh + left + col.high) * 4;
      for (let c = 0; c < CHANNELS; c++) {
        const upper = data[p00 + c] + (data[p01 + c] - data[p00 + c]) * col.frac;
        const lower = data[p10 + c] + (data[p11 + c] - data[p10 + c]) * col.frac;
        out[o++] = (upper + (lower - upper) * row.frac) / 127.5 - 1;
      }
    }
  }
}

/** Many pictures of any sizes -> the values of one [n, 224, 224, 3] input, for a runtime other than tfjs. */
export function imagesToInput(images: readonly RgbaImage[]): Float32Array {
  if (images.length === 0) throw new EngineError('image/invalid', 'no pictures given');
  images.forEach((image, i) => validateImage(image, `image ${i}`));
  const values = new Float32Array(images.length * VALUES_PER_PICTURE);
  images.forEach((image, i) => writeInput(image, values, i * VALUES_PER_PICTURE));
  return values;
}

/** Many pictures of any sizes -> one [n, 224, 224, 3] tensor (the caller disposes it). */
export function imagesToTensor(images: readonly RgbaImage[]): tf.Tensor4D {
  return tf.tensor4d(imagesToInput(images), [images.length, INPUT_SIZE, INPUT_SIZE, CHANNELS]);
}

/** One picture of any size -> [1, 224, 224, 3] (the caller disposes it). */
export function imageToTensor(image: RgbaImage): tf.Tensor4D {
  return imagesToTensor([image]);
}
