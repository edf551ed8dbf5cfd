// Turning what a child gives us (a file, a webcam frame, a canvas) into the one picture shape the product
// uses everywhere: a centre-cropped square, 224x224 RGBA for the engine plus its encoding for storage/display.
import type { RgbaImage } from '../../engine';
import { drawSquareCanvas } from '../../extension/pictures/draw-square';
import { encodePicture, type EncodedPicture } from '../../pictures/picture-codec';
import { pictureDimensions } from '../../pictures/picture-dimensions';
import { sniffPictureFormat } from '../../pictures/picture-format';

/** What the file chooser offers; any file is still taken for what its bytes are, whatever its name. */
export const ACCEPT_ATTRIBUTE = 'image/*,.jpg,.jpeg,.png,.bmp,.gif,.webp,.avif,.heic,.heif';
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Larger sources are refused before decoding so a decompression bomb cannot exhaust memory. */
export const MAX_SOURCE_PIXELS = 50_000_000;
/** Enough of a file to reach its size in the header, even behind a large EXIF block. */
const HEADER_BYTES = 512 * 1024;

/** The square as 224x224 RGBA, ready for the engine, and encoded by the picture codec for IndexedDB and <img>. */
export interface SquarePicture extends EncodedPicture {
  readonly image: RgbaImage;
}

/** Why a file was refused; each maps to a locale key 'errors.picture/<reason>'. */
export type PictureRejection =
  'picture/not-an-image' | 'picture/too-big' | 'picture/empty' | 'picture/unreadable' | 'picture/too-many-pixels' | 'picture/heic';

export class PictureError extends Error {
  constructor(
    readonly reason: PictureRejection,
    readonly fileName: string,
  ) {
    super(`${reason}: ${fileName}`);
    this.name = 'PictureError';
  }
}

/** A name or type that says "picture": when such a file cannot be decoded, it is a damaged picture, not "not a picture". */
const PICTURE_NAME = /\.(jpe?g|png|bmp|gif|webp|avif|hei[cf])$/i;
const PICTURE_TYPE = /^image\/(jpeg|png|bmp|gif|webp|avif|hei[cf])$/;

/** The refusal for a file the browser could not decode, from what its bytes (or, failing them, its name) say. */
function undecodable(file: File, bytes: Uint8Array): PictureRejection {
  const format = sniffPictureFormat(bytes);
  if (format === 'heic') return 'picture/heic';
  if (format || PICTURE_NAME.test(file.name) || PICTURE_TYPE.test(file.type)) return 'picture/unreadable';
  return 'picture/not-an-image';
}

/**
 * Decodes a picture file (EXIF rotation applied) and makes it square. Throws PictureError. The type comes from
 * the bytes; bytes of no format we know still go to the browser's decoder, which knows more (ICO, JPEG XL…).
 */
export async function pictureFromFile(file: File): Promise<SquarePicture> {
  if (file.size === 0) throw new PictureError('picture/empty', file.name);
  if (file.size > MAX_FILE_BYTES) throw new PictureError('picture/too-big', file.name);
  const header = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const declared = pictureDimensions(header);
  if (declared && declared.width * declared.height > MAX_SOURCE_PIXELS) throw new PictureError('picture/too-many-pixels', file.name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PictureError(undecodable(file, header), file.name);
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

/** Centre-crops any drawable (video frame, canvas, bitmap) to a 224x224 square on white. */
export async function squareFromSource(
  source: CanvasImageSource,
  width: number,
  height: number,
  options: { mirror?: boolean } = {},
): Promise<SquarePicture> {
  const { canvas, image } = drawSquareCanvas(source, width, height, options.mirror);
  return { image, ...(await encodePicture(canvas)) };
}
