// The trainer's parts as the specs about settings, progress and pictures find them (by role and English name),
// and the quick way to fill classes with photos before the behaviour a spec is really about.
import { expect, type Locator } from '@playwright/test';
import text from '../../locales/en/trainer.json';
import { signDigitPhotos, type Digit } from './shared-data';

/** Fills a locale template: fill('Epoch {epoch} of {total}', { epoch: 2, total: 5 }). */
export const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

export function classCard(trainer: Locator, name: string): Locator {
  return trainer.getByRole('region', { name, exact: true });
}

export function pictures(trainer: Locator, name: string): Locator {
  return classCard(trainer, name).getByRole('list', { name: fill(text.picturesOf, { name }) }).getByRole('listitem');
}

/** The number of `items` once it has stopped changing for half a second (work already under way has landed). */
export async function settledCount(items: Locator): Promise<number> {
  let count = await items.count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await items.count();
    if (now === count) return count;
    count = now;
  }
}

/** "Add a class", type its name, Enter; then its first `count` photos of `digit` through the file input. */
export async function addClassWithPhotos(trainer: Locator, name: string, digit: Digit, count: number): Promise<void> {
  await trainer.getByRole('button', { name: text.addClass }).click();
  const field = trainer.getByRole('textbox', { name: text.className });
  await field.fill(name);
  await field.press('Enter');
  await classCard(trainer, name).getByLabel(text.uploadPictures).setInputFiles(signDigitPhotos(digit).slice(0, count));
  await expect(pictures(trainer, name)).toHaveCount(count);
}

/** Opens "Advanced" (a click on its summary) unless it is open already. */
export async function openAdvanced(trainer: Locator): Promise<void> {
  const details = trainer.locator('details', { has: trainer.page().getByText(text.advanced, { exact: true }) });
  if (await details.evaluate((element: HTMLDetailsElement) => element.open)) return;
  await trainer.getByText(text.advanced, { exact: true }).click();
}

export function setting(trainer: Locator, name: 'epochs' | 'batchSize' | 'learningRate' | 'validationRate' | 'knnK'): Locator {
  return trainer.getByRole('spinbutton', { name: text[`setting.${name}`], exact: true });
}

/** The chart's line for one measure, and how many epochs (points) it has drawn. */
export function chartLine(trainer: Locator, measure: 'acc' | 'val' | 'loss'): Locator {
  return trainer.getByRole('img', { name: text.chartTitle }).locator(`path.imt-chart__line--${measure}`);
}

export async function chartPoints(line: Locator): Promise<number> {
  const d = await line.getAttribute('d');
  return (d ?? '').split(/[ML]/).filter((part) => part.trim() !== '').length;
}

/** The N of "Epoch N of M" in the hint next to Stop, or 0 before the first epoch. */
export async function currentEpoch(trainer: Locator, total: number): Promise<number> {
  const pattern = new RegExp(`^${fill(text.epochOf, { epoch: '(\\d+)', total })}$`);
  const hint = trainer.getByText(pattern);
  if ((await hint.count()) === 0) return 0;
  return Number(pattern.exec((await hint.first().textContent()) ?? '')?.[1] ?? 0);
}
