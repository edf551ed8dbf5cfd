// Extra training pictures made from each picture (mirrored, turned, blurred, lighter, darker), so a model learns the
// hand rather than the exact pose and light of a few snapshots. Plain loops over RGBA bytes rather than tensors:
// the UI shows the copies as pictures (the results fit `new ImageData(data, w, h)` as they are), they are exact
// integers on every backend, and nothing can leak. The copies then go through the backbone like any picture.
import { EngineError } from '../errors';
import { validateImage } from '../picture';
import type { AugmentedEmbedding, LabelledEmbedding, RgbaImage } from '../types';

export type { AugmentedEmbedding } from '../types';

export interface AugmentationOptions {
  /** Add a mirrored copy (left <-> right). */
  readonly flip?: boolean;
  /** Add two copies turned this many degrees, one each way (0 or absent: none). */
  readonly rotateDegrees?: number;
  /** Add a slightly blurred copy (like an out-of-focus webcam). */
  readonly blur?: boolean;
  /** Add a brighter and a darker copy, each this much (0-255) away on every colour channel (0 or absent: none). */
  readonly brightnessDelta?: number;
}

/**
 * Everything on: small enough that every copy still clearly shows the same thing (a hand turned 15 degrees is still
 * the same sign; 40 of 255 is a cloudy day, not night).
 */
export const DEFAULT_AUGMENTATION: Required<AugmentationOptions> = { flip: true, rotateDegrees: 15, blur: true, brightnessDelta: 40 };

export type AugmentationKind = 'flip' | 'turn-left' | 'turn-right' | 'blur' | 'brighter' | 'darker';

export interface AugmentedPicture {
  /** What was done, for the caption under the example picture. */
  readonly kind: AugmentationKind;
  readonly image: RgbaImage;
}

function blank(image: RgbaImage): { width: number; height: number; data: Uint8ClampedArray } {
  validateImage(image);
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.length) };
}

/** Mirror image: the leftmost column becomes the rightmost. */
export function flipHorizontal(image: RgbaImage): RgbaImage {
  const out = blank(image);
  const { width, height, data } = image;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + (width - 1 - x)) * 4;
      out.data.set(data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return out;
}

/**
 * Turns the picture about its centre, clockwise for positive degrees (like Scratch's "turn right"), with bilinear
 * sampling. Corners that would come from outside the picture repeat the nearest edge pixel: black or transparent
 * corners would appear only in copies, and the model could learn "black corners" instead of the hand.
 */
export function rotate(image: RgbaImage, degrees: number): RgbaImage {
  if (!Number.isFinite(degrees)) throw new EngineError('internal', `cannot turn by ${degrees} degrees`);
  const out = blank(image);
  const { width, height, data } = image;
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Where this output pixel comes from: the inverse turn (y points down, so this matrix turns clockwise).
      const sx = clamp(cx + (x - cx) * cos + (y - cy) * sin, width - 1);
      const sy = clamp(cy - (x - cx) * sin + (y - cy) * cos, height - 1);
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, width - 1);
      const y1 = Math.min(y0 + 1, height - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 4; c++) {
        const top = data[(y0 * width + x0) * 4 + c] * (1 - fx) + data[(y0 * width + x1) * 4 + c] * fx;
        const bottom = data[(y1 * width + x0) * 4 + c] * (1 - fx) + data[(y1 * width + x1) * 4 + c] * fx;
        out.data[(y * width + x) * 4 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

/**
 * 3x3 Gaussian blur (weights 1 2 1 / 2 4 2 / 1 2 1, over 16), on all four channels, in integers. Edge pixels
 * repeat outwards so the border does not darken.
 */
export function blur(image: RgbaImage): RgbaImage {
  const out = blank(image);
  const { width, height, data } = image;
  const weights = [1, 2, 1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const row = Math.min(Math.max(y + dy, 0), height - 1);
          for (let dx = -1; dx <= 1; dx++) {
            const column = Math.min(Math.max(x + dx, 0), width - 1);
            sum += weights[dy + 1] * weights[dx + 1] * data[(row * width + column) * 4 + c];
          }
        }
        out.data[(y * width + x) * 4 + c] = (sum + 8) >> 4; // divide by 16, rounding half up
      }
    }
  }
  return out;
}

/** Adds `delta` (-255..255) to red, green and blue, clipped to 0-255; transparency is kept. */
export function changeBrightness(image: RgbaImage, delta: number): RgbaImage {
  if (!Number.isFinite(delta) || Math.abs(delta) > 255)
    throw new EngineError('internal', `brightness change ${delta} is not within -255..255`);
  const out = blank(image);
  for (let i = 0; i < image.data.length; i++) {
    out.data[i] = i % 4 === 3 ? image.data[i] : image.data[i] + delta; // Uint8ClampedArray clips to 0-255
  }
  return out;
}

/** The copies the options ask for, each made from the original (never a copy of a copy), in a fixed order. */
export function augmentVariants(image: RgbaImage, options: AugmentationOptions): AugmentedPicture[] {
  validateImage(image);
  const copies: AugmentedPicture[] = [];
  if (options.flip) copies.push({ kind: 'flip', image: flipHorizontal(image) });
  if (options.rotateDegrees) {
    copies.push({ kind: 'turn-left', image: rotate(image, -Math.abs(options.rotateDegrees)) });
    copies.push({ kind: 'turn-right', image: rotate(image, Math.abs(options.rotateDegrees)) });
  }
  if (options.blur) copies.push({ kind: 'blur', image: blur(image) });
  if (options.brightnessDelta) {
    copies.push({ kind: 'brighter', image: changeBrightness(image, Math.abs(options.brightnessDelta)) });
    copies.push({ kind: 'darker', image: changeBrightness(image, -Math.abs(options.brightnessDelta)) });
  }
  return copies;
}

/**
 * The training examples plus the copies of *training* pictures. Copies of held-out pictures are left out: a
 * mirrored validation picture in training would let the model peek at the test and make validation accuracy lie.
 * A copy takes its class (and picture id, for the mistakes gallery) from its source, so relabelling a picture
 * relabels its copies and a copy of a deleted picture is dropped.
 */
export function withAugmentedCopies(training: readonly LabelledEmbedding[], copies: readonly AugmentedEmbedding[]): LabelledEmbedding[] {
  const sources = new Map(training.flatMap((example) => (example.pictureId === undefined ? [] : [[example.pictureId, example] as const])));
  const added = copies.flatMap((copy): LabelledEmbedding[] => {
    const source = sources.get(copy.sourcePictureId);
    return source ? [{ classIndex: source.classIndex, embedding: copy.embedding, pictureId: source.pictureId }] : [];
  });
  return [...training, ...added];
}
