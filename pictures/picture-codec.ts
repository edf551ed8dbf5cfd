// How the product keeps a picture: the 224x224 square encoded as a compressed file (for IndexedDB, <img> and the
// .sb3) with its type beside it, and decoded back into pixels when the engine needs them again. The store and
// the project file hold whatever this module encodes, so a new encoding is added here and nowhere else.
import type { RgbaImage } from '../engine';
import { sniffPictureFormat, type PictureFormat } from './picture-format';

/** The encodings a kept picture may have: how its bytes start and what its file is called. */
const ENCODINGS = {
  'image/jpeg': { format: 'jpeg', extension: 'jpg' },
} as const satisfies Record<string, { readonly format: PictureFormat; readonly extension: string }>;

export type PictureMimeType = keyof typeof ENCODINGS;

/** What new pictures are encoded as (JPEG at quality 0.9: about 8 KB for a webcam square). */
const NEW_PICTURE_TYPE: PictureMimeType = 'image/jpeg';
const QUALITY = 0.9;

/** A picture as kept and shared: its encoded bytes and their type. */
export interface EncodedPicture {
  readonly encoded: Blob;
  readonly mimeType: PictureMimeType;
}

export function isPictureMimeType(value: unknown): value is PictureMimeType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENCODINGS, value);
}

/** The file name extension of a picture of this type ("jpg"). */
export const pictureExtension = (mimeType: PictureMimeType): string => ENCODINGS[mimeType].extension;

/** Whether `bytes` really are a picture of `mimeType`, judged by how they start (for files we did not write). */
export const bytesMatchType = (bytes: Uint8Array, mimeType: PictureMimeType): boolean =>
  sniffPictureFormat(bytes) === ENCODINGS[mimeType].format;

/** Encodes the square drawn on `canvas`. */
export async function encodePicture(canvas: HTMLCanvasElement): Promise<EncodedPicture> {
  const encoded = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`${NEW_PICTURE_TYPE} encoding failed`))), NEW_PICTURE_TYPE, QUALITY),
  );
  return { encoded, mimeType: NEW_PICTURE_TYPE };
}

/**
 * The browser's decoder for a kept picture back into pixels (to make extra copies of it, to look at it again).
 * Undefined where the browser APIs are missing (Node): the caller then passes its own.
 */
export function browserPictureDecoder(): ((encoded: Blob) => Promise<RgbaImage>) | undefined {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return undefined;
  return async (encoded) => {
    const bitmap = await createImageBitmap(encoded);
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
