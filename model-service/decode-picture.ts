import type { RgbaImage } from '../engine';

/**
 * The browser's decoder for a stored picture (a 224x224 JPEG) back into pixels, for making extra copies of it.
 * Undefined where the browser APIs are missing (Node): the caller then passes its own.
 */
export function browserPictureDecoder(): ((jpeg: Blob) => Promise<RgbaImage>) | undefined {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return undefined;
  return async (jpeg) => {
    const bitmap = await createImageBitmap(jpeg);
    try {
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('2d canvas unavailable');
      context.drawImage(bitmap, 0, 0);
      const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
      return { width: pixels.width, height: pixels.height, data: pixels.data };
    } finally {
      bitmap.close();
    }
  };
}
