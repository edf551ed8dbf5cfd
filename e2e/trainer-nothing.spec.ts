// The "Nothing" class suggestion, with Chromium's fake webcam: once a webcam is used (a class's, or Live in the test
// area), the trainer suggests a class for an empty view and says why; one click adds it with its webcam open, ready for pictures. It is not suggested
// when a class of that name exists (in any case), and "No, thanks" puts it away. In Korean it speaks Korean, in
// the same word for a picture as the blocks, and lines break between words only.
import type { Locator } from '@playwright/test';
import koreanBlocks from '../locales/ko/blocks.json';
import korean from '../locales/ko/trainer.json';
import text from '../locales/en/trainer.json';
import {
  addImageModelExtension,
  chooseEditorLanguage,
  expect,
  fakeCamera,
  openEditor,
  openTrainer,
  paletteBlock,
  paletteButton,
  paletteCategory,
  test,
} from './support';
import { trainThroughTrainer } from './support/train';
import { classCard, fill, nameNextClass, pictures } from './support/trainer-page';

test.use(fakeCamera());

const NOTHING = text['nothing.className'];

function suggestion(trainer: Locator): Locator {
  return trainer.getByRole('region', { name: fill(text['nothing.title'], { name: NOTHING }) });
}

function webcam(trainer: Locator, name: string): Locator {
  return trainer.getByRole('group', { name: fill(text.webcamFor, { name }) });
}

async function toggleWebcam(trainer: Locator, name: string): Promise<void> {
  await classCard(trainer, name).getByRole('button', { name: text.useWebcam }).click();
}

test('after the webcam is used, one click adds a "Nothing" class with its webcam open, and the trainer says why', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, 'rock');
  await expect(suggestion(trainer), 'nothing to suggest before the webcam is used').toHaveCount(0);

  await toggleWebcam(trainer, 'rock');
  await expect(webcam(trainer, 'rock')).toBeVisible();
  const card = suggestion(trainer);
  await expect(card).toBeVisible();
  await expect(card.getByText(fill(text['nothing.why'], { name: NOTHING }))).toBeVisible();
  // Still there with the webcam closed: the child may only now read it.
  await toggleWebcam(trainer, 'rock');
  await expect(webcam(trainer, 'rock')).toHaveCount(0);
  await card.getByRole('button', { name: fill(text['nothing.add'], { name: NOTHING }) }).click();

  await expect(classCard(trainer, NOTHING)).toBeVisible();
  const nothingWebcam = webcam(trainer, NOTHING);
  const video = nothingWebcam.getByLabel(text.cameraPreview);
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth)).toBeGreaterThan(0);
  await expect(card, 'asked and answered').toHaveCount(0);
  await nothingWebcam.getByRole('button', { name: text.snapshot }).click();
  await expect(pictures(trainer, NOTHING)).toHaveCount(1);
  await expect(pictures(trainer, 'rock')).toHaveCount(0);
});

test('no suggestion while a class is called "nothing"; "No, thanks" puts it away for good', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, ` ${NOTHING.toLowerCase()} `);
  await toggleWebcam(trainer, NOTHING.toLowerCase());
  await expect(webcam(trainer, NOTHING.toLowerCase())).toBeVisible();
  await expect(suggestion(trainer)).toHaveCount(0);

  // Renamed to something else, the class no longer stands for an empty view.
  await classCard(trainer, NOTHING.toLowerCase())
    .getByRole('button', { name: fill(text.renameClass, { name: NOTHING.toLowerCase() }) })
    .click();
  const field = trainer.getByRole('textbox', { name: text.className });
  await field.fill('paper');
  await field.press('Enter');
  await expect(suggestion(trainer)).toBeVisible();

  await suggestion(trainer).getByRole('button', { name: text['nothing.dismiss'] }).click();
  await expect(suggestion(trainer)).toHaveCount(0);
  await toggleWebcam(trainer, 'paper');
  await toggleWebcam(trainer, 'paper');
  await expect(webcam(trainer, 'paper')).toBeVisible();
  await expect(suggestion(trainer)).toHaveCount(0);
  await expect(classCard(trainer, NOTHING)).toHaveCount(0);
});

test('Live in the test area suggests a "Nothing" class too: with an empty view the model must still pick a class', async ({ page }) => {
  await openEditor(page);
  await trainThroughTrainer(
    page,
    [
      { name: 'zero', digit: 0 },
      { name: 'three', digit: 3 },
    ],
    5,
  );
  const trainer = await openTrainer(page);
  await expect(suggestion(trainer)).toHaveCount(0);
  await trainer.getByRole('button', { name: text.testLive }).click();
  await expect(trainer.getByRole('button', { name: text.testLive })).toHaveAttribute('aria-pressed', 'true');
  await expect(suggestion(trainer).getByText(fill(text['nothing.why'], { name: NOTHING }))).toBeVisible();
  await suggestion(trainer)
    .getByRole('button', { name: fill(text['nothing.add'], { name: NOTHING }) })
    .click();
  // The class's webcam takes the camera over from Live.
  await expect(webcam(trainer, NOTHING).getByLabel(text.cameraPreview)).toBeVisible();
  await expect(trainer.getByRole('button', { name: text.testLive })).toHaveAttribute('aria-pressed', 'false');
});

test('in Korean: the suggestion speaks Korean, the block says 사진 as the trainer does, and lines break between words', async ({
  page,
}) => {
  await openEditor(page);
  await addImageModelExtension(page);
  await chooseEditorLanguage(page, '한국어');
  // The palette starts at its top again in the new language: the child clicks our category.
  await paletteCategory(page, koreanBlocks.categoryName).click();
  await expect(paletteBlock(page, koreanBlocks.recognizeImage)).toBeVisible();
  await paletteButton(page, koreanBlocks.openTrainer).click();
  const trainer = page.getByRole('dialog', { name: korean.title });
  await expect(trainer).toHaveAttribute('lang', 'ko');
  await nameNextClass(trainer, '주먹', korean);
  await classCard(trainer, '주먹').getByRole('button', { name: korean.useWebcam }).click();
  const name = korean['nothing.className'];
  const card = trainer.getByRole('region', { name: fill(korean['nothing.title'], { name }) });
  const why = card.getByText(fill(korean['nothing.why'], { name }));
  await expect(why).toBeVisible();
  expect(await why.evaluate((element) => getComputedStyle(element).wordBreak)).toBe('keep-all');
  await card.getByRole('button', { name: fill(korean['nothing.add'], { name }) }).click();
  await expect(classCard(trainer, name)).toBeVisible();
});
