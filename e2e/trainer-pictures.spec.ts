// Uploaded pictures as the model sees them: a wide picture is centre-cropped to a 224×224 square (never squashed),
// a WebP is taken like any other picture, and the size limit sits exactly where the trainer says (the largest file
// allowed goes in, one byte more is refused in words). A file is what its bytes say (a JPEG without an extension
// goes in), AVIF goes in, an iPhone's HEIC the browser cannot open is refused with what to do instead, and
// transparent pixels are white, as on Scratch's stage. Fixtures are made here (pngjs, ImageMagick): no binaries in git.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { INPUT_SIZE } from '../engine';
import errors from '../locales/en/errors.json';
import text from '../locales/en/trainer.json';
import { MAX_FILE_BYTES } from '../modal-ui/pictures/square-picture';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { samplePicture } from './support/picture-colours';
import { pngChunk } from './support/png-bytes';
import { classCard, fill, nameNextClass, pictures } from './support/trainer-page';

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
  const padded = Buffer.concat([
    png.subarray(0, png.length - IEND_BYTES),
    pngChunk('pdDg', Buffer.alloc(padding, 0x2a)),
    png.subarray(png.length - IEND_BYTES),
  ]);
  expect(padded.length).toBe(bytes);
  return padded;
}

/** 224 × 224 with a black square in its middle third, on no background (transparent) or on a colour. */
function drawingPng(background: 'transparent' | 'white' | 'grey'): Buffer {
  const png = new PNG({ width: INPUT_SIZE, height: INPUT_SIZE });
  const third = INPUT_SIZE / 3;
  for (let y = 0; y < INPUT_SIZE; y++) {
    for (let x = 0; x < INPUT_SIZE; x++) {
      const drawn = x >= third && x < 2 * third && y >= third && y < 2 * third;
      const around = { transparent: [0, 0, 0, 0], white: [255, 255, 255, 255], grey: [235, 235, 235, 255] }[background];
      png.data.set(drawn ? [0, 0, 0, 255] : around, (y * INPUT_SIZE + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

async function upload(page: Page, trainer: Locator, files: FilePayload[] | string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await classCard(trainer, CLASS).getByRole('button', { name: text.uploadPictures }).click();
  await (await chooser).setFiles(files);
}

/** The editor with Image Model, its trainer open and one class named CLASS, as each test starts. */
async function trainerWithClass(page: Page): Promise<Locator> {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, CLASS);
  return trainer;
}

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trainer-pictures-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a wide picture is centre-cropped to 224×224, a WebP goes in, and the size limit is exact', async ({ page }) => {
  const trainer = await trainerWithClass(page);
  const taken = pictures(trainer, CLASS);

  // 300×100, red | green | blue: the square in the middle is all green, edges too; a squash would show red and blue.
  await upload(page, trainer, [{ name: 'bands.png', mimeType: 'image/png', buffer: bandsPng(300, 100) }]);
  await expect(taken).toHaveCount(1);
  const square = await samplePicture(taken.first().getByRole('img'));
  expect({ width: square.width, height: square.height }).toEqual({ width: INPUT_SIZE, height: INPUT_SIZE });
  expect(square.grid, 'green at every point, edges too: only the middle third is kept').toEqual(
    [0, 1, 2].map(() => ['green', 'green', 'green']),
  );

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

test('a file is what its bytes say: a JPEG without an extension and an AVIF go in, an iPhone HEIC gets what to do', async ({ page }) => {
  const trainer = await trainerWithClass(page);
  const taken = pictures(trainer, CLASS);
  const alert = classCard(trainer, CLASS).getByRole('alert');

  // A camera's JPEG saved with no extension (the browser gives it no type either).
  const bare = path.join(dir, 'IMG_0042');
  copyFileSync(signDigitPhotos(1)[0], bare);
  await upload(page, trainer, [bare]);
  await expect(taken).toHaveCount(1);

  // AVIF from a real encoder: a picture like any other.
  const avif = path.join(dir, 'hand.avif');
  execFileSync('convert', [signDigitPhotos(1)[1], avif]);
  await upload(page, trainer, [avif]);
  await expect(taken).toHaveCount(2);
  expect((await samplePicture(taken.last().getByRole('img'))).width).toBe(INPUT_SIZE);
  await expect(alert).toHaveCount(0);

  // An iPhone photo (HEIC, from a real encoder), which this Chromium cannot decode: the message says what to do,
  // named or not. The file chooser offers such files too.
  const heic = path.join(dir, 'IMG_0043.HEIC');
  execFileSync('convert', [signDigitPhotos(1)[2], heic]);
  await upload(page, trainer, [
    { name: 'IMG_0043.HEIC', mimeType: 'image/heic', buffer: readFileSync(heic) },
    { name: 'iphone-photo', mimeType: 'application/octet-stream', buffer: readFileSync(heic) },
  ]);
  await expect(alert).toContainText(fill(text.fileProblem, { file: 'IMG_0043.HEIC', reason: errors['picture/heic'] }));
  await expect(alert).toContainText(fill(text.fileProblem, { file: 'iphone-photo', reason: errors['picture/heic'] }));
  await expect(taken).toHaveCount(2);
  const accept = (await classCard(trainer, CLASS).getByLabel(text.uploadPictures).getAttribute('accept')) ?? '';
  expect(accept.split(',')).toEqual(expect.arrayContaining(['image/*', '.avif', '.heic']));
});

test('transparent pixels are white, as on the stage: in the stored square and in what the model sees', async ({ page }) => {
  const trainer = await trainerWithClass(page);
  const taken = pictures(trainer, CLASS);

  await upload(page, trainer, [{ name: 'drawing.png', mimeType: 'image/png', buffer: drawingPng('transparent') }]);
  await expect(taken).toHaveCount(1);
  const white = ['white', 'white', 'white'];
  expect((await samplePicture(taken.first().getByRole('img'))).grid, 'black where drawn, white around it (not black)').toEqual([
    white,
    ['white', 'black', 'white'],
    white,
  ]);

  // What the model was given is the same picture as the drawing on white: the trainer finds it is already in the
  // class (its embedding is the same), which it would not be had the transparent pixels reached the model as black.
  await upload(page, trainer, [{ name: 'drawing-on-white.png', mimeType: 'image/png', buffer: drawingPng('white') }]);
  await expect(classCard(trainer, CLASS).getByRole('alert')).toContainText(fill(text.duplicatesSkippedOne, { name: CLASS }));
  await expect(taken).toHaveCount(1);
  // The same drawing on light grey is another picture to the model: it goes in.
  await upload(page, trainer, [{ name: 'drawing-on-grey.png', mimeType: 'image/png', buffer: drawingPng('grey') }]);
  await expect(taken).toHaveCount(2);
  await expect(classCard(trainer, CLASS).getByRole('alert')).toHaveCount(0);
});
