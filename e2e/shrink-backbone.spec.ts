// "Shrink it" in the real editor, then "Also try shrinking MobileNet": a second before/after table with MobileNet's
// size (about 1.5 MB of numbers, about 4 times smaller at 8 bits) and the accuracy, while the trained model stays as it was.
import lab from '../locales/en/lab.json';
import text from '../locales/en/trainer.json';
import { expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { trainThroughTrainer } from './support/train';

test('"Also try shrinking MobileNet" shows MobileNet\'s size and accuracy before and after, next to the model\'s own', async ({ page }) => {
  await openEditor(page);
  await trainThroughTrainer(
    page,
    [
      { name: 'zero', digit: 0 },
      { name: 'four', digit: 4 },
    ],
    8,
  );
  const trainer = await openTrainer(page);
  await trainer.getByRole('button', { name: lab.open }).click();
  await trainer.getByRole('tab', { name: lab['tab.shrink'] }).click();

  const sizesIn = (table: string) =>
    trainer
      .getByRole('table', { name: table })
      .getByRole('row', { name: new RegExp(`^${lab['shrink.size']}|^${lab['shrink.backboneSize']}`) })
      .getByRole('cell');
  const kilobytes = async (table: string) => (await sizesIn(table).allInnerTexts()).map((cellText) => Number.parseFloat(cellText));

  await trainer.getByRole('button', { name: lab['shrink.button'], exact: true }).click();
  await expect(sizesIn(lab['shrink.table'])).toHaveCount(2);

  await expect(trainer.getByText(lab['shrink.backboneNote'])).toBeVisible();
  await trainer.getByRole('button', { name: lab['shrink.backboneButton'] }).click();
  const backbone = trainer.getByRole('table', { name: lab['shrink.backboneTable'] });
  await expect(backbone).toBeVisible({ timeout: 120_000 });
  await expect(backbone.getByRole('row', { name: new RegExp(`^${lab['shrink.backboneSize']}`) })).toBeVisible();
  const [before, after] = await kilobytes(lab['shrink.backboneTable']);
  // MobileNetV2-0.35: ~400,000 numbers, 4 bytes each as float32, 1 byte (plus a scale per channel) at 8 bits.
  expect(before).toBeGreaterThan(1000);
  expect(after).toBeLessThan(before / 3.5);
  const accuracies = await backbone
    .getByRole('row', { name: new RegExp(`^${lab['shrink.accuracy']}`) })
    .getByRole('cell')
    .allInnerTexts();
  expect(accuracies).toHaveLength(2);
  for (const accuracy of accuracies) expect(accuracy).toMatch(/^\d+%$/);
  await expect(
    trainer.getByText(
      /^(Every picture gets the same answer as before\.|1 picture gets a different answer now:|\d+ pictures get a different answer now:)$/,
    ),
  ).toHaveCount(2);

  // Nothing was kept: the model still answers, and the model's own shrink can still be kept.
  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(4)[30]);
  await expect(trainer.getByText(text.testResult.replace('{name}', 'four'))).toBeVisible();
  await trainer.getByRole('button', { name: lab['shrink.keep'] }).click();
  await expect(trainer.getByText(lab['shrink.kept'])).toBeVisible();
});
