// A picture's width and height read from its file header, without decoding it: a 20,000 x 20,000 PNG is a few
// hundred KB on disk but 1.6 GB once decoded, so the size is checked before the browser is asked to decode it.
import { ascii, sniffPictureFormat } from './picture-format';

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

function png(view: DataView): Dimensions | null {
  // Signature, then the IHDR chunk: length (4), "IHDR", width (4, big-endian), height (4).
  if (view.byteLength < 24) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function gif(view: DataView): Dimensions | null {
  if (view.byteLength < 10) return null;
  return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function bmp(view: DataView): Dimensions | null {
  if (view.byteLength < 26) return null;
  // BITMAPINFOHEADER: signed, and a negative height means rows stored top-down.
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

function webp(bytes: Uint8Array, view: DataView): Dimensions | null {
  if (bytes.length < 30) return null;
  if (ascii(bytes, 12, 'VP8X')) {
    const uint24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
    return { width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  if (ascii(bytes, 12, 'VP8L')) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (ascii(bytes, 12, 'VP8 ')) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return null;
}

/** Start-of-frame markers (baseline, progressive, lossless…), not DHT (C4), JPG (C8) or DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(bytes: Uint8Array, view: DataView): Dimensions | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (isStartOfFrame(marker)) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

/** The boxes of an ISO media file (AVIF, HEIC) on the way to `ispe`, in order; `meta` has 4 bytes of version first. */
const CONTAINERS = [
  { type: 'meta', skip: 4 },
  { type: 'iprp', skip: 0 },
  { type: 'ipco', skip: 0 },
] as const;

/**
 * AVIF and HEIC give each picture's size in an `ispe` property (meta → iprp → ipco → ispe); a photo stored as a grid
 * of tiles has one per tile and one for the whole, so the largest is the picture's.
 */
function isoMedia(bytes: Uint8Array, view: DataView): Dimensions | null {
  let largest: Dimensions | null = null;
  const walk = (start: number, end: number, depth: number) => {
    for (let at = start; at + 8 <= end;) {
      let size = view.getUint32(at);
      let header = 8;
      if (size === 1) {
        if (at + 16 > end) return;
        size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
        header = 16;
      } else if (size === 0) {
        size = end - at;
      }
      if (size < header) return;
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      const boxEnd = Math.min(at + size, end);
      if (depth === CONTAINERS.length && type === 'ispe' && at + header + 12 <= boxEnd) {
        const found = { width: view.getUint32(at + header + 4), height: view.getUint32(at + header + 8) };
        if (!largest || found.width * found.height > largest.width * largest.height) largest = found;
      } else if (depth < CONTAINERS.length && type === CONTAINERS[depth].type) {
        walk(at + header + CONTAINERS[depth].skip, boxEnd, depth + 1);
      }
      at += size;
    }
  };
  walk(0, bytes.length, 0);
  return largest;
}

/** The size the header declares, or null when the format is unknown or the header is cut short. */
export function pictureDimensions(bytes: Uint8Array): Dimensions | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (sniffPictureFormat(bytes)) {
    case 'png':
      return png(view);
    case 'gif':
      return gif(view);
    case 'bmp':
      return bmp(view);
    case 'webp':
      return webp(bytes, view);
    case 'jpeg':
      return jpeg(bytes, view);
    case 'avif':
    case 'heic':
      return isoMedia(bytes, view);
    default:
      return null;
  }
}
