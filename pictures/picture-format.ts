// What a file really is, read from its first bytes (its "magic number"), never from its name or the type the
// browser guessed from the name: a JPEG saved without an extension is still a JPEG, and "photo.jpg" holding text
// is not one.

export type PictureFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp' | 'avif' | 'heic';

export const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((char, index) => bytes[at + index] === char.charCodeAt(0));

const AVIF_BRANDS = ['avif', 'avis'];
/** HEIF with HEVC pictures: what an iPhone saves (`mif1`/`msf1` alone are generic HEIF, decoded or refused like HEIC). */
const HEIC_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1'];

/** The brands an ISO media file (AVIF, HEIC) lists in its leading `ftyp` box: the major one first. */
function ftypBrands(bytes: Uint8Array): string[] {
  if (!ascii(bytes, 4, 'ftyp') || bytes.length < 16) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(view.getUint32(0), bytes.length);
  const brand = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  const brands = [brand(8)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(brand(at));
  return brands;
}

/** The format `bytes` start with, or null when they are not one we know (the browser's decoder may still know it). */
export function sniffPictureFormat(bytes: Uint8Array): PictureFormat | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'png';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'gif';
  if (ascii(bytes, 0, 'BM') && bytes.length >= 26) return 'bmp';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  const brands = ftypBrands(bytes);
  // AVIF files list `mif1` too, so AVIF is looked for first.
  if (brands.some((brand) => AVIF_BRANDS.includes(brand))) return 'avif';
  if (brands.some((brand) => HEIC_BRANDS.includes(brand))) return 'heic';
  return null;
}
