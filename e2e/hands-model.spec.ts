// A Hands model as a child makes one in the real editor, with the real MediaPipe Hands (the build's files in
// dist/mediapipe/hands/): "What should it look at? Hands", two classes of shared sign-digit photos, Train pressed
// straight after the uploads, each picture drawn with its hand, a picture without a hand marked and left out,
// a held-out photo recognised as its class, and the model (what it looks at too) kept through a saved .sb3; Live
// draws the hand the webcam shows over its preview as it recognises it.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { CLASSROOM_VARIABLES, classroomProjectSb3, HAND_VARIABLES } from '../extension/test-support/classroom-project';
import type { ProjectStorageJson } from '../project-file/storage-json';
import lab from '../locales/en/lab.json';
import text from '../locales/en/trainer.json';
import {
  addImageModelExtension,
  clearStorageAndReload,
  expect,
  fakeCamera,
  FAKE_WEBCAM_DIGIT,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  saveToComputer,
  signDigitPhotos,
  test,
  type Digit,
} from './support';
import { trainHandsModel } from './support/hands-model';
import { pngChunk } from './support/png-bytes';
import { classCard, fill, nameNextClass, pictures } from './support/trainer-page';

// Chromium's fake webcam plays photos of a hand showing three (the Live test below).
test.use(fakeCamera());

const CLASSES: readonly { readonly name: string; readonly digit: Digit }[] = [
  { name: 'one', digit: 1 },
  { name: 'four', digit: 4 },
];
const PHOTOS_PER_CLASS = 10;
/** Photos 30 and later are never trained on. */
const HELD_OUT = 30;

/** A grey 96x96 PNG: a picture with no hand (no person at all) in it. */
function greyPng(): Buffer {
  const size = 96;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (1 + size * 3), 128);
  for (let row = 0; row < size; row++) rows[row * (1 + size * 3)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

async function testPicture(trainer: Locator, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await trainer.getByLabel(text.testPicture).setInputFiles(file);
}

const answer = (trainer: Locator, name: string) => trainer.getByRole('status').filter({ hasText: fill(text.testResult, { name }) });

async function trainerFromMenuBar(page: Page): Promise<Locator> {
  await page.getByRole('banner').getByRole('button', { name: 'Image Model', exact: true }).click();
  const trainer = page.getByRole('dialog', { name: text.title });
  await expect(trainer).toBeVisible();
  return trainer;
}

test('a child makes a Hands model: hands drawn, a picture without one marked, the right class for a held-out photo, kept in the .sb3', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  const choice = trainer.getByRole('group', { name: text.featureSourceLegend });
  await choice.getByRole('radio', { name: text.featureSourceHands }).check();
  await expect(choice.getByRole('radio', { name: text.featureSourcePictures })).not.toBeChecked();

  for (const { name, digit } of CLASSES) {
    await nameNextClass(trainer, name);
    await classCard(trainer, name).getByLabel(text.uploadPictures).setInputFiles(signDigitPhotos(digit).slice(0, PHOTOS_PER_CLASS));
  }
  await classCard(trainer, 'one')
    .getByLabel(text.uploadPictures)
    .setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: greyPng() });
  // Train straight after the uploads: it waits for the hands to be found.
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 240_000 });

  // Every photo is in its class, drawn with the hand found in it; the grey picture is marked and left out.
  for (const { name } of CLASSES) {
    const tiles = pictures(trainer, name);
    await expect(tiles).toHaveCount(name === 'one' ? PHOTOS_PER_CLASS + 1 : PHOTOS_PER_CLASS);
    const drawn = await tiles.locator('svg.imt-hand').count();
    expect(drawn, `hands found in the photos of ${name}`).toBeGreaterThanOrEqual(PHOTOS_PER_CLASS - 2);
  }
  // The grey picture, and any photo whose hand MediaPipe missed, are marked in words a screen reader says too.
  const [before, after] = text.pictureNoHand.replace('{name}', 'one').split('{number}');
  const marked = classCard(trainer, 'one').getByRole('img', { name: new RegExp(`^${before}\\d+${after}$`) });
  expect(await marked.count()).toBeGreaterThanOrEqual(1);
  await expect(classCard(trainer, 'one').getByText(text.noHandShort).last()).toBeVisible();
  const leftOut = new RegExp(`${text.noHandLeftOutOne.split(',')[0]}|${text.noHandLeftOutOther.split('{count}')[1].split(',')[0]}`);
  await expect(classCard(trainer, 'one').getByText(leftOut)).toBeVisible();

  // A held-out photo of each class gets its class; a picture with no hand gets a plain "no hand found".
  for (const { name, digit } of CLASSES) {
    await testPicture(trainer, signDigitPhotos(digit)[HELD_OUT]);
    await expect(answer(trainer, name)).toBeVisible();
  }
  await testPicture(trainer, { name: 'wall.png', mimeType: 'image/png', buffer: greyPng() });
  await expect(trainer.getByRole('status').filter({ hasText: text.noHandFound })).toBeVisible();
  await expect(trainer.getByRole('meter')).toHaveCount(0);
  // A Hands model's picture already shows what it looks at (the hand): no heatmap to ask for, and the Lab keeps
  // only the pages that are about its own numbers (none of MobileNet's copies, layers or shrinking).
  await expect(trainer.getByRole('button', { name: lab['look.button'] })).toHaveCount(0);
  await trainer.getByRole('button', { name: lab.open }).click();
  await expect(trainer.getByRole('tab', { name: lab['tab.map'] })).toBeVisible();
  for (const tab of [lab['tab.copies'], lab['tab.hood'], lab['tab.shrink']])
    await expect(trainer.getByRole('tab', { name: tab })).toHaveCount(0);

  // Saved in the .sb3 with what it looks at; opened in a browser that has nothing, it is a Hands model again.
  await trainer.getByRole('button', { name: text.close, exact: true }).first().click();
  const sb3 = await saveToComputer(page);
  const zip = await JSZip.loadAsync(sb3);
  const storage: ProjectStorageJson = JSON.parse(await zip.file('project.json')!.async('string')).extensionStorage.imageModel;
  expect(storage.models.map((model) => [model.featureSource, model.trained?.metadata.featureSource])).toEqual([['hands', 'hands']]);

  await clearStorageAndReload(page);
  await addImageModelExtension(page);
  await loadProjectFromComputer(page, 'hands.sb3', sb3);
  const opened = await trainerFromMenuBar(page);
  await expect(opened.getByText(text.looksAtHands)).toBeVisible();
  await testPicture(opened, signDigitPhotos(4)[HELD_OUT]);
  await expect(answer(opened, 'four')).toBeVisible();
});

/** A variable's stage monitor, by its name. */
function monitor(page: Page, name: string): Locator {
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: new RegExp(`^${name}$`) }) })
    .locator('[class*="monitor_value"]');
}

test('Live draws the webcam’s hand over the preview and names its class; the blocks recognise the video and the stage', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const trainer = await trainHandsModel(
    page,
    [
      { name: 'one', digit: 1 },
      { name: 'three', digit: FAKE_WEBCAM_DIGIT },
    ],
    PHOTOS_PER_CLASS,
  );

  await trainer.getByRole('button', { name: text.testLive }).click();
  const preview = trainer.getByLabel(text.cameraPreview);
  await expect(preview).toBeVisible();
  // The skeleton sits on the preview's square, and follows the hand from frame to frame.
  await expect(trainer.locator('.imc-camera__frame svg.imt-hand')).toBeVisible({ timeout: 60_000 });
  await expect(trainer.getByText(fill(text.testResult, { name: 'three' }))).toBeVisible();
  await trainer.getByRole('button', { name: text.testLive }).click();
  await expect(preview).toBeHidden();
  await trainer.getByRole('button', { name: text.close, exact: true }).first().click();

  // The blocks: `when [three] is recognized` on live video of the webcam's hand, then `recognize [stage]` of a photo.
  // `hand found?` and `x of [index finger tip]` follow the hand, in the stage's middle square.
  const video = await classroomProjectSb3('three', 'video', readFileSync(signDigitPhotos(1)[HELD_OUT]), undefined, { handReporters: true });
  await loadProjectFromComputer(page, 'hands-video.sb3', video);
  await expect(monitor(page, HAND_VARIABLES.found)).toHaveText('');
  await page.getByTitle('Go', { exact: true }).click();
  await expect(monitor(page, CLASSROOM_VARIABLES.result)).toHaveText('three', { timeout: 30_000 });
  await expect(monitor(page, CLASSROOM_VARIABLES.hatCount)).toHaveText('1');
  await expect(monitor(page, HAND_VARIABLES.found)).toHaveText('true');
  const fingerX = Number(await monitor(page, HAND_VARIABLES.fingerX).textContent());
  expect(fingerX).toBeGreaterThan(-180);
  expect(fingerX).toBeLessThan(180);
  expect(fingerX).not.toBe(0);
  await page.getByTitle('Stop', { exact: true }).click();
  const stage = await classroomProjectSb3('three', 'stage', readFileSync(signDigitPhotos(1)[HELD_OUT]));
  await loadProjectFromComputer(page, 'hands-stage.sb3', stage);
  await page.getByTitle('Go', { exact: true }).click();
  await expect(monitor(page, CLASSROOM_VARIABLES.result)).toHaveText('one', { timeout: 30_000 });
});
