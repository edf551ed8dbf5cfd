// Class switches in the real editor: a class switched off keeps its pictures but the next model leaves it out, so
// the test bars and the blocks' class menu show one class fewer; switched on and trained again, it is back.
import type { Locator } from '@playwright/test';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, dropdownItems, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { addClassWithPhotos, classCard, fill, openAdvanced, pictures } from './support/trainer-page';

const PHOTOS = 6;
const HELD_OUT = 30;

const classSwitch = (trainer: Locator, name: string) =>
  classCard(trainer, name).getByRole('switch', { name: fill(text.classSwitch, { name }) });

/** The classes of the test bars, by their meters' names. */
const meterNames = (trainer: Locator) =>
  trainer.getByRole('meter').evaluateAll((meters) => meters.map((meter) => meter.getAttribute('aria-label')));

async function trainAndTest(trainer: Locator): Promise<void> {
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });
  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(2)[HELD_OUT]);
}

test('a class switched off is left out of the model (test bars, block menu); switched on and trained again, it is back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);
  await addClassWithPhotos(trainer, 'zero', 0, PHOTOS);
  await addClassWithPhotos(trainer, 'one', 1, PHOTOS);
  await addClassWithPhotos(trainer, 'two', 2, PHOTOS);
  await openAdvanced(trainer);
  await trainer.getByRole('radio', { name: text['setting.method.knn'] }).check();

  await classSwitch(trainer, 'zero').click();
  await expect(classSwitch(trainer, 'zero')).not.toBeChecked();
  await expect(classCard(trainer, 'zero').getByText(text.classSwitchedOff)).toBeVisible();
  await expect(pictures(trainer, 'zero')).toHaveCount(PHOTOS);
  // Two classes must stay on: the child is told so and the switch stays on.
  await classSwitch(trainer, 'one').click();
  await expect(classCard(trainer, 'one').getByText(text.classSwitchNeedTwo)).toBeVisible();
  await expect(classSwitch(trainer, 'one')).toBeChecked();

  await trainAndTest(trainer);
  await expect(trainer.getByRole('meter')).toHaveCount(2);
  expect(await meterNames(trainer)).toEqual(['one', 'two']);
  await trainer.getByRole('button', { name: text.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();
  expect(await dropdownItems(page, /confidence\s+of/)).toEqual(['one', 'two']);

  trainer = await openTrainer(page);
  await classSwitch(trainer, 'zero').click();
  await expect(classSwitch(trainer, 'zero')).toBeChecked();
  await expect(trainer.getByText(text.outOfDate)).toBeVisible();
  await trainAndTest(trainer);
  await expect(trainer.getByRole('meter')).toHaveCount(3);
  expect(await meterNames(trainer)).toEqual(['zero', 'one', 'two']);
  await trainer.getByRole('button', { name: text.close, exact: true }).first().click();
  expect(await dropdownItems(page, /confidence\s+of/)).toEqual(['zero', 'one', 'two']);
});
