// Uploaded pictures as the model sees them: a wide picture is centre-cropped to a 224×224 square (never squashed),
// a WebP is taken like any other picture, and the size limit sits exactly where the trainer says (the largest file
// allowed goes in, one byte more is refused in words). Fixtures are made here (pngjs, ImageMagick): no binaries in git.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { INPUT_SIZE } from '../engine/types';
import errors from '../locales/en/errors.json';
import text from '../locales/en/trainer.json';
import { MAX_FILE_BYTES } from '../modal-ui/pictures/square-picture';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { samplePicture } from './support/picture-colours';
import { pngChunk } from './support/png-bytes';
import { classCard, fill, pictures } from './support/trainer-page';

const CLASS = 'colours';

interface FilePayload {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** A PNG of three equal vertical bands, red | green | blue, `width` × `height`. */
function bandsPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const band = Math.floor((x * 3) / width);
      png.data.set([band === 0 ? 255 : 0, band === 1 ? 255 : 0, band === 2 ? 255 : 0, 255], (y * width + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** `png` grown to exactly `bytes` with a private ancillary chunk before IEND: still a valid PNG that decoders skip through. */
function paddedPng(png: Buffer, bytes: number): Buffer {
  const IEND_BYTES = 12;
  const CHUNK_OVERHEAD = 12; // length, type, CRC
  const padding = bytes - png.length - CHUNK_OVERHEAD;
  const padded = Buffer.concat([png.subarray(0, png.length - IEND_BYTES), pngChunk('pdDg', Buffer.alloc(padding, 0x2a)), png.subarray(png.length - IEND_BYTES)]);
  expect(padded.length).toBe(bytes);
  return padded;
}

async function upload(page: Page, trainer: Locator, files: FilePayload[] | string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await classCard(trainer, CLASS).getByRole('button', { name: text.uploadPictures }).click();
  await (await chooser).setFiles(files);
}

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trainer-pictures-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a wide picture is centre-cropped to 224×224, a WebP goes in, and the size limit is exact', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await trainer.getByRole('button', { name: text.addClass }).click();
  const field = trainer.getByRole('textbox', { name: text.className });
  await field.fill(CLASS);
  await field.press('Enter');
  const taken = pictures(trainer, CLASS);

  // 300×100, red | green | blue: the square in the middle is all green, edges too; a squash would show red and blue.
  await upload(page, trainer, [{ name: 'bands.png', mimeType: 'image/png', buffer: bandsPng(300, 100) }]);
  await expect(taken).toHaveCount(1);
  const square = await samplePicture(taken.first().getByRole('img'));
  expect({ width: square.width, height: square.height }).toEqual({ width: INPUT_SIZE, height: INPUT_SIZE });
  expect(square.grid, 'green at every point, edges too: only the middle third is kept').toEqual([0, 1, 2].map(() => ['green', 'green', 'green']));

  // A WebP made from a real photo is one more picture, shown as a 224×224 square.
  const webp = path.join(dir, 'hand.webp');
  execFileSync('convert', [signDigitPhotos(2)[0], webp]);
  await upload(page, trainer, [webp]);
  await expect(taken).toHaveCount(2);
  expect((await samplePicture(taken.last().getByRole('img'))).width).toBe(INPUT_SIZE);
  await expect(classCard(trainer, CLASS).getByRole('alert')).toHaveCount(0);

  // The largest file allowed goes in; one byte more is refused with the friendly message, the others kept.
  const small = bandsPng(60, 60);
  await upload(page, trainer, [
    { name: 'just-fits.png', mimeType: 'image/png', buffer: paddedPng(small, MAX_FILE_BYTES) },
    { name: 'one-byte-over.png', mimeType: 'image/png', buffer: paddedPng(small, MAX_FILE_BYTES + 1) },
  ]);
  const alert = classCard(trainer, CLASS).getByRole('alert');
  await expect(alert).toContainText(fill(text.fileProblem, { file: 'one-byte-over.png', reason: errors['picture/too-big'] }));
  await expect(alert).not.toContainText('just-fits.png');
  await expect(taken).toHaveCount(3);
  expect((await samplePicture(taken.last().getByRole('img'))).grid[1][1]).toBe('green');
});
