// The example projects in examples/, opened as a teacher would (File > Load from your computer) in a browser
// that never trained anything: the trainer shows the model that came inside the .sb3, and each project plays:
// rock, paper, scissors answers a photo in the picture popup, the finger counter adds up what the (fake)
// webcam and uploaded photos show (and sees "nothing" in a photo of an empty view), and "What did I draw?" guesses shapes drawn with the mouse on the stage.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import jpeg from 'jpeg-js';
import blocksText from '../locales/en/blocks.json';
import trainerText from '../locales/en/trainer.json';
import {
  EXAMPLE_FILES,
  FINGER_COUNTER,
  FIRST_HELD_OUT_PHOTO,
  PICTURES_PER_CLASS,
  ROCK_PAPER_SCISSORS,
  WHAT_DID_I_DRAW,
} from '../examples/examples';
import {
  expect,
  fakeCamera,
  FAKE_WEBCAM_DIGIT,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  paletteCategory,
  signDigitPhotos,
  test,
  type Digit,
} from './support';
import { emptyViews } from '../examples/test-support/empty-views';
import { ROBOT_POSITION } from '../scripts/examples/example-projects';

test.use(fakeCamera());

/** A photo of `digit` that no example model learnt from. */
const heldOutPhoto = (digit: Digit, index = 0) => signDigitPhotos(digit)[FIRST_HELD_OUT_PHOTO + index];

function monitor(page: Page, name: string): Locator {
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: new RegExp(`^${name}$`) }) })
    .locator('[class*="monitor_value"]');
}

function stageCanvas(page: Page): Locator {
  return page.locator('[class*="stage_stage"] canvas').first();
}

async function loadExample(page: Page, file: string): Promise<void> {
  const example = EXAMPLE_FILES.find((entry) => entry.file === file)!;
  await loadProjectFromComputer(page, file, readFileSync(example.path));
}

async function clickGreenFlag(page: Page): Promise<void> {
  await page.getByTitle('Go', { exact: true }).click();
}

/** A photo of an empty view (no hand) made from photos no example model learnt from, as a file to upload. */
function emptyViewPhoto() {
  const [view] = emptyViews(FIRST_HELD_OUT_PHOTO + 4, 1);
  const bytes = jpeg.encode({ width: view.width, height: view.height, data: Buffer.from(view.data) }, 90).data;
  return { name: 'empty-room.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(bytes) };
}

/** Answers the open `recognize picture` popup with a photo. */
async function answerPopup(page: Page, photo: string | ReturnType<typeof emptyViewPhoto>): Promise<void> {
  const popup = page.getByRole('dialog', { name: blocksText.popupTitle });
  await expect(popup).toBeVisible();
  await popup.getByLabel(blocksText.popupUpload).setInputFiles(photo);
  await expect(popup).toBeHidden();
}

/** The page position of a stage point (Scratch coordinates: x -240..240 to the right, y -180..180 upwards). */
async function stagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await stageCanvas(page).boundingBox())!;
  return { x: box.x + ((x + 240) / 480) * box.width, y: box.y + ((180 - y) / 360) * box.height };
}

for (const example of EXAMPLE_FILES) {
  test(`${example.file} opens with its trained model and its pictures in the trainer, ready to use`, async ({ page }) => {
    await openEditor(page);
    await loadExample(page, example.file);
    await paletteCategory(page, 'Image Model').click();
    const trainer = await openTrainer(page);
    await expect(trainer.getByLabel(trainerText.modelName, { exact: true })).toHaveValue(example.modelName);
    const pictureCount = trainerText.pictureCountOther.replace('{count}', String(PICTURES_PER_CLASS));
    for (const name of example.classNames) {
      await expect(trainer.getByRole('region', { name, exact: true }).getByText(pictureCount)).toBeVisible();
    }
    // Trained on exactly these pictures: the next step is to try it, not to train.
    await expect(trainer.getByText(trainerText.hintTrained)).toBeVisible();
    await expect(trainer.getByText(trainerText.outOfDate)).toHaveCount(0);
  });
}

test('rock, paper, scissors: a photo of a fist is rock, the computer picks, and the winner follows the rules', async ({ page }) => {
  const names = ROCK_PAPER_SCISSORS.variables;
  const beats: Record<string, string> = { rock: 'scissors', paper: 'rock', scissors: 'paper' };
  const expectFairGame = async (mine: string) => {
    await expect(monitor(page, names.you)).toHaveText(mine);
    await expect(monitor(page, names.winner)).not.toHaveText('');
    const computer = (await monitor(page, names.computer).textContent()) ?? '';
    expect(Object.keys(beats)).toContain(computer);
    const winner =
      computer === mine
        ? ROCK_PAPER_SCISSORS.winnerText.tie
        : beats[mine] === computer
          ? ROCK_PAPER_SCISSORS.winnerText.you
          : ROCK_PAPER_SCISSORS.winnerText.computer;
    await expect(monitor(page, names.winner)).toHaveText(winner);
  };
  await openEditor(page);
  await loadExample(page, ROCK_PAPER_SCISSORS.file);

  const [rock, paper, scissors] = ROCK_PAPER_SCISSORS.classes;
  await clickGreenFlag(page);
  await answerPopup(page, heldOutPhoto(rock.digit));
  await expectFairGame(rock.name);

  // "Click me to play again": a click on the robot starts the next round.
  for (const hand of [scissors, paper]) {
    const robot = await stagePoint(page, ROBOT_POSITION.x, ROBOT_POSITION.y);
    await page.mouse.click(robot.x, robot.y);
    await answerPopup(page, heldOutPhoto(hand.digit, 1));
    await expectFairGame(hand.name);
  }
  const scores = await Promise.all([names.yourScore, names.myScore].map(async (name) => Number(await monitor(page, name).textContent())));
  expect(scores[0] + scores[1]).toBeLessThanOrEqual(3);
});

test('finger counter: the webcam\'s hand showing three adds 3 once; then space asks for pictures that add on, an empty view is "nothing", and a fist starts again', async ({
  page,
}) => {
  const { total, seen } = FINGER_COUNTER.variables;
  await openEditor(page);
  await loadExample(page, FINGER_COUNTER.file);
  await clickGreenFlag(page);
  await expect(monitor(page, seen)).toHaveText(String(FAKE_WEBCAM_DIGIT));
  await expect(monitor(page, total)).toHaveText(String(FAKE_WEBCAM_DIGIT));
  await page.waitForTimeout(2_000);
  await expect(monitor(page, total), 'the same sign held up adds nothing more').toHaveText(String(FAKE_WEBCAM_DIGIT));

  // The stop sign stops watching the video; the space key still asks for a picture.
  await page.getByTitle('Stop', { exact: true }).click();
  // Scratch hears keys only when nothing else on the page has the focus: a child clicks the stage first.
  const emptyStagePoint = await stagePoint(page, 150, 120);
  await page.mouse.click(emptyStagePoint.x, emptyStagePoint.y);
  let expected: number = FAKE_WEBCAM_DIGIT;
  for (const shown of [2, FINGER_COUNTER.nothing, 4, 0] as const) {
    if (typeof shown === 'number') expected = shown === 0 ? 0 : expected + shown;
    await page.keyboard.press('Space');
    // Photos the model is sure about (the project counts only answers at least 80% sure; 4's photo 30 is 85%).
    await answerPopup(page, typeof shown === 'number' ? heldOutPhoto(shown, 1) : emptyViewPhoto());
    // No hand is "nothing": it neither adds nor starts again.
    await expect(monitor(page, seen)).toHaveText(String(shown));
    await expect(monitor(page, total)).toHaveText(String(expected));
  }
});

/** Corners (stage coordinates) of each shape a child draws with the mouse; a circle is many small steps. */
const DRAWN: Record<(typeof WHAT_DID_I_DRAW.classes)[number], readonly (readonly [number, number])[]> = {
  circle: Array.from({ length: 37 }, (_, i) => [-10 + 95 * Math.cos((i * Math.PI) / 18), 10 + 95 * Math.sin((i * Math.PI) / 18)] as const),
  square: [
    [-80, 80],
    [80, 80],
    [80, -80],
    [-80, -80],
    [-80, 80],
  ],
  triangle: [
    [0, 100],
    [95, -70],
    [-95, -70],
    [0, 100],
  ],
  line: [
    [-120, -60],
    [110, 70],
  ],
};

/** Draws through `corners` with the mouse button held, slowly enough for the project to follow (30 frames/s). */
async function drawWithMouse(page: Page, corners: readonly (readonly [number, number])[]): Promise<void> {
  const start = await stagePoint(page, corners[0][0], corners[0][1]);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.waitForTimeout(100);
  for (let i = 1; i < corners.length; i++) {
    const [[x0, y0], [x1, y1]] = [corners[i - 1], corners[i]];
    const steps = Math.max(1, Math.round(Math.hypot(x1 - x0, y1 - y0) / 12));
    for (let step = 1; step <= steps; step++) {
      const point = await stagePoint(page, x0 + ((x1 - x0) * step) / steps, y0 + ((y1 - y0) * step) / steps);
      await page.mouse.move(point.x, point.y);
      await page.waitForTimeout(40);
    }
  }
  await page.waitForTimeout(100);
  await page.mouse.up();
}

test('what did I draw: shapes drawn with the mouse on the stage are recognised', async ({ page }) => {
  const guess = WHAT_DID_I_DRAW.variables.guess;
  await openEditor(page);
  await loadExample(page, WHAT_DID_I_DRAW.file);
  await clickGreenFlag(page);
  for (const shape of WHAT_DID_I_DRAW.classes) {
    await drawWithMouse(page, DRAWN[shape]);
    await page.keyboard.press('Space');
    await expect(monitor(page, guess)).toHaveText(shape);
    await page.keyboard.press('c');
    await expect(monitor(page, guess)).toHaveText('');
  }
});
