// Scale: a model of 2,000 pictures (5 classes of 400, made from the shared photos by small shifts and mirror
// images) is uploaded through the trainer, opens again after a reload with only the thumbnails in sight decoded,
// trains, saves and comes back whole. The page's JavaScript heap is printed after opening and after training.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import jpeg from 'jpeg-js';
import text from '../locales/en/trainer.json';
import { DATABASE_NAME } from '../store/model-store';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, waitForEditor, type Digit } from './support';
import { CROP, CROP_CORNERS } from './support/scale-crops';
import { nameNextClass } from './support/trainer-page';

const DIGITS: readonly Digit[] = [0, 1, 2, 3, 4];
const PER_CLASS = 400;
const TOTAL = DIGITS.length * PER_CLASS;
const EPOCHS = 10;
const ONE_GIGABYTE = 1024 ** 3;

interface FilePayload {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

function cropped(photo: { width: number; height: number; data: Uint8Array }, [fx, fy]: readonly [number, number], mirror: boolean): Buffer {
  const side = Math.round(Math.min(photo.width, photo.height) * CROP);
  const left = Math.round((photo.width - side) * fx);
  const top = Math.round((photo.height - side) * fy);
  const data = Buffer.alloc(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const from = ((top + y) * photo.width + left + (mirror ? side - 1 - x : x)) * 4;
      data.set(photo.data.subarray(from, from + 4), (y * side + x) * 4);
    }
  }
  return jpeg.encode({ data, width: side, height: side }, 85).data;
}

/** 400 different pictures of one sign digit, as the file picker hands them over. */
function picturesOf(digit: Digit): FilePayload[] {
  const pictures = signDigitPhotos(digit).flatMap((file) => {
    const photo = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true });
    const name = path.basename(file, path.extname(file));
    return CROP_CORNERS.flatMap((corner, c) =>
      [false, true].map((mirror) => ({
        name: `${name}-${c}${mirror ? 'm' : ''}.jpg`,
        mimeType: 'image/jpeg',
        buffer: cropped(photo, corner, mirror),
      })),
    );
  });
  expect(pictures).toHaveLength(PER_CLASS);
  return pictures;
}

const className = (digit: Digit) => `digit ${digit}`;
const classCard = (trainer: Locator, digit: Digit) => trainer.getByRole('region', { name: className(digit), exact: true });
const countText = (count: number) => text.pictureCountOther.replace('{count}', String(count));

/**
 * Waits until `classes` classes show "400 pictures". By text, not by role: working out every element's role in a
 * trainer of 2,000 pictures on each look would take the page's time away from the pictures.
 */
async function expectClassesFull(trainer: Locator, classes: number): Promise<void> {
  await expect(trainer.getByText(countText(PER_CLASS), { exact: true })).toHaveCount(classes, { timeout: 120_000 });
}

/** What IndexedDB holds: pictures and trained model versions (so a reload only happens once all is written). */
function stored(page: Page): Promise<{ pictures: number; trained: number }> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const records = database.transaction('records', 'readonly').objectStore('records');
          const count = (kind: string) => records.count(IDBKeyRange.bound([kind], [kind, []], true, true));
          const pictures = count('picture');
          const trained = count('trained');
          trained.onsuccess = () => {
            resolve({ pictures: pictures.result, trained: trained.result });
            database.close();
          };
        };
      }),
    DATABASE_NAME,
  );
}

/** The page's JavaScript heap after a full garbage collection, in MB. */
async function heapMegabytes(page: Page): Promise<{ used: number; total: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  expect(usedSize).toBeLessThan(ONE_GIGABYTE);
  return { used: Math.round(usedSize / 2 ** 20), total: Math.round(totalSize / 2 ** 20) };
}

const thumbnailsWithImage = (trainer: Locator) => trainer.locator('.imt-pictures img[src]').count();

test('2,000 pictures: the trainer opens them lazily, trains, saves, and finds them all after a reload', async ({ page }) => {
  // About 3 minutes on an idle 2-core machine; much more when other work shares it.
  test.setTimeout(600_000);
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);
  for (const digit of DIGITS) {
    console.log(`scale: class ${digit} (${elapsed()})`);
    await nameNextClass(trainer, className(digit));
    // One class after another, as a child would: each upload is read and embedded before the next one starts.
    await classCard(trainer, digit).getByLabel(text.uploadPictures).setInputFiles(picturesOf(digit));
    await expectClassesFull(trainer, digit + 1);
  }
  // Even while all of them arrive, only the pictures in sight get an image.
  expect(await thumbnailsWithImage(trainer)).toBeLessThan(TOTAL / 5);
  await expect.poll(async () => (await stored(page)).pictures, { timeout: 60_000 }).toBe(TOTAL);
  console.log(`scale: ${TOTAL} pictures uploaded and stored after ${elapsed()}`);

  // Opening: the trainer lists every picture but decodes only those on screen or near it.
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  await expectClassesFull(trainer, DIGITS.length);
  await expect.poll(() => thumbnailsWithImage(trainer)).toBeGreaterThan(0);
  const shown = await thumbnailsWithImage(trainer);
  expect(shown).toBeLessThan(TOTAL / 5);
  const afterOpening = await heapMegabytes(page);
  console.log(
    `scale: trainer open with ${TOTAL} pictures, ${shown} thumbnails decoded, JS heap ${afterOpening.used} MB used of ${afterOpening.total} MB (${elapsed()})`,
  );

  // Scrolling a class to its end shows its last pictures and lets go of its first ones.
  const grid = classCard(trainer, 0).getByRole('list', { name: text.picturesOf.replace('{name}', className(0)) });
  const thumbnails = grid.getByRole('listitem');
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(thumbnails.last().getByRole('img')).toBeVisible();
  await expect(thumbnails.first().getByRole('img')).toHaveCount(0);

  // Fewer epochs than the default 50 keep the test short: every epoch still goes through all 2,000 pictures.
  await trainer.getByText(text.advanced, { exact: true }).click();
  await trainer.getByRole('spinbutton', { name: text['setting.epochs'] }).fill(String(EPOCHS));
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 240_000 });
  const afterTraining = await heapMegabytes(page);
  console.log(`scale: trained on ${TOTAL} pictures, JS heap ${afterTraining.used} MB used of ${afterTraining.total} MB (${elapsed()})`);
  await expect.poll(async () => (await stored(page)).trained, { timeout: 60_000 }).toBe(1);

  // Saved: after a reload the trained model and all 2,000 pictures are back, the model up to date.
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  await expectClassesFull(trainer, DIGITS.length);
  await expect(trainer.getByText(text.testNeedsModel)).toHaveCount(0);
  await expect(trainer.getByText(text.outOfDate)).toHaveCount(0);
  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(2)[0]);
  await expect(trainer.getByText(text.testResult.replace('{name}', className(2)), { exact: true })).toBeVisible();
  console.log(`scale: reloaded with the trained model and ${TOTAL} pictures (${elapsed()})`);
});
