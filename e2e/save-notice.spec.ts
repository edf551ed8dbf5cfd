// The notice after a save in the real editor: a project with a trained model says whether its pictures went with
// it, and leads to "Include my pictures" when they did not.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import JSZip from 'jszip';
import editorText from '../locales/en/editor.json';
import sharingText from '../locales/en/sharing.json';
import trainerText from '../locales/en/trainer.json';
import { expect, openEditor, test, type Digit } from './support';
import { trainThroughTrainer } from './support/train';

/** File > Save to your computer; returns how many pictures the downloaded .sb3 holds. */
async function saveToComputer(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'File menu' }).click();
  const download = page.waitForEvent('download');
  await page.getByText('Save to your computer', { exact: true }).click();
  const zip = await JSZip.loadAsync(await readFile(await (await download).path()));
  return Object.keys(zip.files).filter((name) => /^imageModel\/.+\.jpg$/.test(name)).length;
}

test('saving a project with a model says whether the pictures went with it, and leads to "Include my pictures"', async ({ page }) => {
  test.setTimeout(240_000);
  await openEditor(page);
  await trainThroughTrainer(
    page,
    [
      { name: 'fist', digit: 0 as Digit },
      { name: 'two', digit: 2 as Digit },
    ],
    5,
  );
  const notice = page.getByRole('status').filter({ hasText: editorText.savedWithoutPictures });
  await expect(notice).toHaveCount(0);

  expect(await saveToComputer(page)).toBe(0);
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: editorText.savedOpenTrainer }).click();
  await expect(notice).toHaveCount(0);
  const trainer = page.getByRole('dialog', { name: trainerText.title });
  await trainer.getByRole('checkbox', { name: sharingText.includePictures }).check();
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();

  expect(await saveToComputer(page)).toBe(10);
  const withPictures = page.getByRole('status').filter({ hasText: editorText.savedWithPictures });
  await expect(withPictures).toBeVisible();
  await withPictures.getByRole('button', { name: trainerText.dismiss }).click();
  await expect(withPictures).toHaveCount(0);
});
