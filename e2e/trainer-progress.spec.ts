// What a child sees while the model trains: the epoch counting up, the chart drawing itself epoch by epoch, the
// editor still answering (training runs in a worker, not on the page's main thread, and goes on while the trainer
// is closed), and after a finished training all three lines of the chart.
import type { Page } from '@playwright/test';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, paletteCategory, test } from './support';
import { addClassWithPhotos, chartLine, chartPoints, currentEpoch, openAdvanced, setting } from './support/trainer-page';

const LONG_EPOCHS = 1000;
const SHORT_EPOCHS = 5;
/** A task this long is a freeze a child notices (a click or a key press waits for it). */
const FREEZE_MS = 200;

/** Records, from the page's start, every main-thread task over 50 ms (Long Tasks API) with when it started. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    Object.assign(window, { longTasks: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: Math.round(entry.duration) });
    }).observe({ type: 'longtask' });
  });
}

/** The durations of the long tasks that started after `since` (the page's performance.now()). */
function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (from) =>
      (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks
        .filter((task) => task.start >= from)
        .map((task) => task.duration),
    since,
  );
}

test('training shows its epoch and a growing chart, leaves the editor usable, and goes on while the trainer is closed', async ({
  page,
}) => {
  await watchLongTasks(page);
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);
  await addClassWithPhotos(trainer, 'fist', 0, 8);
  await addClassWithPhotos(trainer, 'three', 3, 8);
  await openAdvanced(trainer);
  await setting(trainer, 'epochs').fill(String(LONG_EPOCHS));
  // One picture per step: each epoch takes long enough that the training is still going after the checks below.
  await setting(trainer, 'batchSize').fill('1');
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  const progress = trainer.getByRole('progressbar', { name: text.trainingProgress });
  await expect(progress).toHaveAttribute('max', String(LONG_EPOCHS));

  // "Epoch N of 1000" counts up, the progress bar with it, and the accuracy line gains points as it goes.
  await expect.poll(() => currentEpoch(trainer, LONG_EPOCHS), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  const accuracy = chartLine(trainer, 'acc');
  const firstEpoch = await currentEpoch(trainer, LONG_EPOCHS);
  const firstPoints = await chartPoints(accuracy);
  const firstProgress = Number(await progress.getAttribute('value'));
  const since = await page.evaluate(() => performance.now());
  await page.waitForTimeout(3000);
  const laterEpoch = await currentEpoch(trainer, LONG_EPOCHS);
  expect(laterEpoch, `the epoch shown moved on from ${firstEpoch}`).toBeGreaterThan(firstEpoch);
  expect(await chartPoints(accuracy)).toBeGreaterThan(firstPoints);
  expect(Number(await progress.getAttribute('value'))).toBeGreaterThan(firstProgress);

  // Three seconds of training never froze the page.
  const freezes = (await longTasksSince(page, since)).filter((duration) => duration > FREEZE_MS);
  console.log(
    `training: epoch ${firstEpoch} -> ${laterEpoch} in 3 s; main-thread tasks over ${FREEZE_MS} ms: ${freezes.join(', ') || 'none'}`,
  );
  expect(freezes, `main-thread tasks over ${FREEZE_MS} ms while training`).toEqual([]);

  // Closed mid-training: the editor answers (a click on a palette category selects it) while it trains.
  await trainer.getByRole('button', { name: text.close, exact: true }).click();
  await expect(trainer).toBeHidden();
  const motion = paletteCategory(page, 'Motion');
  await expect(motion).toHaveAttribute('aria-selected', 'false');
  await motion.click();
  await expect(motion).toHaveAttribute('aria-selected', 'true', { timeout: 5_000 });
  await paletteCategory(page, 'Image Model').click();

  // Opened again: the same training is still going, further on.
  trainer = await openTrainer(page);
  await expect.poll(() => currentEpoch(trainer, LONG_EPOCHS)).toBeGreaterThan(laterEpoch);
  await trainer.getByRole('button', { name: text.stop, exact: true }).click();
  await expect(trainer.getByText(text.trainingStopped)).toBeVisible();

  // A finished training: accuracy, validation accuracy and loss each have one point per epoch.
  await openAdvanced(trainer);
  await setting(trainer, 'epochs').fill(String(SHORT_EPOCHS));
  await setting(trainer, 'batchSize').fill('16');
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });
  for (const measure of ['acc', 'val', 'loss'] as const) {
    expect(await chartPoints(chartLine(trainer, measure)), `points on the ${measure} line`).toBe(SHORT_EPOCHS);
  }
});
