// The Lab in the real editor: a photo in the wrong class shows up among the mistakes ("keep it" hides it until the
// next training), moving it to its class and training again removes it, the mix-up table counts right, and "stop
// when accuracy reaches" ends training early.
import type { Locator, Page } from '@playwright/test';
import lab from '../locales/en/lab.json';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { labPage, nameNextClass } from './support/trainer-page';

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

const PHOTOS_PER_CLASS = 8;
/** A photo of a three, uploaded into "zero" by mistake. */
const MISLABELLED = signDigitPhotos(3)[20];

function classCard(trainer: Locator, name: string): Locator {
  return trainer.getByRole('region', { name, exact: true });
}

function pictures(trainer: Locator, name: string): Locator {
  return classCard(trainer, name)
    .getByRole('list', { name: fill(text.picturesOf, { name }) })
    .getByRole('listitem');
}

async function upload(page: Page, trainer: Locator, name: string, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await classCard(trainer, name).getByRole('button', { name: text.uploadPictures }).click();
  await (await chooser).setFiles(files);
}

/** The mix-up table cell for pictures that really are `really` and that the model called `said`. */
function cell(trainer: Locator, really: string, said: string, count: number): Locator {
  const words = fill(really === said ? lab['evaluation.cellRight'] : lab['evaluation.cellWrong'], { really, said, count });
  return trainer.getByRole('table', { name: lab['evaluation.matrix'] }).getByRole('cell', { name: words, exact: true });
}

test('a mislabelled photo is in the mistakes; moving it and training again removes it; the mix-up table counts', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, 'zero');
  await nameNextClass(trainer, 'three');
  await upload(page, trainer, 'zero', [...signDigitPhotos(0).slice(0, PHOTOS_PER_CLASS), MISLABELLED]);
  await upload(page, trainer, 'three', signDigitPhotos(3).slice(0, PHOTOS_PER_CLASS));
  await expect(pictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(pictures(trainer, 'three')).toHaveCount(PHOTOS_PER_CLASS);

  // KNN: it keeps every picture, so the Lab tests each one against all the others (leave-one-out).
  await trainer.getByText(text.advanced, { exact: true }).click();
  await trainer.getByRole('radio', { name: text['setting.method.knn'] }).check();
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });

  // The Lab is closed until the child opens it.
  const tabs = trainer.getByRole('tablist', { name: lab.tabs });
  await expect(tabs).toHaveCount(0);
  await trainer.getByRole('button', { name: lab.open }).click();
  await expect(tabs.getByRole('tab', { name: lab['tab.mistakes'] })).toHaveAttribute('aria-selected', 'true');

  const mistakes = trainer.getByRole('list', { name: lab['mistakes.list'] }).getByRole('listitem');
  await expect(mistakes).toHaveCount(1);
  const mistake = mistakes.first();
  await expect(mistake).toHaveAccessibleName(fill(lab['mistakes.picture'], { label: 'zero', guess: 'three' }));
  await expect(mistake.getByText(fill(lab['mistakes.label'], { name: 'zero' }))).toBeVisible();
  await expect(mistake.getByText(fill(lab['mistakes.guess'], { name: 'three', confidence: 100 }))).toBeVisible();

  // How good is it: 16 of 17 right, and the one mix-up is the mislabelled photo.
  await tabs.getByRole('tab', { name: lab['tab.mistakes'] }).press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: lab['tab.evaluation'] })).toBeFocused();
  await expect(labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.accuracy'], { percent: 94 }))).toBeVisible();
  await expect(
    labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.rightWrong'], { right: 16, wrong: 1 })),
  ).toBeVisible();
  await expect(labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.leaveOneOut'], { count: 17 }))).toBeVisible();
  await expect(labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.shaky'], { count: 17 }))).toHaveCount(0);
  await expect(cell(trainer, 'zero', 'zero', 8)).toBeVisible();
  await expect(cell(trainer, 'zero', 'three', 1)).toBeVisible();
  await expect(cell(trainer, 'three', 'zero', 0)).toBeVisible();
  await expect(cell(trainer, 'three', 'three', 8)).toBeVisible();
  await expect(
    labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.mixUpOne'], { really: 'zero', said: 'three' })),
  ).toBeVisible();

  // The main choice says the label is right (the model was wrong) and what to do then; moving comes second.
  await tabs.getByRole('tab', { name: lab['tab.mistakes'] }).click();
  const keep = mistake.getByRole('button', { name: fill(lab['mistakes.keep'], { name: 'zero' }) });
  await expect(mistake.getByRole('button').first()).toHaveAccessibleName(fill(lab['mistakes.keep'], { name: 'zero' }));
  await expect(keep).toHaveAccessibleDescription(fill(lab['mistakes.keepHelp'], { name: 'zero' }));
  await expect(mistake.getByText(fill(lab['mistakes.keepHelp'], { name: 'zero' }))).toBeVisible();
  await expect(mistake.getByRole('button').nth(1)).toHaveAccessibleName(fill(lab['mistakes.moveTo'], { name: 'three' }));

  // Keeping it leaves the photo where it is and takes the card away until the next training, also across Lab pages.
  await keep.click();
  await expect(mistakes).toHaveCount(0);
  const status = trainer.getByRole('status').filter({ hasText: lab['mistakes.noneLeft'] });
  await expect(status).toHaveText(`${lab['mistakes.noneLeft']} ${lab['mistakes.keptOne']}`);
  await expect(status).toBeFocused();
  await expect(pictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(trainer.getByText(lab.outOfDate)).toHaveCount(0);
  await tabs.getByRole('tab', { name: lab['tab.evaluation'] }).click();
  await tabs.getByRole('tab', { name: lab['tab.mistakes'] }).click();
  await expect(mistakes).toHaveCount(0);
  await trainer.getByRole('button', { name: lab['mistakes.showKept'] }).click();
  await expect(mistakes).toHaveCount(1);

  // This photo really is in the wrong class: the second choice moves it to the class the model guessed.
  await mistake.getByRole('button', { name: fill(lab['mistakes.moveTo'], { name: 'three' }) }).click();
  await expect(pictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS);
  await expect(pictures(trainer, 'three')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(trainer.getByText(lab.outOfDate)).toBeVisible();
  await trainer.getByRole('button', { name: lab.trainAgain, exact: true }).click();
  // Once training is done nothing is out of date any more: the moved photo was learnt in its new class.
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });
  await expect(trainer.getByText(lab.outOfDate)).toHaveCount(0);
  await expect(trainer.getByText(text.outOfDate)).toHaveCount(0);
  await expect(trainer.getByRole('button', { name: lab.trainAgain, exact: true })).toHaveCount(0);
  await expect(trainer.getByText(lab['mistakes.none'])).toBeVisible();
  await expect(mistakes).toHaveCount(0);
  await expect(trainer.getByRole('radio', { name: text['setting.method.knn'] })).toBeChecked();

  await tabs.getByRole('tab', { name: lab['tab.evaluation'] }).click();
  await expect(
    labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.rightWrong'], { right: 17, wrong: 0 })),
  ).toBeVisible();
  await expect(cell(trainer, 'zero', 'three', 0)).toBeVisible();
  await expect(cell(trainer, 'three', 'three', 9)).toBeVisible();
  await expect(labPage(trainer, lab['tab.evaluation']).getByText(lab['evaluation.noMixUps'])).toBeVisible();
});

test('extra pictures show what the model sees; "stop when accuracy reaches 90%" ends training early; the log; shrinking', async ({
  page,
}) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, 'zero');
  await nameNextClass(trainer, 'four');
  await upload(page, trainer, 'zero', signDigitPhotos(0).slice(0, PHOTOS_PER_CLASS));
  await upload(page, trainer, 'four', signDigitPhotos(4).slice(0, PHOTOS_PER_CLASS));
  await expect(pictures(trainer, 'four')).toHaveCount(PHOTOS_PER_CLASS);

  await trainer.getByRole('button', { name: lab.open }).click();

  // Extra pictures: a row of what each copy does to the child's first picture; the mirrored one is exactly that.
  await trainer.getByRole('tab', { name: lab['tab.copies'] }).click();
  const original = trainer.getByRole('img', { name: lab['copy.original'], exact: true });
  const mirrored = trainer.getByRole('img', { name: lab['copy.flip'], exact: true });
  for (const kind of ['copy.turn-left', 'copy.turn-right', 'copy.blur', 'copy.brighter', 'copy.darker'] as const) {
    await expect(trainer.getByRole('img', { name: lab[kind], exact: true })).toBeVisible();
  }
  const pixels = (canvas: Locator) =>
    canvas.evaluate((element) => {
      const { width, height } = element as HTMLCanvasElement;
      return { width, rows: Array.from((element as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data) };
    });
  const [plain, flipped] = [await pixels(original), await pixels(mirrored)];
  expect(plain.width).toBe(224);
  const pixelAt = (image: typeof plain, x: number, y: number) => image.rows.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 4);
  for (const [x, y] of [
    [0, 0],
    [10, 100],
    [200, 50],
  ])
    expect(pixelAt(flipped, x, y)).toEqual(pixelAt(plain, plain.width - 1 - x, y));
  expect(pixelAt(plain, 10, 100)).not.toEqual(pixelAt(plain, plain.width - 11, 100));
  await trainer.getByRole('checkbox', { name: lab['copies.flip'] }).check();
  await expect(trainer.getByText(fill(lab['copies.countOne'], { total: 2 * PHOTOS_PER_CLASS * 2 }))).toBeVisible();

  await trainer.getByRole('tab', { name: lab['tab.log'] }).click();
  await expect(trainer.getByText(lab['log.none'])).toBeVisible();
  const target = trainer.getByRole('spinbutton', { name: lab['log.stopAtPercent'] });
  await target.fill('0');
  await expect(trainer.getByText(lab['log.stopAtInvalid'])).toBeVisible();
  await target.fill('90');
  await trainer.getByRole('checkbox', { name: lab['log.stopAt'] }).check();

  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 180_000 });
  const stopped = trainer.getByText(/^Stopped early after epoch \d+: validation accuracy reached \d+%\.$/);
  await expect(stopped).toBeVisible();
  const epoch = Number(/epoch (\d+)/.exec(await stopped.innerText())![1]);
  expect(epoch).toBeLessThan(50);
  const log = trainer.getByRole('table', { name: lab['log.table'] });
  await expect(log.locator('tbody tr')).toHaveCount(epoch);
  await expect(log.getByRole('columnheader', { name: lab['log.valAccuracy'] })).toBeVisible();

  // Few pictures held out: the evaluation says its number is shaky.
  await trainer.getByRole('tab', { name: lab['tab.evaluation'] }).click();
  await expect(labPage(trainer, lab['tab.evaluation']).getByText(/^Careful: only \d+ pictures were tested/)).toBeVisible();

  // Shrink it: about four times smaller; the child keeps it and the model still answers.
  await trainer.getByRole('tab', { name: lab['tab.shrink'] }).click();
  await trainer.getByRole('button', { name: lab['shrink.button'], exact: true }).click();
  const sizes = trainer
    .getByRole('table', { name: lab['shrink.table'] })
    .getByRole('row', { name: new RegExp(`^${lab['shrink.size']}`) })
    .getByRole('cell');
  await expect(sizes).toHaveCount(2);
  const [before, after] = (await sizes.allInnerTexts()).map((cellText) => Number.parseFloat(cellText));
  expect(after).toBeLessThan(before / 3);
  await trainer.getByRole('button', { name: lab['shrink.keep'] }).click();
  await expect(trainer.getByText(lab['shrink.kept'])).toBeVisible();
  // One of its own photos: a model stopped early on 8 photos a class can miss a held-out one (a CI run once said
  // "zero" for photo 30), and the point here is that the shrunk model still answers.
  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(4)[0]);
  await expect(trainer.getByText(fill(text.testResult, { name: 'four' }))).toBeVisible();
});
