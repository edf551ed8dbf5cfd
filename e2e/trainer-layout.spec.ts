// Results in view on a school laptop, a small netbook and a tablet held upright: Train and Test stay on screen
// while the classes scroll, the end of training and a new test answer are brought into view, and every main
// control can be reached.
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, type Digit } from './support';
import { addClassWithPhotos, classCard, fill } from './support/trainer-page';

const LANDSCAPE = [
  { width: 1366, height: 768 },
  { width: 1024, height: 600 },
] as const;
const PORTRAIT = { width: 768, height: 1024 } as const;
const DIGITS: readonly Digit[] = [0, 1, 2, 3, 4];
const name = (digit: Digit) => `sign ${digit}`;

test('Train and Test stay in view while classes scroll; results are brought into view at every size', async ({ page }, testInfo) => {
  await page.setViewportSize(LANDSCAPE[0]);
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  for (const digit of DIGITS) await addClassWithPhotos(trainer, name(digit), digit, 6);
  const train = trainer.getByRole('button', { name: text.train, exact: true });
  const testPicture = trainer.getByRole('button', { name: text.testWithWebcam });
  const lastClass = classCard(trainer, name(4));

  for (const size of LANDSCAPE) {
    await page.setViewportSize(size);
    // The child scrolls down to the last class: Train and Test are still on screen beside it.
    await lastClass.getByRole('button', { name: text.uploadPictures }).scrollIntoViewIfNeeded();
    await expect(lastClass.getByRole('button', { name: text.uploadPictures })).toBeInViewport();
    await expect(train).toBeInViewport({ ratio: 1 });
    await expect(testPicture).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: testInfo.outputPath(`classes-scrolled-${size.width}x${size.height}.png`) });
  }

  // At 1024x600, Train pressed from the bottom of the classes: the end of training comes into view.
  await train.click();
  const done = trainer.getByRole('status').filter({ hasText: text.trainingDone });
  await expect(done).toBeInViewport({ timeout: 120_000 });
  await expect(done).toContainText(fill(text.learnedFrom, { pictures: 30, classes: 5 }));
  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(3)[30]);
  const answer = trainer.getByRole('status').filter({ hasText: fill(text.testResult, { name: '' }) });
  await expect(answer).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('tested-1024x600.png') });

  // Upright: Train is near the top, before the classes; after testing, the answer is on screen.
  await page.setViewportSize(PORTRAIT);
  await trainer.getByRole('heading', { name: text.trainHeading, exact: true }).scrollIntoViewIfNeeded();
  const trainBox = await train.boundingBox();
  expect(trainBox!.y).toBeLessThan(PORTRAIT.height / 2);
  const firstClassBox = await classCard(trainer, name(0)).boundingBox();
  expect(trainBox!.y).toBeLessThan(firstClassBox!.y);
  await lastClass.getByRole('button', { name: text.uploadPictures }).scrollIntoViewIfNeeded();
  await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(1)[30]);
  await expect(answer).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('tested-768x1024.png') });

  // Every main control can be reached at every size (scrolled to, then on screen and not cut off).
  for (const size of [...LANDSCAPE, PORTRAIT]) {
    await page.setViewportSize(size);
    const controls = [
      trainer.getByRole('button', { name: text.addClass }),
      lastClass.getByRole('button', { name: text.uploadPictures }),
      lastClass.getByRole('button', { name: text.useWebcam }),
      train,
      testPicture,
      trainer.getByText(text.advanced, { exact: true }),
      trainer.getByRole('button', { name: text.close, exact: true }).first(),
    ];
    for (const control of controls) {
      await control.scrollIntoViewIfNeeded();
      await expect(control).toBeInViewport({ ratio: 1 });
    }
  }
});
