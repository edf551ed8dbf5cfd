// The first five minutes, at a child's speed: three classes of real hand photos, Train pressed straight after the
// last upload, every held-out photo tried in the test area. The model must learn from every picture the child
// gave, and be exactly as good as when the child waits for the counts first.
import type { Locator, Page } from '@playwright/test';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, type Digit } from './support';
import { testAreaCorrect, trainingFinished, uploadAndTrainAtOnce, type UploadedClass } from './support/first-loop';
import { classCard, escapeRegExp, fill, nameNextClass, openAdvanced, pictures } from './support/trainer-page';

const DIGITS: readonly Digit[] = [2, 3, 4];
const CLASSES: readonly UploadedClass[] = DIGITS.map((digit) => ({
  name: `sign ${digit}`,
  training: signDigitPhotos(digit).slice(0, 20),
  heldOut: signDigitPhotos(digit).slice(20, 40),
}));

async function chooseMethod(trainer: Locator, method: 'knn' | 'dense'): Promise<void> {
  await openAdvanced(trainer);
  await trainer.getByRole('radio', { name: new RegExp(`^${text[`setting.method.${method}`]}`) }).check();
}

async function deleteClasses(trainer: Locator): Promise<void> {
  for (const { name } of CLASSES) await trainer.getByRole('button', { name: fill(text.deleteClass, { name }) }).click();
}

/** The same classes again, this time waiting until each card shows all its pictures before pressing Train. */
async function uploadWaitAndTrain(trainer: Locator): Promise<void> {
  for (const { name, training } of CLASSES) {
    await nameNextClass(trainer, name);
    await classCard(trainer, name)
      .getByLabel(text.uploadPictures)
      .setInputFiles([...training]);
    await expect(pictures(trainer, name)).toHaveCount(training.length);
  }
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
}

async function trainerWith(page: Page, method: 'knn' | 'dense'): Promise<Locator> {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await chooseMethod(trainer, method);
  return trainer;
}

for (const method of ['knn', 'dense'] as const) {
  test(`${method}: Train pressed straight after the last upload learns from all 60 pictures, as well as waiting`, async ({ page }) => {
    const trainer = await trainerWith(page, method);
    await uploadAndTrainAtOnce(trainer, CLASSES);
    // Pressed while the photos were still going in: it waits for them rather than training on fewer.
    const done = await trainingFinished(trainer);
    await expect(done).toContainText(fill(text.learnedFrom, { pictures: 60, classes: 3 }));
    // "Ready! Press Train." gives way to what to do next.
    await expect(trainer.getByText(text.hintTrained, { exact: true })).toBeVisible();
    await expect(trainer.getByText(text.hintReady, { exact: true })).toHaveCount(0);
    for (const { name } of CLASSES)
      await expect(classCard(trainer, name).getByText(fill(text.pictureCountOther, { count: 20 }))).toBeVisible();
    const atOnce = await testAreaCorrect(trainer, CLASSES);

    await deleteClasses(trainer);
    await uploadWaitAndTrain(trainer);
    await expect(await trainingFinished(trainer)).toContainText(fill(text.learnedFrom, { pictures: 60, classes: 3 }));
    const waited = await testAreaCorrect(trainer, CLASSES);

    console.log(`held-out accuracy through the trainer, ${method}: Train at once ${atOnce.correct}/60, after waiting ${waited.correct}/60`);
    expect(atOnce.total).toBe(60);
    // The engine in Node gets 56/60 (KNN) on this split; training on fewer pictures got 45.
    expect(atOnce.correct).toBeGreaterThanOrEqual(51);
    if (method === 'knn') expect(atOnce.correct).toBe(waited.correct);
    else expect(Math.abs(atOnce.correct - waited.correct)).toBeLessThanOrEqual(1); // within 3 points of 60
  });
}

test('while pictures are still going in, Train says it waits for them, and Stop cancels the wait', async ({ page }) => {
  const trainer = await trainerWith(page, 'knn');
  const drops = [
    { name: 'few fingers', files: [0, 1].flatMap((digit) => signDigitPhotos(digit as Digit)) },
    { name: 'many fingers', files: [2, 3, 4].flatMap((digit) => signDigitPhotos(digit as Digit)) },
  ];
  for (const { name } of drops) {
    await nameNextClass(trainer, name);
  }
  // 200 photos take a few seconds to go in, and Train can be pressed at once.
  for (const { name, files } of drops) await classCard(trainer, name).getByLabel(text.uploadPictures).setInputFiles(files);
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  const [before, after] = text.waitingForPicturesOther.split('{count}').map(escapeRegExp);
  const waitingHint = trainer.getByText(new RegExp(`^${before}\\d+${after}$`));
  await expect(waitingHint).toBeVisible();
  await trainer.getByRole('button', { name: text.stop, exact: true }).click();
  await expect(waitingHint).toBeHidden();
  await expect(pictures(trainer, drops[0].name)).toHaveCount(80);
  await expect(pictures(trainer, drops[1].name)).toHaveCount(120);
  await expect(trainer.getByRole('button', { name: text.train, exact: true })).toBeEnabled();
  await expect(trainer.getByRole('status').filter({ hasText: text.trainingDone })).toHaveCount(0);
});
