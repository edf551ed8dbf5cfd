// The blocks as a child meets them: train in the trainer, load a project whose script uses
// `recognize image`, click the green flag, answer the popup, and read the variable monitors on the stage.
import type { Locator, Page } from '@playwright/test';
import blocksText from '../locales/en/blocks.json';
import koreanBlocksText from '../locales/ko/blocks.json';
import errorsText from '../locales/en/errors.json';
import trainerText from '../locales/en/trainer.json';
import { recognizeProjectSb3, STATUS, VARIABLE_NAMES, type VariableKey } from '../extension/test-support/recognize-project';
import {
  chooseEditorLanguage,
  expect,
  fakeCamera,
  FAKE_WEBCAM_DIGIT,
  loadProjectFromComputer,
  openEditor,
  signDigitPhotos,
  test,
  type Digit,
} from './support';
import { trainThroughTrainer } from './support/train';

test.use(fakeCamera());

/** The model the child trains: class name -> the sign digit whose photos it gets. */
const FIST = { name: 'fist', digit: 0 as Digit };
const THREE = { name: 'three', digit: FAKE_WEBCAM_DIGIT };
const TRAINING_PHOTOS = 8;
/** Photos 30 and later are never trained on. */
const HELD_OUT = 30;

function monitor(page: Page, key: VariableKey): Locator {
  const label = new RegExp(`^${VARIABLE_NAMES[key]}$`);
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: label }) })
    .locator('[class*="monitor_value"]');
}

async function expectMonitors(page: Page, values: Partial<Record<VariableKey, string | RegExp>>): Promise<void> {
  for (const [key, value] of Object.entries(values)) await expect(monitor(page, key as VariableKey)).toHaveText(value);
}

function picturePopup(page: Page): Locator {
  return page.getByRole('dialog', { name: blocksText.popupTitle });
}

/** The green flag, titled "Go" (in Korean "시작하기"). */
async function clickGreenFlag(page: Page, title = 'Go'): Promise<void> {
  await page.getByTitle(title, { exact: true }).click();
}

test('recognize image pauses the script for the popup; result, confidence of and is result show the answer', async ({ page }) => {
  await openEditor(page);
  await trainThroughTrainer(page, [FIST, THREE], TRAINING_PHOTOS);
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3(FIST.name));
  const popup = picturePopup(page);

  // First run: the values before any recognition, then the popup closed with Esc.
  await clickGreenFlag(page);
  await expect(popup).toBeVisible();
  await expectMonitors(page, { status: STATUS.asking, result: '', confidence: '0', isResult: 'false' });
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden();
  await expectMonitors(page, { status: STATUS.done, result: '', confidence: '0', isResult: 'false' });

  // Second run: a file that is not a picture gets a friendly message and the popup stays; then a photo.
  await clickGreenFlag(page);
  await expect(popup).toBeVisible();
  const upload = popup.getByLabel(blocksText.popupUpload);
  await upload.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(popup.getByRole('alert')).toHaveText(errorsText['picture/not-an-image']);
  await expect(popup).toBeVisible();
  await expectMonitors(page, { status: STATUS.asking });
  await upload.setInputFiles(signDigitPhotos(FIST.digit)[HELD_OUT]);
  await expect(popup).toBeHidden();
  await expectMonitors(page, { status: STATUS.done, result: FIST.name, isResult: 'true' });
  const confidence = Number(await monitor(page, 'confidence').textContent());
  expect(Number.isInteger(confidence)).toBe(true);
  expect(confidence).toBeGreaterThan(50);
  expect(confidence).toBeLessThanOrEqual(100);

  // Third run: Cancel leaves everything as it was, and the script still finishes.
  await clickGreenFlag(page);
  await expect(popup).toBeVisible();
  await expectMonitors(page, { status: STATUS.asking });
  await popup.getByRole('button', { name: blocksText.popupCancel }).click();
  await expect(popup).toBeHidden();
  await expectMonitors(page, { status: STATUS.done, result: FIST.name, confidence: String(confidence), isResult: 'true' });

  // Fourth run: a webcam snapshot (the fake camera shows a hand making a three).
  await clickGreenFlag(page);
  await popup.getByRole('button', { name: blocksText.popupUseCamera }).click();
  await popup.getByRole('button', { name: blocksText.popupTakePicture }).click();
  await expect(popup).toBeHidden();
  await expectMonitors(page, { status: STATUS.done, result: THREE.name, isResult: 'false' });
});

test('with no trained model the popup says to train first and opens the trainer', async ({ page }) => {
  await openEditor(page);
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3(FIST.name));
  await clickGreenFlag(page);
  const popup = page.getByRole('dialog', { name: blocksText.popupNeedsModelTitle });
  await expect(popup).toBeVisible();
  await expect(popup).toContainText(blocksText.popupNeedsModelText);
  await expect(popup.getByRole('button', { name: blocksText.popupUpload })).toHaveCount(0);

  await popup.getByRole('button', { name: blocksText.popupOpenTrainer }).click();
  await expect(popup).toBeHidden();
  await expect(page.getByRole('dialog', { name: trainerText.title })).toBeVisible();
  await expectMonitors(page, { status: STATUS.done, result: '', confidence: '0', isResult: 'false' });
});

test('in Korean the popup speaks Korean, and Esc closes it', async ({ page }) => {
  await openEditor(page);
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3(FIST.name));
  await chooseEditorLanguage(page, '한국어');
  await clickGreenFlag(page, '시작하기');
  const popup = page.getByRole('dialog', { name: koreanBlocksText.popupNeedsModelTitle });
  await expect(popup).toBeVisible();
  await expect(popup).toContainText(koreanBlocksText.popupNeedsModelText);
  await expect(popup.getByRole('button', { name: koreanBlocksText.popupOpenTrainer })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden();
  await expectMonitors(page, { status: STATUS.done, result: '' });
});
