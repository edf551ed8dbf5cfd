// Pictures on screen read back as colour names: specs that show the trainer a picture of known coloured areas
// (an upload, a made-up camera) check what was kept by sampling the stored square at a few points.
import type { Locator } from '@playwright/test';

/** A colour a test can name after sampling a JPEG (solid areas, far from any edge, survive compression). */
export const COLOURS = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  black: [0, 0, 0],
  white: [255, 255, 255],
} as const satisfies Record<string, readonly [number, number, number]>;
export type ColourName = keyof typeof COLOURS;

export interface SampledPicture {
  readonly width: number;
  readonly height: number;
  /** The nearest COLOURS name at 3x3 points: rows top, middle, bottom; columns 8 px in from the left, centre, right. */
  readonly grid: ColourName[][];
}

/** Samples a picture on screen (an <img> at its natural size, or a <video>'s current frame). */
export function samplePicture(picture: Locator): Promise<SampledPicture> {
  return picture.evaluate(async (element: HTMLImageElement | HTMLVideoElement, colours: typeof COLOURS) => {
    const isImage = element instanceof HTMLImageElement;
    if (isImage) await element.decode();
    const width = isImage ? element.naturalWidth : element.videoWidth;
    const height = isImage ? element.naturalHeight : element.videoHeight;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(element, 0, 0);
    const nearest = (x: number, y: number) => {
      const [r, g, b] = context.getImageData(x, y, 1, 1).data;
      const distance = ([cr, cg, cb]: readonly number[]) => (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
      return (Object.keys(colours) as ColourName[]).reduce((best, name) =>
        distance(colours[name]) < distance(colours[best]) ? name : best,
      );
    };
    const at = (size: number) => [8, Math.floor(size / 2), size - 9];
    return { width, height, grid: at(height).map((y) => at(width).map((x) => nearest(x, y))) };
  }, COLOURS);
}
