// "What is it looking at?" and the map of all pictures in the real editor: a tested picture gets its heatmap laid
// over it and a caption in plain words, from the toggle button under it; a photo put in the wrong class is marked
// on the map and in its list view, and moving it from there clears the mark.
import type { Locator, Page } from '@playwright/test';
import lab from '../locales/en/lab.json';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { nameNextClass } from './support/trainer-page';

const PHOTOS_PER_CLASS = 8;
const PLACE_WORDS = Object.entries(lab)
  .filter(([key]) => key.startsWith('look.place.'))
  .map(([, words]) => words);

async function upload(page: Page, trainer: Locator, name: string, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await trainer.getByRole('region', { name, exact: true }).getByRole('button', { name: text.uploadPictures }).click();
  await (await chooser).setFiles(files);
}

/** The caption as the child reads it: the sentence with one of the nine places in it. */
function captionPattern(): RegExp {
  const escape = (words: string) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const [before, after] = lab['look.caption'].split('{place}').map(escape);
  return new RegExp(`^${before}(${PLACE_WORDS.map(escape).join('|')})${after}$`);
}

test('a tested picture shows where the model looked, with a caption, from a toggle button', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, 'zero');
  await nameNextClass(trainer, 'three');
  await upload(page, trainer, 'zero', signDigitPhotos(0).slice(0, PHOTOS_PER_CLASS));
  await upload(page, trainer, 'three', signDigitPhotos(3).slice(0, PHOTOS_PER_CLASS));
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });

  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(3)[20]);
  await expect(trainer.getByRole('status').filter({ hasText: text.testResult.replace('{name}', 'three') })).toBeVisible();
  const toggle = trainer.getByRole('button', { name: lab['look.button'] });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  const caption = trainer.getByText(captionPattern());
  await expect(caption).toBeVisible({ timeout: 30_000 });
  // The overlay lies on the tested picture and is coloured somewhere (its hottest cell at least).
  const heat = trainer.locator('.imt-result canvas');
  await expect(heat).toBeVisible();
  const picture = await trainer.getByRole('img', { name: text.testPreview }).boundingBox();
  expect(await heat.boundingBox()).toEqual(picture);
  const coloured = await heat.evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return data.filter((_, i) => i % 4 === 3 && data[i] > 0).length;
  });
  expect(coloured).toBeGreaterThan(0);

  // Pressed again, the picture is plain again.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(heat).toHaveCount(0);
  await expect(caption).toHaveCount(0);
});

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

test('the map marks a photo put in the wrong class, and moving it clears the mark', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, 'zero');
  await nameNextClass(trainer, 'three');
  await upload(page, trainer, 'zero', [...signDigitPhotos(0).slice(0, PHOTOS_PER_CLASS), signDigitPhotos(3)[20]]);
  await upload(page, trainer, 'three', signDigitPhotos(3).slice(0, PHOTOS_PER_CLASS));
  const total = 2 * PHOTOS_PER_CLASS + 1;
  await expect(trainer.getByRole('list', { name: fill(text.picturesOf, { name: 'zero' }) }).getByRole('listitem')).toHaveCount(
    PHOTOS_PER_CLASS + 1,
  );

  // No training needed: the map shows what the pictures look like to the model's backbone.
  await trainer.getByRole('button', { name: lab.open }).click();
  await trainer.getByRole('tab', { name: lab['tab.map'] }).click();
  const other = trainer.getByRole('list', { name: fill(lab['map.otherClass'], { count: 1 }) });
  await expect(other.getByRole('button')).toHaveCount(1, { timeout: 30_000 });
  await expect(trainer.getByRole('list', { name: fill(lab['map.ownClass'], { count: total - 1 }) }).getByRole('button')).toHaveCount(
    total - 1,
  );
  const marked = other.getByRole('button');
  await expect(marked).toContainText(fill(lab['map.looksLike'], { name: 'three' }));
  // The map itself shows the same: one picture ringed.
  await expect(trainer.locator('.iml-map__mark')).toHaveCount(1);

  await marked.click();
  // Named after the picture (the trainer around it is a dialog too).
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${fill(lab['map.picture'], { number: '\\d+', name: '\\w+' })}$`) });
  await expect(dialog.getByText(fill(lab['map.looksLikeNote'], { name: 'three' }))).toBeVisible();
  await dialog.getByLabel(lab['mistakes.moveOther']).selectOption({ label: 'three' });
  await dialog.getByRole('button', { name: lab['mistakes.move'], exact: true }).click();
  await expect(dialog.getByText(fill(lab['mistakes.label'], { name: 'three' }))).toBeVisible();
  await dialog.getByRole('button', { name: lab['detail.close'] }).click();
  await expect(dialog).toHaveCount(0);

  await expect(trainer.getByText(lab['map.noneOther'])).toBeVisible();
  await expect(trainer.getByRole('list', { name: fill(lab['map.ownClass'], { count: total }) }).getByRole('button')).toHaveCount(total);
  await expect(trainer.locator('.iml-map__mark')).toHaveCount(0);
  await expect(trainer.getByRole('list', { name: fill(text.picturesOf, { name: 'three' }) }).getByRole('listitem')).toHaveCount(
    PHOTOS_PER_CLASS + 1,
  );
});
