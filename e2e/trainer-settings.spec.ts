// The trainer's "Advanced" settings as a child meets them (collapsed, each explained in kid words, a wrong number
// refused in words and never used, kept after a reload), and the whole trainer driven by the keyboard alone.
import type { Locator, Page } from '@playwright/test';
import { HEAD_KIND_SPECS, HEAD_KINDS } from '../engine/heads/kinds';
import type { SettingLimit } from '../engine/schema';
import { VALIDATION_RATE_LIMIT } from '../engine/training-settings';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, waitForEditor } from './support';
import { addClassWithPhotos, chartLine, chartPoints, classCard, fill, openAdvanced, pictures, setting } from './support/trainer-page';

const DENSE_SETTINGS = ['epochs', 'batchSize', 'learningRate', 'validationRate'] as const;
/** The limits the trainer really uses, by the input's name. */
const LIMITS: Readonly<Record<string, SettingLimit>> = {
  ...Object.fromEntries(HEAD_KINDS.flatMap((kind) => HEAD_KIND_SPECS[kind].numbers.map(({ label, limit }) => [label, limit] as const))),
  validationRate: VALIDATION_RATE_LIMIT,
};
/** The validation rate is typed as a percentage. */
const SCALE: Readonly<Record<string, number>> = { validationRate: 100 };

/** The range message an out-of-range number gets, with the limits the trainer really uses. */
function rangeMessage(name: string): string {
  const limit = LIMITS[name];
  const scale = SCALE[name] ?? 1;
  return fill(limit.integer ? text.settingRangeWhole : text.settingRange, { min: limit.min * scale, max: limit.max * scale });
}

async function expectRefused(input: Locator, value: string, name: string): Promise<void> {
  await input.fill(value);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(rangeMessage(name));
}

test('Advanced is collapsed, explains each setting, refuses wrong numbers, and keeps the method and epochs after a reload', async ({
  page,
}) => {
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);

  // Collapsed: the numbers and their explanations are out of sight until the child opens "Advanced".
  await expect(trainer.getByText(text.advanced, { exact: true })).toBeVisible();
  // There, but out of sight (a role query skips hidden elements unless asked).
  await expect(trainer.getByRole('spinbutton', { name: text['setting.epochs'], exact: true, includeHidden: true })).toHaveCount(1);
  await expect(setting(trainer, 'epochs')).toBeHidden();
  await expect(trainer.getByText(text['setting.epochsHelp'])).toBeHidden();
  await openAdvanced(trainer);

  // Each setting shows its one-line explanation, tied to its input.
  for (const name of DENSE_SETTINGS) {
    const input = setting(trainer, name);
    await expect(input).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(trainer.getByText(text[`setting.${name}Help`], { exact: true })).toBeVisible();
    await expect(input).toHaveAccessibleDescription(text[`setting.${name}Help`]);
  }
  const dense = trainer.getByRole('radio', { name: new RegExp(`^${text['setting.method.dense']}`) });
  const knn = trainer.getByRole('radio', { name: new RegExp(`^${text['setting.method.knn']}`) });
  await expect(dense).toBeChecked();
  await expect(trainer.getByText(text['setting.method.denseHelp'], { exact: true })).toBeVisible();
  await expect(trainer.getByText(text['setting.method.knnHelp'], { exact: true })).toBeVisible();
  // KNN has no epochs: its own setting (neighbours) takes their place.
  await knn.check();
  await expect(setting(trainer, 'knnK')).toBeVisible();
  await expect(setting(trainer, 'knnK')).toHaveAccessibleDescription(text['setting.knnKHelp']);
  await expect(setting(trainer, 'epochs')).toHaveCount(0);
  await dense.check();

  // Numbers out of range are marked and explained; the last good value is the one training uses.
  const epochs = setting(trainer, 'epochs');
  await epochs.fill('4');
  await expect(epochs).toHaveAttribute('aria-invalid', 'false');
  await expectRefused(epochs, '0', 'epochs');
  await expectRefused(epochs, '100000', 'epochs');
  await expectRefused(epochs, '2.5', 'epochs');
  await expectRefused(setting(trainer, 'learningRate'), '-1', 'learningRate');
  await expectRefused(setting(trainer, 'batchSize'), '0', 'batchSize');
  await expectRefused(setting(trainer, 'validationRate'), '90', 'validationRate');
  await addClassWithPhotos(trainer, 'fist', 0, 5);
  await addClassWithPhotos(trainer, 'three', 3, 5);
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });
  expect(await chartPoints(chartLine(trainer, 'acc')), 'one point per epoch: the 4 typed last, not 100000').toBe(4);

  // The method and the numbers are kept in the browser: a reload brings them back.
  await knn.check();
  await setting(trainer, 'knnK').fill('7');
  await expect(setting(trainer, 'knnK')).toHaveAttribute('aria-invalid', 'false');
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  await expect(pictures(trainer, 'three')).toHaveCount(5);
  await openAdvanced(trainer);
  await expect(knn).toBeChecked();
  await expect(setting(trainer, 'knnK')).toHaveValue('7');
  await dense.check();
  await expect(setting(trainer, 'epochs')).toHaveValue('4');
  await expect(setting(trainer, 'learningRate')).toHaveAttribute('aria-invalid', 'false');
});

/** Presses Tab until `target` has the focus (at most `limit` times), as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('with the keyboard alone: add and name classes, open the file picker, train and stop', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);

  // A new model's two empty classes, renamed; then a third one added.
  const classes = [
    ['fist', 0, fill(text.renameClass, { name: fill(text.defaultClassName, { number: 1 }) })],
    ['three', 3, fill(text.renameClass, { name: fill(text.defaultClassName, { number: 2 }) })],
    ['two', 2, text.addClass],
  ] as const;
  for (const [name, digit, button] of classes) {
    await tabTo(page, trainer.getByRole('button', { name: button, exact: true }));
    await page.keyboard.press('Enter');
    const field = trainer.getByRole('textbox', { name: text.className });
    await expect(field).toBeFocused();
    await page.keyboard.type(name); // the class's name is selected, so typing replaces it
    await page.keyboard.press('Enter');
    await expect(classCard(trainer, name)).toBeVisible();
    await expect(field).toHaveCount(0);

    // Listening before moving the focus: a key press reaches the page at once, sooner than Playwright's file
    // chooser interception is switched on if the listener were added just before it.
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, classCard(trainer, name).getByRole('button', { name: text.uploadPictures }));
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(signDigitPhotos(digit).slice(0, 5));
    await expect(pictures(trainer, name)).toHaveCount(5);
  }

  // A long training, set in "Advanced", so there is time to stop it.
  await tabTo(page, trainer.getByText(text.advanced, { exact: true }));
  await page.keyboard.press('Enter');
  await tabTo(page, setting(trainer, 'epochs'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1000');
  await expect(setting(trainer, 'epochs')).toHaveValue('1000');

  const train = trainer.getByRole('button', { name: text.train, exact: true });
  await expect(train).toBeEnabled();
  await tabTo(page, train);
  await page.keyboard.press('Enter');
  await expect(trainer.getByRole('progressbar', { name: text.trainingProgress })).toBeVisible();
  // The focus stays on the button, which now stops the training.
  const stop = trainer.getByRole('button', { name: text.stop, exact: true });
  await expect(stop).toBeFocused();
  await expect(trainer.getByText(new RegExp(`^${fill(text.epochOf, { epoch: '\\d+', total: 1000 })}$`))).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(trainer.getByText(text.trainingStopped)).toBeVisible();
});
