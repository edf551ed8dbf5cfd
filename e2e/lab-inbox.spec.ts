// The Lab's inbox, test pictures and picture detail in the real editor: unlabelled photos wait in the inbox across a
// reload and are sorted into classes with the keyboard; test pictures (kept apart from training) get their own
// evaluation with the right counts; a checked picture opens large with a bar per class.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import errors from '../locales/en/errors.json';
import lab from '../locales/en/lab.json';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, waitForEditor } from './support';
import { labPage, nameNextClass } from './support/trainer-page';

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

const PHOTOS_PER_CLASS = 6;

function classPictures(trainer: Locator, name: string): Locator {
  return trainer
    .getByRole('region', { name, exact: true })
    .getByRole('list', { name: fill(text.picturesOf, { name }) })
    .getByRole('listitem');
}

async function upload(page: Page, button: Locator, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(files);
}

/** Drops files on `target` as a child dragging them from the desktop would. */
async function drop(page: Page, target: Locator, files: readonly { name: string; type: string; bytes: Buffer }[]): Promise<void> {
  const transfer = await page.evaluateHandle(
    (list) => {
      const dataTransfer = new DataTransfer();
      for (const file of list)
        dataTransfer.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
      return dataTransfer;
    },
    files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64') })),
  );
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

async function openLabTab(trainer: Locator, name: string): Promise<Locator> {
  const tabs = trainer.getByRole('tablist', { name: lab.tabs });
  if ((await tabs.count()) === 0) await trainer.getByRole('button', { name: lab.open }).click();
  const tab = tabs.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return tab;
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The whole text of `template` filled with `vars`, its `{percent}` any whole number. */
function anyPercent(template: string, vars: Record<string, string | number>): RegExp {
  const [before, after] = fill(template, { ...vars, percent: '\u0000' }).split('\u0000');
  return new RegExp(`^${escape(before)}\\d+${escape(after)}$`);
}

/** The button of a checked picture, whatever its percentage. */
const pictureButton = (trainer: Locator, number: number, really: string, said: string) =>
  trainer.getByRole('button', { name: anyPercent(lab['evaluation.pictureButton'], { number, really, said }) });

const classBox = (trainer: Locator, number: number) => trainer.getByRole('combobox', { name: fill(lab['inbox.classFor'], { number }) });

test('inbox pictures survive a reload and are sorted with the keyboard; test pictures are evaluated apart; a picture opens large', async ({
  page,
}) => {
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);
  await nameNextClass(trainer, 'zero');
  await nameNextClass(trainer, 'three');
  await upload(
    page,
    trainer.getByRole('region', { name: 'zero', exact: true }).getByRole('button', { name: text.uploadPictures }),
    signDigitPhotos(0).slice(0, PHOTOS_PER_CLASS),
  );
  await upload(
    page,
    trainer.getByRole('region', { name: 'three', exact: true }).getByRole('button', { name: text.uploadPictures }),
    signDigitPhotos(3).slice(0, PHOTOS_PER_CLASS),
  );
  await expect(classPictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS);
  await expect(classPictures(trainer, 'three')).toHaveCount(PHOTOS_PER_CLASS);

  // A pile of unlabelled photos goes into the inbox, in no class.
  await openLabTab(trainer, lab['tab.inbox']);
  const inbox = trainer.getByRole('region', { name: lab['inbox.heading'] });
  await expect(inbox.getByText(lab['inbox.empty'])).toBeVisible();
  await upload(page, inbox.getByRole('button', { name: lab['inbox.add'] }), [
    signDigitPhotos(0)[10],
    signDigitPhotos(3)[10],
    signDigitPhotos(3)[11],
    signDigitPhotos(0)[11],
  ]);
  await expect(inbox.getByText(fill(lab['inbox.countOther'], { count: 4 }))).toBeVisible();
  await expect(inbox.getByRole('list', { name: lab['inbox.list'] }).getByRole('listitem')).toHaveCount(4);
  await expect(classPictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS);
  // Dropped files are checked like a class's uploads: the photo goes in, the text file is refused kindly.
  await drop(page, inbox, [
    { name: 'hand.jpg', type: 'image/jpeg', bytes: readFileSync(signDigitPhotos(0)[12]) },
    { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('not a picture') },
  ]);
  await expect(inbox.getByRole('alert')).toContainText(
    fill(text.fileProblem, { file: 'notes.txt', reason: errors['picture/not-an-image'] }),
  );
  await expect(inbox.getByText(fill(lab['inbox.countOther'], { count: 5 }))).toBeVisible();

  // A reload keeps them.
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  const inboxTab = await openLabTab(trainer, lab['tab.inbox']);
  await expect(inbox.getByText(fill(lab['inbox.countOther'], { count: 5 }))).toBeVisible({ timeout: 60_000 });

  // Keyboard sorting: Tab to the first picture's class box, arrows choose, Enter puts it there, focus moves on.
  await inboxTab.focus();
  await page.keyboard.press('Tab'); // the tab panel
  await page.keyboard.press('Tab');
  await expect(classBox(trainer, 1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(classBox(trainer, 1)).toHaveValue(/.+/);
  await expect(inbox.getByText(fill(lab['inbox.countOther'], { count: 5 })), 'choosing alone moves nothing').toBeVisible();
  await page.keyboard.press('Enter'); // a zero into "zero"
  await expect(inbox.getByText(fill(lab['inbox.countOther'], { count: 4 }))).toBeVisible();
  await expect(classPictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(classBox(trainer, 1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // a three into "three"
  await expect(inbox.getByText(fill(lab['inbox.moved'], { name: 'three' }))).toBeVisible();
  await expect(classPictures(trainer, 'three')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(classBox(trainer, 1)).toBeFocused();
  await page.keyboard.press('End'); // the last class
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // the other three into "three"
  await expect(classPictures(trainer, 'three')).toHaveCount(PHOTOS_PER_CLASS + 2);
  await expect(inbox.getByText(fill(lab['inbox.countOther'], { count: 2 }))).toBeVisible();
  // The last two are thrown away.
  await inbox.getByRole('button', { name: fill(lab['inbox.discardPicture'], { number: 1 }) }).click();
  await expect(inbox.getByText(lab['inbox.countOne'])).toBeVisible();
  await inbox.getByRole('button', { name: fill(lab['inbox.discardPicture'], { number: 1 }) }).click();
  await expect(inbox.getByText(lab['inbox.empty'])).toBeVisible();
  await expect(classPictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(classPictures(trainer, 'three')).toHaveCount(PHOTOS_PER_CLASS + 2);

  // KNN: each training picture is checked against all the others ("validation"), test pictures stay apart.
  await trainer.getByText(text.advanced, { exact: true }).click();
  await trainer.getByRole('radio', { name: text['setting.method.knn'] }).check();
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });

  await openLabTab(trainer, lab['tab.test']);
  await expect(trainer.getByText(lab['test.needPictures'])).toBeVisible();
  const testsOf = (name: string) => trainer.getByRole('region', { name: fill(lab['test.classArea'], { name }) });
  await upload(page, testsOf('zero').getByRole('button', { name: lab['test.add'] }), signDigitPhotos(0).slice(20, 23));
  // Three photos of a three and, by mistake, a zero.
  await upload(page, testsOf('three').getByRole('button', { name: lab['test.add'] }), [
    ...signDigitPhotos(3).slice(20, 23),
    signDigitPhotos(0)[23],
  ]);
  await expect(testsOf('zero').getByRole('listitem')).toHaveCount(3);
  await expect(testsOf('three').getByRole('listitem')).toHaveCount(4);
  await expect(classPictures(trainer, 'zero')).toHaveCount(PHOTOS_PER_CLASS + 1);
  await expect(trainer.getByText(lab.outOfDate)).toHaveCount(0);

  await expect(trainer.getByRole('heading', { name: lab['evaluation.testHeading'] })).toBeVisible();
  await expect(labPage(trainer, lab['tab.test']).getByText(fill(lab['evaluation.test'], { count: 7 }))).toBeVisible();
  await expect(labPage(trainer, lab['tab.test']).getByText(fill(lab['evaluation.rightWrong'], { right: 6, wrong: 1 }))).toBeVisible();
  const matrix = trainer.getByRole('table', { name: lab['evaluation.matrix'] });
  const cell = (really: string, said: string, count: number) =>
    matrix.getByRole('cell', {
      name: fill(really === said ? lab['evaluation.cellRight'] : lab['evaluation.cellWrong'], { really, said, count }),
      exact: true,
    });
  await expect(cell('zero', 'zero', 3)).toBeVisible();
  await expect(cell('three', 'three', 3)).toBeVisible();
  await expect(cell('three', 'zero', 1)).toBeVisible();

  // The mislabelled test picture, large: its label, the model's answer and a bar per class.
  const checked = trainer
    .getByRole('list', { name: lab['evaluation.pictureList'] })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button') });
  await expect(checked).toHaveCount(7);
  const last = pictureButton(trainer, 7, 'three', 'zero');
  await last.click();
  const detail = page.getByRole('dialog', { name: fill(lab['detail.title'], { number: 7, total: 7 }) });
  await expect(detail).toBeVisible();
  await expect(detail.getByText(fill(lab['detail.really'], { name: 'three' }))).toBeVisible();
  await expect(detail.getByText(fill(lab['detail.said'], { name: 'zero' }))).toBeVisible();
  await expect(detail.getByText(lab['detail.wrong'])).toBeVisible();
  await expect(detail.getByRole('list', { name: lab['detail.bars'] }).getByRole('img')).toHaveCount(2);
  await expect(detail.getByRole('button', { name: lab['detail.next'] })).toBeDisabled();
  await detail.getByRole('button', { name: lab['detail.previous'] }).click();
  const sixth = page.getByRole('dialog', { name: fill(lab['detail.title'], { number: 6, total: 7 }) });
  await expect(sixth).toBeVisible();
  await expect(sixth.getByText(fill(lab['detail.really'], { name: 'three' }))).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sixth).toBeHidden();
  await expect(trainer, 'Escape closes the detail, not the trainer').toBeVisible();
  await expect(last).toBeFocused();

  // The validation evaluation is labelled as such, and its pictures open too.
  await openLabTab(trainer, lab['tab.evaluation']);
  await expect(trainer.getByRole('heading', { name: lab['evaluation.heading'] })).toBeVisible();
  await expect(
    labPage(trainer, lab['tab.evaluation']).getByText(fill(lab['evaluation.leaveOneOut'], { count: 2 * PHOTOS_PER_CLASS + 3 })),
  ).toBeVisible();
  const first = pictureButton(trainer, 1, 'zero', 'zero');
  await expect(
    trainer.getByRole('list', { name: lab['evaluation.pictureList'] }).getByText(anyPercent(lab['detail.bar'], { name: 'zero' })),
  ).toHaveCount(2 * PHOTOS_PER_CLASS + 3);
  await first.click();
  const firstDetail = page.getByRole('dialog', { name: fill(lab['detail.title'], { number: 1, total: 2 * PHOTOS_PER_CLASS + 3 }) });
  await expect(firstDetail.getByText(fill(lab['detail.really'], { name: 'zero' }))).toBeVisible();
  await expect(firstDetail.getByRole('img', { name: anyPercent(lab['detail.bar'], { name: 'three' }) })).toBeVisible();
  await firstDetail.getByRole('button', { name: lab['detail.close'] }).click();
  await expect(firstDetail).toBeHidden();
  await expect(first).toBeFocused();
});
