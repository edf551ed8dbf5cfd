// `recognize [this costume]`: the current costume's own picture (its asset), not the sprite as drawn, so a
// turned, shrunken or ghosted sprite is still recognised as what it shows.
import type { RgbaImage } from '../../engine';
import type { Costume } from '../scratch-types';
import { drawCentreSquare } from './draw-square';

/** Bytes of a costume file (png, jpg, svg…) -> its picture. The browser's decoder by default; tests pass theirs. */
export type DecodeCostume = (bytes: Uint8Array, dataFormat: string) => Promise<RgbaImage>;

const MIME_TYPES: Readonly<Record<string, string>> = { svg: 'image/svg+xml', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

export const decodeCostumeInBrowser: DecodeCostume = async (bytes, dataFormat) => {
  const type = MIME_TYPES[dataFormat] ?? `image/${dataFormat}`;
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  try {
    // An <img> decodes vector costumes too (createImageBitmap refuses SVG).
    const image = new Image();
    image.src = url;
    await image.decode();
    return drawCentreSquare(image, image.naturalWidth, image.naturalHeight);
  } finally {
    URL.revokeObjectURL(url);
  }
};

/** The picture of a target's current costume, or null when it has none loaded. */
export async function readCostume(costume: Costume | undefined, decode: DecodeCostume): Promise<RgbaImage | null> {
  const bytes = costume?.asset?.data;
  if (!costume || !bytes) return null;
  return decode(bytes, costume.dataFormat);
}
