// Turning what a child gives us (a file, a webcam frame, a canvas) into the one picture shape the product
// uses everywhere: a centre-cropped square, 224x224 RGBA for the engine plus a JPEG of it for storage/display.
import { INPUT_SIZE, type RgbaImage } from '../../engine/types';
import { pictureDimensions } from './picture-dimensions';

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/bmp', 'image/gif', 'image/webp'] as const;
export const ACCEPT_ATTRIBUTE = '.jpg,.jpeg,.png,.bmp,.gif,.webp,' + ACCEPTED_TYPES.join(',');
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Larger sources are refused before decoding so a decompression bomb cannot exhaust memory. */
export const MAX_SOURCE_PIXELS = 50_000_000;
/** Enough of a file to reach its size in the header, even behind a large EXIF block. */
const HEADER_BYTES = 512 * 1024;

export interface SquarePicture {
  /** 224x224 RGBA, ready for the engine. */
  readonly image: RgbaImage;
  /** The same square as a JPEG, for IndexedDB and <img>. */
  readonly jpeg: Blob;
}

/** Why a file was refused; each maps to a locale key 'errors.picture/<reason>'. */
export type PictureRejection = 'picture/not-an-image' | 'picture/too-big' | 'picture/empty' | 'picture/unreadable' | 'picture/too-many-pixels';

export class PictureError extends Error {
  constructor(readonly reason: PictureRejection, readonly fileName: string) {
    super(`${reason}: ${fileName}`);
    this.name = 'PictureError';
  }
}

const EXTENSIONS = /\.(jpe?g|png|bmp|gif|webp)$/i;

/** Checks type and size without decoding. */
export function checkPictureFile(file: File): PictureRejection | null {
  if (file.size === 0) return 'picture/empty';
  if (file.size > MAX_FILE_BYTES) return 'picture/too-big';
  const typeOk = (ACCEPTED_TYPES as readonly string[]).includes(file.type);
  if (!typeOk && !(file.type === '' && EXTENSIONS.test(file.name))) return 'picture/not-an-image';
  return null;
}

/** Decodes a picture file (EXIF rotation applied) and makes it square. Throws PictureError. */
export async function pictureFromFile(file: File): Promise<SquarePicture> {
  const rejection = checkPictureFile(file);
  if (rejection) throw new PictureError(rejection, file.name);
  const declared = pictureDimensions(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  if (declared && declared.width * declared.height > MAX_SOURCE_PIXELS) throw new PictureError('picture/too-many-pixels', file.name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PictureError('picture/unreadable', file.name);
  }
  try {
    // Checked again: a format whose header we do not read (or one that lies) is measured after decoding.
    if (bitmap.width * bitmap.height > MAX_SOURCE_PIXELS) throw new PictureError('picture/too-many-pixels', file.name);
    if (bitmap.width === 0 || bitmap.height === 0) throw new PictureError('picture/unreadable', file.name);
    return await squareFromSource(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** Centre-crops any drawable (video frame, canvas, bitmap) to a 224x224 square. */
export async function squareFromSource(
  source: CanvasImageSource,
  width: number,
  height: number,
  options: { mirror?: boolean } = {},
): Promise<SquarePicture> {
  const side = Math.min(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = INPUT_SIZE;
  canvas.height = INPUT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('2d canvas unavailable');
  if (options.mirror) {
    context.translate(INPUT_SIZE, 0);
    context.scale(-1, 1);
  }
  context.drawImage(source, (width - side) / 2, (height - side) / 2, side, side, 0, 0, INPUT_SIZE, INPUT_SIZE);
  const pixels = context.getImageData(0, 0, INPUT_SIZE, INPUT_SIZE);
  const jpeg = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', 0.9),
  );
  return { image: { width: pixels.width, height: pixels.height, data: pixels.data }, jpeg };
}

/** Decodes a stored square JPEG back into pixels (for retraining with augmentation, re-embedding). */
export async function pictureFromJpeg(jpeg: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(jpeg);
  try {
    return (await squareFromSource(bitmap, bitmap.width, bitmap.height)).image;
  } finally {
    bitmap.close();
  }
}
