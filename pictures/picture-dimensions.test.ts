import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { signDigitPhotos } from '../engine/test-support/shared-data';
import { pictureDimensions } from './picture-dimensions';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part)));
const uint16le = (value: number) => [value & 0xff, value >> 8];
const uint32le = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24];

test('a real JPEG from the shared photos reads as 100 x 100', () => {
  assert.deepEqual(pictureDimensions(readFileSync(signDigitPhotos(3)[0])), { width: 100, height: 100 });
});

test('a JPEG whose size comes after a 60 KB EXIF block is still read', () => {
  const photo = readFileSync(signDigitPhotos(1)[0]);
  const exifLength = 60_000;
  const exif = Buffer.alloc(2 + exifLength);
  exif.set([0xff, 0xe1, exifLength >> 8, exifLength & 0xff]);
  const withExif = Buffer.concat([photo.subarray(0, 2), exif, photo.subarray(2)]);
  assert.deepEqual(pictureDimensions(withExif), { width: 100, height: 100 });
});

test('a PNG made by an encoder reads its size, and a decompression bomb header reads as 20,000 x 20,000', () => {
  const png = new PNG({ width: 37, height: 11 });
  assert.deepEqual(pictureDimensions(PNG.sync.write(png)), { width: 37, height: 11 });
  const ihdr = [0, 0, 0, 13, ...bytes('IHDR'), 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20];
  assert.deepEqual(pictureDimensions(bytes([0x89], 'PNG', [13, 10, 26, 10], ihdr)), { width: 20_000, height: 20_000 });
});

test('GIF, BMP (top-down rows too) and the three kinds of WebP read their sizes', () => {
  assert.deepEqual(pictureDimensions(bytes('GIF89a', uint16le(640), uint16le(480), [0, 0, 0])), { width: 640, height: 480 });
  const bmpHeader = (height: number) => bytes('BM', new Array(16).fill(0), uint32le(300), uint32le(height >>> 0), [0, 0]);
  assert.deepEqual(pictureDimensions(bmpHeader(200)), { width: 300, height: 200 });
  assert.deepEqual(pictureDimensions(bmpHeader(-200)), { width: 300, height: 200 });
  const riff = (chunk: string, body: number[]) => bytes('RIFF', uint32le(100), 'WEBP', chunk, body);
  assert.deepEqual(pictureDimensions(riff('VP8X', [...uint32le(10), 0, 0, 0, 0, 0x3f, 0x9c, 0, 0x1f, 0x4e, 0, 0, 0])), {
    width: 40_000,
    height: 20_000,
  });
  const lossless = ((99 & 0x3fff) | ((49 & 0x3fff) << 14)) >>> 0;
  assert.deepEqual(pictureDimensions(riff('VP8L', [...uint32le(10), 0x2f, ...uint32le(lossless), 0, 0, 0, 0, 0])), {
    width: 100,
    height: 50,
  });
  assert.deepEqual(pictureDimensions(riff('VP8 ', [...uint32le(10), 0, 0, 0, 0x9d, 0x01, 0x2a, ...uint16le(320), ...uint16le(240), 0])), {
    width: 320,
    height: 240,
  });
});

test('text, an unknown format or a header cut short gives no size (the decoder then decides)', () => {
  assert.equal(pictureDimensions(bytes('hello, this is not a picture')), null);
  assert.equal(pictureDimensions(bytes([0x89], 'PNG', [13, 10])), null);
  assert.equal(pictureDimensions(readFileSync(signDigitPhotos(0)[0]).subarray(0, 20)), null);
  assert.equal(pictureDimensions(new Uint8Array(0)), null);
});

/** An ISO media file (AVIF, HEIC) with its `ispe` sizes where a real encoder puts them: ftyp, then meta → iprp → ipco. */
function isoMedia(brands: string[], sizes: [number, number][]): Uint8Array {
  const uint32 = (value: number) => [value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  const box = (type: string, ...body: number[][]) => {
    const content = body.flat();
    return [...uint32(8 + content.length), ...[...type].map((char) => char.charCodeAt(0)), ...content];
  };
  const fourCC = (text: string) => [...text].map((char) => char.charCodeAt(0));
  const ispe = sizes.map(([width, height]) => box('ispe', [0, 0, 0, 0], uint32(width), uint32(height)));
  const ftyp = box('ftyp', fourCC(brands[0]), [0, 0, 0, 0], ...brands.map(fourCC));
  const meta = box(
    'meta',
    [0, 0, 0, 0],
    box('hdlr', [0, 0, 0, 0, 0, 0, 0, 0], fourCC('pict'), new Array(13).fill(0)),
    box('iprp', box('ipco', box('colr', fourCC('nclx'), [0, 2, 0, 2, 0, 6, 0x80]), ...ispe)),
  );
  return Uint8Array.from([...ftyp, ...meta, ...box('mdat', [1, 2, 3])]);
}

test('AVIF and HEIC read their size from the ispe property; an iPhone photo in tiles reads as the whole picture', () => {
  assert.deepEqual(pictureDimensions(isoMedia(['avif', 'mif1', 'miaf'], [[100, 100]])), { width: 100, height: 100 });
  // An iPhone's 4032 x 3024 photo is a grid of 512 x 512 tiles: one ispe per tile, one for the whole.
  assert.deepEqual(
    pictureDimensions(
      isoMedia(
        ['heic', 'mif1', 'heic'],
        [
          [512, 512],
          [512, 512],
          [4032, 3024],
        ],
      ),
    ),
    { width: 4032, height: 3024 },
  );
  assert.deepEqual(pictureDimensions(isoMedia(['heic'], [[20_000, 20_000]])), { width: 20_000, height: 20_000 });
  // Cut before its properties: no size, so it is measured after decoding.
  assert.equal(pictureDimensions(isoMedia(['avif'], [[100, 100]]).subarray(0, 40)), null);
});
