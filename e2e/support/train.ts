// Training as a child does it, shared by the specs that need a trained model before they test something else.
import { expect, type Page } from '@playwright/test';
import trainerText from '../../locales/en/trainer.json';
import { addImageModelExtension, openTrainer, paletteCategory } from './editor';
import { signDigitPhotos, type Digit } from './shared-data';
import { nameNextClass } from './trainer-page';

export interface PhotoClass {
  readonly name: string;
  readonly digit: Digit;
}

/** Adds the extension, then in the trainer: one class per entry with its first photos uploaded, Train, close. */
export async function trainThroughTrainer(page: Page, classes: readonly PhotoClass[], photosPerClass: number): Promise<void> {
  await addImageModelExtension(page);
  // A loaded project opens the palette at its top: show our category first so the trainer button is on screen.
  await paletteCategory(page, 'Image Model').click();
  const trainer = await openTrainer(page);
  for (const { name, digit } of classes) {
    await nameNextClass(trainer, name);
    const card = trainer.getByRole('region', { name, exact: true });
    await card.getByLabel(trainerText.uploadPictures).setInputFiles(signDigitPhotos(digit).slice(0, photosPerClass));
    await expect(card.getByText(trainerText.pictureCountOther.replace('{count}', String(photosPerClass)))).toBeVisible();
  }
  await trainer.getByRole('button', { name: trainerText.train, exact: true }).click();
  await expect(trainer.getByText(trainerText.trainingDone)).toBeVisible({ timeout: 180_000 });
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();
}
