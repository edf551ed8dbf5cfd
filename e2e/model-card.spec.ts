// The model card in the real editor: made after training, it travels in the .sb3, and a reopened project (in a
// browser whose IndexedDB was cleared) offers it and lists the same picture counts and accuracy; saved as a page,
// it is one self-contained file.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import trainerText from '../locales/en/trainer.json';
import {
  addImageModelExtension,
  expect,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  paletteCategory,
  test,
  waitForEditor,
} from './support';
import { addClassWithPhotos, fill, openAdvanced } from './support/trainer-page';

/** Opens the trainer's model card (unless open) and returns its lines. */
async function cardLines(trainer: Locator): Promise<string[]> {
  const card = trainer.getByRole('group').filter({ has: trainer.page().getByText(trainerText['card.heading'], { exact: true }) });
  const summary = card.getByText(trainerText['card.heading'], { exact: true });
  if (!(await card.evaluate((element: HTMLDetailsElement) => element.open))) await summary.click();
  const page = card.getByRole('article');
  await expect(page).toBeVisible();
  return (await page.getByRole('listitem').allTextContents()).map((line) => line.trim());
}

async function saveToComputer(page: Page): Promise<Buffer> {
  await page.getByRole('button', { name: 'File menu' }).click();
  const download = page.waitForEvent('download');
  await page.getByText('Save to your computer', { exact: true }).click();
  return readFile(await (await download).path());
}

test('the model card lists counts and accuracy; a saved and reopened project lists the same; saved as a page', async ({ page }) => {
  test.setTimeout(300_000);
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);
  await addClassWithPhotos(trainer, 'fist', 0, 6);
  await addClassWithPhotos(trainer, 'two', 2, 7);
  await openAdvanced(trainer);
  await trainer.getByRole('radio', { name: trainerText['setting.method.knn'] }).check();
  await trainer.getByRole('button', { name: trainerText.train, exact: true }).click();
  await expect(trainer.getByText(trainerText.trainingDone)).toBeVisible({ timeout: 120_000 });

  const lines = await cardLines(trainer);
  expect(lines).toContain(
    fill(trainerText['card.classLine'], { name: 'fist', pictures: fill(trainerText.pictureCountOther, { count: 6 }) }),
  );
  expect(lines).toContain(
    fill(trainerText['card.classLine'], { name: 'two', pictures: fill(trainerText.pictureCountOther, { count: 7 }) }),
  );
  const accuracy = lines.find((line) => line.startsWith(trainerText['card.accuracy'].split('{')[0]));
  expect(accuracy, 'measured right after training').toMatch(/\(\d+ of 13 right\)$/);
  expect(lines).toContain(trainerText['card.picturesStay']);

  const pageFile = page.waitForEvent('download');
  await trainer.getByRole('button', { name: trainerText['card.savePage'] }).click();
  const html = await readFile(await (await pageFile).path(), 'utf8');
  expect(html).toContain(accuracy!);
  expect(html).not.toMatch(/<script|<link|src=/);
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();

  const sb3 = await saveToComputer(page);
  await page.evaluate(async () => {
    for (const { name } of await indexedDB.databases()) if (name) indexedDB.deleteDatabase(name);
  });
  await page.reload();
  await waitForEditor(page);
  await loadProjectFromComputer(page, 'card.sb3', sb3);
  await paletteCategory(page, 'Image Model').click();
  trainer = await openTrainer(page);
  await trainer.getByRole('button', { name: trainerText['card.see'] }).click();
  const reopened = await cardLines(trainer);
  expect(reopened).toEqual(lines);
});
