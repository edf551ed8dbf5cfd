// A child's first loop at a child's speed, shared by the spec that checks it and the bench that measures it:
// classes named and filled with one upload each, Train pressed straight after the last upload, then every held-out
// photo tried in the test area.
import { expect, type Locator } from '@playwright/test';
import text from '../../locales/en/trainer.json';
import { classCard, escapeRegExp, fill, nameNextClass } from './trainer-page';

export interface UploadedClass {
  readonly name: string;
  /** The photo files to upload (one setInputFiles, as one drop). */
  readonly training: readonly string[];
  /** Photos the model never sees, tried in the test area. */
  readonly heldOut: readonly string[];
}

/** Adds and names each class and uploads its photos, never waiting for them to go in, then presses Train. */
export async function uploadAndTrainAtOnce(trainer: Locator, classes: readonly UploadedClass[]): Promise<void> {
  for (const { name, training } of classes) {
    await nameNextClass(trainer, name);
    await classCard(trainer, name)
      .getByLabel(text.uploadPictures)
      .setInputFiles([...training]);
  }
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
}

/** The Train panel's "Training finished!" line, once training has ended. */
export async function trainingFinished(trainer: Locator): Promise<Locator> {
  const done = trainer.getByRole('status').filter({ hasText: text.trainingDone });
  await expect(done).toBeVisible({ timeout: 180_000 });
  return done;
}

/** Tries each held-out photo in the test area, one upload after another; returns how many it named right. */
export async function testAreaCorrect(trainer: Locator, classes: readonly UploadedClass[]): Promise<{ correct: number; total: number }> {
  const input = trainer.getByLabel(text.testPicture);
  const preview = trainer.getByRole('img', { name: text.testPreview });
  const answer = trainer.getByRole('status').filter({ hasText: fill(text.testResult, { name: '' }) });
  let correct = 0;
  let total = 0;
  for (const { name, heldOut } of classes) {
    for (const photo of heldOut) {
      const before = (await preview.count()) > 0 ? await preview.getAttribute('src') : null;
      await input.setInputFiles(photo);
      // The answer is new once the preview shows the new picture.
      await expect(preview).toHaveAttribute('src', before ? new RegExp(`^(?!${escapeRegExp(before)}$)`) : /./);
      if ((await answer.textContent()) === fill(text.testResult, { name })) correct++;
      total++;
    }
  }
  return { correct, total };
}
