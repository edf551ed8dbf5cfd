// The trainer's webcam, checked on what its pictures hold: the camera choice (two made-up cameras with known
// pictures), the mirror, the centre-square crop of a 4:3 frame, the pace of "hold to record", and the test area's
// webcam snapshot recognised by a model trained through the trainer (Chromium's fake webcam showing a three).
import type { Locator, Page } from '@playwright/test';
import text from '../locales/en/trainer.json';
import { INPUT_SIZE } from '../engine';
import { BURST_PER_SECOND } from '../modal-ui/trainer/webcam-burst';
import { addImageModelExtension, expect, fakeCamera, FAKE_WEBCAM_DIGIT, openEditor, openTrainer, test } from './support';
import { trainThroughTrainer } from './support/train';
import { samplePicture, type ColourName } from './support/picture-colours';
import { fill, nameNextClass } from './support/trainer-page';
import { askedDeviceIds, CAMERA_A, CAMERA_B, FRAME, installTwoCameras } from './support/two-cameras';

// The test area's snapshot needs Chromium's fake webcam; the other tests replace the cameras in the page.
test.use(fakeCamera());

/** Opens the trainer with one class and its webcam on; returns the webcam's area and the class's pictures. */
async function classWebcam(page: Page, name: string): Promise<{ webcam: Locator; pictures: Locator }> {
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, name);
  const card = trainer.getByRole('region', { name, exact: true });
  await card.getByRole('button', { name: text.useWebcam }).click();
  const webcam = trainer.getByRole('group', { name: fill(text.webcamFor, { name }) });
  await expectLive(webcam.getByLabel(text.cameraPreview));
  const pictures = card.getByRole('list', { name: fill(text.picturesOf, { name }) }).getByRole('listitem');
  return { webcam, pictures };
}

async function expectLive(video: Locator): Promise<void> {
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth)).toBeGreaterThan(0);
}

/** One snapshot; returns the new picture's thumbnail, sampled. */
async function snapshot(webcam: Locator, pictures: Locator, name: string) {
  const before = await pictures.count();
  await webcam.getByRole('button', { name: text.snapshot }).click();
  await expect(pictures).toHaveCount(before + 1);
  return samplePicture(pictures.getByRole('img', { name: fill(text.pictureLabel, { number: before + 1, name }) }));
}

interface HoldWatch {
  down: number;
  up: number;
  /** When each webcam frame was taken (drawn from the preview video), in the page's clock. */
  frames: number[];
  /** Ticks of the page's own timer at the burst's rate while held, plus one: what a busy page can keep up with. */
  pace: number;
}

/** Notes, in the page, when the pointer went down and up, when each picture was taken from the video, and the pace. */
async function watchHold(page: Page, perSecond: number): Promise<void> {
  await page.evaluate((rate) => {
    const watch: HoldWatch = { down: NaN, up: NaN, frames: [], pace: 0 };
    Object.assign(window, { __hold: watch });
    let timer: ReturnType<typeof setInterval> | undefined;
    window.addEventListener(
      'pointerdown',
      () => {
        watch.down = performance.now();
        watch.pace = 1;
        timer = setInterval(() => {
          watch.pace += 1;
        }, 1000 / rate);
      },
      true,
    );
    window.addEventListener(
      'pointerup',
      () => {
        watch.up = performance.now();
        clearInterval(timer);
      },
      true,
    );
    const drawImage = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (args[0] instanceof HTMLVideoElement) watch.frames.push(performance.now());
      return (drawImage as (...rest: unknown[]) => void).apply(this, args);
    } as typeof drawImage;
  }, perSecond);
}

const holdTimes = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { __hold: HoldWatch }).__hold }));

const rows = (row: ColourName[]) => [row, row, row];

test.describe('with two cameras', () => {
  test.beforeEach(({ page }) => installTwoCameras(page));

  test('the child picks the camera, mirrors it, and every picture is the centre square of the frame', async ({ page }) => {
    const name = 'colours';
    const { webcam, pictures } = await classWebcam(page, name);
    const video = webcam.getByLabel(text.cameraPreview);

    // Two cameras: a choice, on the default one (the first), which the page opened without naming it.
    const choice = webcam.getByRole('combobox', { name: text.cameraChoice });
    await expect(choice).toBeVisible();
    await expect(choice.getByRole('option')).toHaveText([CAMERA_A.label, CAMERA_B.label]);
    await expect(choice).toHaveValue(CAMERA_A.deviceId);
    expect(await askedDeviceIds(page)).toEqual(['default']);
    expect(await samplePicture(video)).toMatchObject({ width: FRAME.width, height: FRAME.height });

    // The preview is the square the pictures get.
    const box = await video.boundingBox();
    if (!box) throw new Error('the camera preview is not on screen');
    expect(Math.round(box.width)).toBe(Math.round(box.height));

    // Mirror off: the picture as the camera sees it, red on the left; only the centre square, not squashed
    // (squashed, the frame's black side strips would show at the picture's edges).
    const mirror = webcam.getByRole('checkbox', { name: text.cameraMirror });
    await mirror.uncheck();
    await expect(video).toHaveCSS('transform', 'none');
    const plain = await snapshot(webcam, pictures, name);
    expect(plain).toEqual({ width: INPUT_SIZE, height: INPUT_SIZE, grid: rows(['red', 'green', 'blue']) });

    // Mirror on: the preview and the picture are flipped, blue on the left.
    await mirror.check();
    await expect(video).toHaveCSS('transform', 'matrix(-1, 0, 0, 1, 0, 0)');
    const mirrored = await snapshot(webcam, pictures, name);
    expect(mirrored).toEqual({ width: INPUT_SIZE, height: INPUT_SIZE, grid: rows(['blue', 'green', 'red']) });

    // The second camera: asked for by its id, shown in the preview and in the next picture.
    await choice.selectOption({ label: CAMERA_B.label });
    await expect.poll(() => askedDeviceIds(page)).toEqual(['default', CAMERA_B.deviceId]);
    await expectLive(video);
    await expect(choice).toHaveValue(CAMERA_B.deviceId);
    await expect.poll(async () => (await samplePicture(video)).grid).toEqual(rows(['yellow', 'yellow', 'yellow']));
    const fromB = await snapshot(webcam, pictures, name);
    expect(fromB).toEqual({ width: INPUT_SIZE, height: INPUT_SIZE, grid: rows(['yellow', 'yellow', 'yellow']) });
  });

  test('"Hold to record" takes a few pictures a second while held, and none after letting go', async ({ page }) => {
    const { webcam, pictures } = await classWebcam(page, 'burst');
    // One picture first: the engine that embeds each picture starts with it, and would slow the burst down.
    await webcam.getByRole('button', { name: text.snapshot }).click();
    await expect(pictures).toHaveCount(1);
    const hold = webcam.getByRole('button', { name: text.holdToRecord });
    await hold.hover();
    await watchHold(page, BURST_PER_SECOND);
    await page.mouse.down();
    await expect(webcam.getByText(text.recording.split('{count}')[0])).toBeVisible();
    await page.waitForTimeout(2000);
    await page.mouse.up();
    await expect(webcam.getByText(text.webcamHelp)).toBeVisible();

    const { down, up, frames, pace } = await holdTimes(page);
    const held = (up - down) / 1000;
    const expected = 1 + BURST_PER_SECOND * held; // one at once, then one per interval
    console.log(
      `hold to record: ${frames.length} pictures in ${held.toFixed(2)} s; ${expected.toFixed(1)} expected, ${pace} at the pace this busy page kept`,
    );
    // Every frame taken becomes a picture of the class (encoding and saving may finish after the release).
    await expect(pictures).toHaveCount(1 + frames.length);
    // The rate: never more than BURST_PER_SECOND a second by the clock (+50%), and as many as a timer at that rate
    // ticked in the same page (±25%): on a machine so busy that timers run late, a child gets fewer pictures.
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(expected * 1.5));
    expect(Math.abs(frames.length - pace)).toBeLessThanOrEqual(Math.max(2, pace * 0.25));
    // Letting go stops it: no frame taken after the release, and no more pictures a second later.
    expect(frames.every((time) => time >= down && time <= up)).toBe(true);
    await page.waitForTimeout(1000);
    expect(await pictures.count()).toBe(1 + frames.length);
    expect((await holdTimes(page)).frames).toHaveLength(frames.length);
  });
});

test('the test area names what the webcam shows, with one bar per class', async ({ page }) => {
  const three = String(FAKE_WEBCAM_DIGIT);
  const classes = [
    { name: '0', digit: 0 as const },
    { name: three, digit: FAKE_WEBCAM_DIGIT },
  ];
  await openEditor(page);
  await trainThroughTrainer(page, classes, 8);
  const trainer = await openTrainer(page);

  const open = trainer.getByRole('button', { name: text.testWithWebcam, exact: true });
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  await expectLive(trainer.getByLabel(text.cameraPreview));
  // One camera: nothing to choose.
  await expect(trainer.getByRole('checkbox', { name: text.cameraMirror })).toBeVisible();
  await expect(trainer.getByRole('combobox', { name: text.cameraChoice })).toHaveCount(0);
  await trainer.getByRole('button', { name: text.testSnap, exact: true }).click();

  await expect(trainer.getByRole('status').filter({ hasText: fill(text.testResult, { name: three }) })).toBeVisible();
  const meters = trainer.getByRole('meter');
  await expect(meters).toHaveCount(classes.length);
  const values = await meters.evaluateAll((elements) =>
    elements.map((element) => ({ name: element.getAttribute('aria-label'), value: Number(element.getAttribute('aria-valuenow')) })),
  );
  expect(values.map((entry) => entry.name)).toEqual(classes.map((entry) => entry.name));
  expect(values.reduce((best, entry) => (entry.value > best.value ? entry : best)).name).toBe(three);
  // The picture tested is the webcam's square.
  const tested = await samplePicture(trainer.getByRole('img', { name: text.testPreview }));
  expect([tested.width, tested.height]).toEqual([INPUT_SIZE, INPUT_SIZE]);
});
