// A class's pictures as a child keeps them right: one tab stop for all of them (arrow keys, Home/End inside),
// Delete removes the focused one with an undo, "Remove all" (with undo) and "Download pictures" (a zip of the
// squares), and the same picture uploaded twice noticed by what it shows and skipped, with a message.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { INPUT_SIZE } from '../engine';
import text from '../locales/en/trainer.json';
import { pictureDimensions } from '../pictures/picture-dimensions';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, waitForEditor } from './support';
import { addClassWithPhotos, classCard, fill, pictures } from './support/trainer-page';

const ROCK = 'rock';

/** The picture the grid's keyboard focus is on, by the name a screen reader reads. */
const pictureName = (number: number, count: number, name = ROCK) => fill(text.pictureItem, { number, count, name });

/** What a thumbnail shows, as a number: tells pictures apart (and finds one again after an undo) by content. */
function shows(item: Locator): Promise<number> {
  return item.getByRole('img').evaluate(async (image: HTMLImageElement) => {
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 16;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(image, 0, 0, 16, 16);
    return context.getImageData(0, 0, 16, 16).data.reduce((sum, value, index) => sum + value * ((index % 97) + 1), 0);
  });
}

async function showsAll(items: Locator): Promise<number[]> {
  const all: number[] = [];
  for (let index = 0; index < (await items.count()); index++) all.push(await shows(items.nth(index)));
  return all;
}

async function trainerWithClass(page: Page, name: string, photos: number): Promise<Locator> {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await addClassWithPhotos(trainer, name, 0, photos);
  return trainer;
}

test("a class's pictures are one tab stop: arrows, Home and End move, Delete removes with an undo, focus stays put", async ({ page }) => {
  const trainer = await trainerWithClass(page, ROCK, 6);
  const card = classCard(trainer, ROCK);
  const items = pictures(trainer, ROCK);
  const before = await showsAll(items);

  // From the class's delete button, one Tab reaches the first picture, and the next Tab leaves the pictures.
  await card.getByRole('button', { name: fill(text.deleteClass, { name: ROCK }) }).focus();
  await page.keyboard.press('Tab');
  const first = card.getByRole('listitem', { name: pictureName(1, 6) });
  await expect(first).toBeFocused();
  await expect(first).toHaveAccessibleDescription(text.pictureKeys);
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: text.downloadPictures })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(first).toBeFocused();

  await page.keyboard.press('ArrowRight');
  await expect(card.getByRole('listitem', { name: pictureName(2, 6) })).toBeFocused();
  await page.keyboard.press('End');
  await expect(card.getByRole('listitem', { name: pictureName(6, 6) })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(card.getByRole('listitem', { name: pictureName(3, 6) })).toBeFocused();

  // Delete: picture 3 goes, the one after it takes its place and the focus.
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(5);
  await expect(card.getByRole('listitem', { name: pictureName(3, 5) })).toBeFocused();
  expect(await showsAll(items)).toEqual([...before.slice(0, 2), ...before.slice(3)]);
  await expect(card.getByRole('status').filter({ hasText: fill(text.picturesRemovedOne, { name: ROCK }) })).toBeVisible();
  // Backspace too; removals in a row are undone together.
  await page.keyboard.press('Backspace');
  await expect(items).toHaveCount(4);
  await expect(card.getByText(fill(text.picturesRemovedOther, { count: 2, name: ROCK }))).toBeVisible();
  // The Tab after the pictures reaches the undo.
  await page.keyboard.press('Tab');
  const undo = card.getByRole('button', { name: text.undo });
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(6);
  expect(await showsAll(items), 'back in their places').toEqual(before);
  await expect(undo).toHaveCount(0);
  await expect(card.getByRole('listitem', { name: pictureName(5, 6) }), 'the focus is back on the picture it was on').toBeFocused();
});

test("Delete on the only picture moves the focus to its undo; the mouse's × is no tab stop", async ({ page }) => {
  const trainer = await trainerWithClass(page, ROCK, 1);
  const card = classCard(trainer, ROCK);
  const remove = card.getByRole('button', { name: fill(text.removePicture, { number: 1, name: ROCK }) });
  await expect(remove).toHaveAttribute('tabindex', '-1');
  await card.getByRole('listitem', { name: pictureName(1, 1) }).focus();
  await page.keyboard.press('Delete');
  await expect(card.getByText(text.noPicturesYet)).toBeVisible();
  await expect(card.getByRole('button', { name: text.undo })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pictures(trainer, ROCK)).toHaveCount(1);

  // The × still removes for the mouse, with the same undo.
  await remove.click();
  await expect(pictures(trainer, ROCK)).toHaveCount(0);
  await card.getByRole('button', { name: text.undo }).click();
  await expect(pictures(trainer, ROCK)).toHaveCount(1);
});

test('"Download pictures" gives a zip of the squares; "Remove all" empties the class with an undo; a reload keeps the result', async ({
  page,
}) => {
  const trainer = await trainerWithClass(page, ROCK, 5);
  const card = classCard(trainer, ROCK);
  const items = pictures(trainer, ROCK);

  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: text.downloadPictures }).click();
  const zipFile = await download;
  expect(zipFile.suggestedFilename()).toBe(`${ROCK}.zip`);
  const zip = await JSZip.loadAsync(await readFile(await zipFile.path()));
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  expect(names).toEqual([1, 2, 3, 4, 5].map((n) => `${ROCK}/00${n}.jpg`));
  for (const name of names) {
    expect(pictureDimensions(await zip.file(name)!.async('uint8array')), name).toEqual({ width: INPUT_SIZE, height: INPUT_SIZE });
  }

  const before = await showsAll(items);
  await card.getByRole('button', { name: text.removeAllPictures }).click();
  await expect(items).toHaveCount(0);
  await expect(card.getByText(text.noPicturesYet)).toBeVisible();
  await expect(card.getByText(fill(text.picturesRemovedOther, { count: 5, name: ROCK }))).toBeVisible();
  await expect(card.getByRole('button', { name: text.undo }), 'the focus goes to the undo').toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(5);
  expect(await showsAll(items)).toEqual(before);

  // Another class emptied, and that removal made final.
  await addClassWithPhotos(trainer, 'paper', 2, 5);
  await classCard(trainer, 'paper').getByRole('button', { name: text.removeAllPictures }).click();
  await classCard(trainer, 'paper').getByRole('button', { name: text.dismiss }).click();
  await expect(pictures(trainer, 'paper')).toHaveCount(0);

  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  const again = await openTrainer(page);
  await expect(pictures(again, ROCK)).toHaveCount(5);
  await expect(classCard(again, 'paper').getByText(text.noPicturesYet)).toBeVisible();
});

test('the same picture twice in a class is skipped with a message: chosen again, or twice in one upload', async ({ page }) => {
  const trainer = await trainerWithClass(page, ROCK, 5);
  const card = classCard(trainer, ROCK);
  const photos = signDigitPhotos(0);
  const upload = async (files: string[] | { name: string; mimeType: string; buffer: Buffer }[], name = ROCK) => {
    const chooser = page.waitForEvent('filechooser');
    await classCard(trainer, name).getByRole('button', { name: text.uploadPictures }).click();
    await (await chooser).setFiles(files);
  };

  // Photos 3 and 4 are in the class already; 5 is new.
  await upload(photos.slice(3, 6));
  await expect(card.getByRole('alert')).toContainText(fill(text.duplicatesSkippedOther, { count: 2, name: ROCK }));
  await expect(pictures(trainer, ROCK)).toHaveCount(6);

  // The same file twice in one upload (under two names, as a copy would be): one goes in.
  const buffer = await readFile(photos[6]);
  await upload([
    { name: 'hand.jpg', mimeType: 'image/jpeg', buffer },
    { name: 'hand copy.jpg', mimeType: 'image/jpeg', buffer },
  ]);
  await expect(card.getByRole('alert')).toContainText(fill(text.duplicatesSkippedOne, { name: ROCK }));
  await expect(pictures(trainer, ROCK)).toHaveCount(7);

  // New pictures only: the message from before goes, nothing is skipped.
  await upload(photos.slice(7, 9));
  await expect(pictures(trainer, ROCK)).toHaveCount(9);
  await expect(card.getByRole('alert')).toHaveCount(0);

  // Another class may hold the same photo: that is its own business.
  await addClassWithPhotos(trainer, 'paper', 2, 1);
  await upload([photos[0]], 'paper');
  await expect(pictures(trainer, 'paper')).toHaveCount(2);
  await expect(classCard(trainer, 'paper').getByRole('alert')).toHaveCount(0);
});
