// Classroom mode in the real editor with Chromium's fake webcam (a clip of photos of a hand showing three):
// the camera menu lists it, turning video on shows it on the stage, the hat fires once for the class in the
// clip, the stop sign stops live recognition, and `recognize [stage]` reads a shared photo shown on the stage.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { CLASSROOM_VARIABLES, classroomProjectSb3, type FlagScript } from '../extension/test-support/classroom-project';
import {
  addImageModelExtension,
  expect,
  fakeCamera,
  FAKE_WEBCAM_DIGIT,
  loadProjectFromComputer,
  openEditor,
  paletteBlock,
  signDigitPhotos,
  test,
  type Digit,
} from './support';
import { trainThroughTrainer } from './support/train';
import { FAKE_WEBCAM_CLIP } from '../scripts/make-fake-webcam';

test.use(fakeCamera());

const FIST = { name: 'fist', digit: 0 as Digit };
const THREE = { name: 'three', digit: FAKE_WEBCAM_DIGIT };
const TRAINING_PHOTOS = 8;
/** Photos 30 and later are never trained on. */
const HELD_OUT = 30;
/** The size only live recognition asks the camera for (224 high, 4:3): counting these counts its frames. */
const LIVE_FRAME = { width: 299, height: 224 };

/** Counts, in the page, the frames live recognition takes and the recognitions sent to the engine's worker. */
async function countLiveWork(page: Page): Promise<void> {
  await page.addInitScript(({ width, height }) => {
    const counts = { frames: 0, workerPredictions: 0 };
    Object.assign(window, { liveWork: counts });
    const getImageData = CanvasRenderingContext2D.prototype.getImageData;
    CanvasRenderingContext2D.prototype.getImageData = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof getImageData>) {
      if (args[2] === width && args[3] === height) counts.frames += 1;
      return getImageData.apply(this, args);
    } as typeof getImageData;
    const postMessage = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      if ((message as { method?: string } | null)?.method === 'predict') counts.workerPredictions += 1;
      return (postMessage as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof postMessage;
  }, LIVE_FRAME);
}

function liveWork(page: Page): Promise<{ frames: number; workerPredictions: number }> {
  return page.evaluate(() => ({ ...(window as unknown as { liveWork: { frames: number; workerPredictions: number } }).liveWork }));
}

function monitor(page: Page, name: string): Locator {
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: new RegExp(`^${name}$`) }) })
    .locator('[class*="monitor_value"]');
}

/** The colour of the stage's pixel at (x, y) in stage pixels (480x360), from a screenshot of it. */
async function stagePixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const canvas = page.locator('[class*="stage_stage"] canvas').first();
  const png = PNG.sync.read(await canvas.screenshot());
  const px = Math.round((x / 480) * png.width);
  const py = Math.round((y / 360) * png.height);
  const at = (py * png.width + px) * 4;
  return [png.data[at], png.data[at + 1], png.data[at + 2]];
}

async function loadClassroom(page: Page, hatClass: string, flagScript: FlagScript, photo: string, camera?: string): Promise<void> {
  await loadProjectFromComputer(
    page,
    `classroom-${flagScript}.sb3`,
    await classroomProjectSb3(hatClass, flagScript, readFileSync(photo), camera),
  );
}

/** Scrolls the palette (with the mouse wheel, as a child would) until `block` is in sight. */
async function scrollPaletteTo(page: Page, block: Locator): Promise<void> {
  const flyout = page.locator('.blocklyFlyout').first();
  for (let attempt = 0; attempt < 40; attempt++) {
    const [area, box] = [await flyout.boundingBox(), await block.boundingBox()];
    if (!area || !box) throw new Error('the palette or the block is not on screen');
    if (box.y >= area.y && box.y + box.height <= area.y + area.height) return;
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    await page.mouse.wheel(0, box.y > area.y ? 150 : -150);
    await page.waitForTimeout(50);
  }
  throw new Error('could not scroll the palette to the block');
}

test('the camera menu lists the fake webcam', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const block = paletteBlock(page, /choose\scamera/);
  // The palette's block shows the first camera; its menu lists every camera of the browser. Chromium names the
  // fake webcam by its file's path: the menu shows the file name only, wherever the repository lives.
  const shownName = path.basename(FAKE_WEBCAM_CLIP);
  await expect(block).toContainText(shownName);
  await expect(block).not.toContainText(path.dirname(FAKE_WEBCAM_CLIP));
  await scrollPaletteTo(page, block);
  await block.locator('.blocklyDropdownField').click();
  await expect(page.locator('.blocklyDropDownDiv').getByText(shownName, { exact: true })).toBeVisible();
});

test("turning video on shows the default camera on the stage, even one smaller than the GUI's 480x360 minimum", async ({ page }) => {
  await openEditor(page);
  await loadClassroom(page, THREE.name, 'video', signDigitPhotos(FIST.digit)[HELD_OUT]);
  expect(await stagePixel(page, 20, 180)).toEqual([255, 255, 255]);
  await page.getByTitle('Go', { exact: true }).click();
  await expect.poll(async () => (await stagePixel(page, 20, 180))[0], { message: 'the video on the stage' }).toBeLessThan(200);
});

test('choosing the camera and turning video on shows it, the hat fires once for the class in the clip, and the stop sign stops recognising', async ({
  page,
}) => {
  await countLiveWork(page);
  await openEditor(page);
  await trainThroughTrainer(page, [FIST, THREE], TRAINING_PHOTOS);
  // The script picks the fake webcam by the name the camera menu shows.
  await loadClassroom(page, THREE.name, 'video', signDigitPhotos(FIST.digit)[HELD_OUT], FAKE_WEBCAM_CLIP);
  // Left of the photo sprite the stage is white until the video (grey bars beside the clip's photo) shows.
  expect(await stagePixel(page, 20, 180)).toEqual([255, 255, 255]);

  await page.getByTitle('Go', { exact: true }).click();
  await expect.poll(async () => (await stagePixel(page, 20, 180))[0], { message: 'the video on the stage' }).toBeLessThan(200);
  await expect(monitor(page, CLASSROOM_VARIABLES.result)).toHaveText(THREE.name);
  await expect(monitor(page, CLASSROOM_VARIABLES.hatCount)).toHaveText('1');
  const running = await liveWork(page);
  await page.waitForTimeout(2_000);
  const later = await liveWork(page);
  expect(later.frames, 'frames keep being recognised').toBeGreaterThan(running.frames + 5);
  await expect(monitor(page, CLASSROOM_VARIABLES.hatCount), 'the same class again does not start the hat again').toHaveText('1');

  await page.getByTitle('Stop', { exact: true }).click();
  await page.waitForTimeout(300);
  const stopped = await liveWork(page);
  await page.waitForTimeout(1_500);
  expect(await liveWork(page), 'nothing is recognised after the stop sign').toEqual(stopped);
  // Scratch leaves the video on when a project stops, as video sensing does.
  expect((await stagePixel(page, 20, 180))[0]).toBeLessThan(200);

  // Live recognition must leave the editor responsive: the frames are recognised in the engine's worker.
  expect(later.workerPredictions - running.workerPredictions, "every frame went to the engine's worker, none stayed on the page").toBe(
    later.frames - running.frames,
  );
});

test("recognize [stage] on a stage showing a shared photo gives that photo's class", async ({ page }) => {
  await openEditor(page);
  await trainThroughTrainer(page, [FIST, THREE], TRAINING_PHOTOS);
  for (const { name, digit } of [FIST, THREE]) {
    await loadClassroom(page, name, 'stage', signDigitPhotos(digit)[HELD_OUT]);
    await expect(monitor(page, CLASSROOM_VARIABLES.result)).toHaveText('');
    await page.getByTitle('Go', { exact: true }).click();
    await expect(monitor(page, CLASSROOM_VARIABLES.result)).toHaveText(name);
    await expect(monitor(page, CLASSROOM_VARIABLES.hatCount), 'the hat hears every recognition').toHaveText('1');
  }
});
