// The trainer's parts as the specs about settings, progress and pictures find them (by role and English name),
// and the quick way to fill classes with photos before the behaviour a spec is really about.
import { expect, type Locator } from '@playwright/test';
import sharingText from '../../locales/en/sharing.json';
import text from '../../locales/en/trainer.json';
import { signDigitPhotos, type Digit } from './shared-data';

/** Fills a locale template: fill('Epoch {epoch} of {total}', { epoch: 2, total: 5 }). */
export const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

export function classCard(trainer: Locator, name: string): Locator {
  return trainer.getByRole('region', { name, exact: true });
}

export function pictures(trainer: Locator, name: string): Locator {
  return classCard(trainer, name)
    .getByRole('list', { name: fill(text.picturesOf, { name }) })
    .getByRole('listitem');
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

/** Names the next class; then `files` through its file input, in one upload. */
export async function addClassWithFiles(trainer: Locator, name: string, files: readonly string[]): Promise<void> {
  await nameNextClass(trainer, name);
  await classCard(trainer, name)
    .getByLabel(text.uploadPictures)
    .setInputFiles([...files]);
  await expect(pictures(trainer, name)).toHaveCount(files.length);
}

/** Names the next class; then its first `count` photos of `digit` through the file input. */
export async function addClassWithPhotos(trainer: Locator, name: string, digit: Digit, count: number): Promise<void> {
  await addClassWithFiles(trainer, name, signDigitPhotos(digit).slice(0, count));
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

/**
 * Opens the trainer's "Models" menu (if it is not open yet) and returns it: one menuitemradio per model (the one in
 * use checked), then the actions (New model, Duplicate, Delete model, Bring back…) as menuitems.
 */
export async function openModelsMenu(trainer: Locator): Promise<Locator> {
  const button = trainer.getByRole('button', { name: sharingText.modelsMenu, exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const menu = trainer.getByRole('menu', { name: sharingText.modelsMenu, exact: true });
  await expect(menu).toBeVisible();
  return menu;
}

export const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type TrainerWords = Pick<typeof text, 'renameClass' | 'defaultClassName' | 'addClass' | 'className'>;

/** The rename buttons of classes still named as a new model's empty classes are ("Class 1"). */
export function starterClassRenames(trainer: Locator, words: TrainerWords = text): Locator {
  const [before, after] = fill(words.renameClass, { name: words.defaultClassName }).split('{number}').map(escapeRegExp);
  return trainer.getByRole('button', { name: new RegExp(`^${before}\\d+${after}$`) });
}

/** Names the next class as a child does: the first of the empty classes a new model starts with, else a new one. */
export async function nameNextClass(trainer: Locator, name: string, words: TrainerWords = text): Promise<void> {
  const starter = starterClassRenames(trainer, words).first();
  if ((await starter.count()) > 0) await starter.click();
  else await trainer.getByRole('button', { name: words.addClass }).click();
  const field = trainer.getByRole('textbox', { name: words.className });
  await expect(field).toBeFocused();
  await field.fill(name);
  await field.press('Enter');
  await expect(classCard(trainer, name)).toBeVisible();
}

/** One page of the Lab, by its tab's name: the trainer's model card repeats some of the Lab's words. */
export function labPage(trainer: Locator, tabName: string): Locator {
  return trainer.getByRole('tabpanel', { name: tabName });
}
