import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { signDigitPhotos } from '../engine/test-support/shared-data';
import { pictureDimensions } from './picture-dimensions';
import { sniffPictureFormat } from './picture-format';

const text = (value: string) => new TextEncoder().encode(value);

test('the format comes from the first bytes, whatever the file is called', () => {
  assert.equal(sniffPictureFormat(readFileSync(signDigitPhotos(2)[0])), 'jpeg');
  assert.equal(sniffPictureFormat(PNG.sync.write(new PNG({ width: 2, height: 2 }))), 'png');
  assert.equal(sniffPictureFormat(text('GIF89a\x02\x00\x02\x00')), 'gif');
  assert.equal(sniffPictureFormat(Uint8Array.from([...text('BM'), ...new Array(40).fill(0)])), 'bmp');
  assert.equal(sniffPictureFormat(text('RIFF\x10\x00\x00\x00WEBPVP8 ')), 'webp');
});

test('AVIF and HEIC are told apart by their brands (AVIF lists the generic HEIF brand too)', () => {
  const ftyp = (...brands: string[]) =>
    Uint8Array.from([0, 0, 0, 8 + 4 * (brands.length + 1), ...text(`ftyp${brands[0]}\x00\x00\x00\x00${brands.slice(1).join('')}`)]);
  assert.equal(sniffPictureFormat(ftyp('avif', 'mif1', 'miaf')), 'avif');
  assert.equal(sniffPictureFormat(ftyp('mif1', 'avif')), 'avif');
  assert.equal(sniffPictureFormat(ftyp('heic', 'mif1', 'heic')), 'heic');
  assert.equal(sniffPictureFormat(ftyp('mif1', 'heic')), 'heic');
  // A video is an ISO media file too, but no picture.
  assert.equal(sniffPictureFormat(ftyp('isom', 'iso2', 'mp41')), null);
});

test("text, a program, a PDF and too few bytes are no format we know (the browser's decoder gets the last word)", () => {
  assert.equal(sniffPictureFormat(text('These are my notes, not a picture.')), null);
  assert.equal(sniffPictureFormat(text('MZ\x90\x00 not a picture')), null);
  assert.equal(sniffPictureFormat(text('%PDF-1.7')), null);
  assert.equal(sniffPictureFormat(Uint8Array.from([0xff, 0xd8])), null);
  assert.equal(sniffPictureFormat(new Uint8Array(0)), null);
});

test('AVIF and HEIC files from a real encoder (ImageMagick) are recognised and measured before decoding', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'picture-format-'));
  try {
    for (const format of ['avif', 'heic'] as const) {
      const file = path.join(dir, `hand.${format}`);
      execFileSync('convert', [signDigitPhotos(2)[0], '-resize', '120x80!', file]);
      const bytes = readFileSync(file);
      assert.equal(sniffPictureFormat(bytes), format);
      assert.deepEqual(pictureDimensions(bytes), { width: 120, height: 80 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
