// A Hands model as a child makes one: Hands chosen, each class named and filled with sign-digit photos, Train
// pressed straight after the uploads; the trainer is returned open once training is done (e2e/hands-model.spec.ts,
// turbowarp.spec.ts).
import type { Locator, Page } from '@playwright/test';
import text from '../../locales/en/trainer.json';
import { addImageModelExtension, openEditor, openTrainer } from './editor';
import { expect } from './fixtures';
import { signDigitPhotos, type Digit } from './shared-data';
import { classCard, nameNextClass } from './trainer-page';

export interface HandsClass {
  readonly name: string;
  readonly digit: Digit;
}

export async function trainHandsModel(page: Page, classes: readonly HandsClass[], photosPerClass: number): Promise<Locator> {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await trainer.getByRole('radio', { name: text.featureSourceHands }).check();
  for (const { name, digit } of classes) {
    await nameNextClass(trainer, name);
    await classCard(trainer, name).getByLabel(text.uploadPictures).setInputFiles(signDigitPhotos(digit).slice(0, photosPerClass));
  }
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 240_000 });
  return trainer;
}
