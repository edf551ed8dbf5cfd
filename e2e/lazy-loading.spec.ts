// What the editor downloads when: the editor alone fetches no tfjs, no trainer and not the Lab's scratch-blocks;
// adding Image Model fetches the trainer (and the engine's worker brings tfjs); every Lab page but "Build the
// network" leaves scratch-blocks alone, and that page fetches it. Which file holds what comes from the build's
// bundle-report.json (the modules of each chunk), not from file names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import lab from '../locales/en/lab.json';
import { addImageModelExtension, expect, openEditor, openTrainer, test } from './support';

interface ChunkReport {
  readonly files: readonly string[];
  readonly modules: readonly string[];
}

const reportFile = path.resolve(__dirname, '..', process.env.DIST_DIR ?? 'dist', 'bundle-report.json');
const { chunks } = JSON.parse(readFileSync(reportFile, 'utf8')) as { chunks: readonly ChunkReport[] };

/** The build's scripts whose chunk holds a module matching `pattern`. */
function scriptsHolding(pattern: RegExp): readonly string[] {
  return chunks
    .filter((chunk) => chunk.modules.some((module) => pattern.test(module)))
    .flatMap((chunk) => chunk.files.filter((file) => file.endsWith('.js')));
}

const TFJS = scriptsHolding(/(^|\/)node_modules\/@tensorflow\//);
const TRAINER = scriptsHolding(/^modal-ui\/trainer\//);
const SCRATCH_BLOCKS = scriptsHolding(/(^|\/)node_modules\/scratch-blocks\//);

/** The file names the page and its workers have requested so far. */
function watchFetches(page: Page): { among(files: readonly string[]): readonly string[] } {
  const fetched = new Set<string>();
  page.context().on('request', (request) => fetched.add(path.basename(new URL(request.url()).pathname)));
  return { among: (files) => files.filter((file) => fetched.has(file)) };
}

test('the editor alone fetches no tfjs, trainer or scratch-blocks; Image Model and the Lab fetch theirs when opened', async ({ page }) => {
  for (const [what, files] of Object.entries({ TFJS, TRAINER, SCRATCH_BLOCKS }))
    expect(files.length, `the bundle report names the scripts holding ${what}`).toBeGreaterThan(0);
  const fetches = watchFetches(page);

  await openEditor(page);
  // Whatever the editor fetches once it is up (sounds, prefetches) has arrived.
  await page.waitForLoadState('networkidle');
  expect(fetches.among([...TFJS, ...TRAINER, ...SCRATCH_BLOCKS])).toEqual([]);

  await addImageModelExtension(page);
  await expect.poll(() => fetches.among(TRAINER)).toEqual(TRAINER);
  await expect.poll(() => fetches.among(TFJS).length, "the engine's worker loads tfjs").toBeGreaterThan(0);

  const trainer = await openTrainer(page);
  await trainer.getByRole('button', { name: lab.open }).click();
  const tabs = trainer.getByRole('tablist', { name: lab.tabs });
  for (const tab of await tabs.getByRole('tab').all()) {
    if ((await tab.textContent()) === lab['tab.network']) continue;
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }
  await page.waitForLoadState('networkidle');
  expect(fetches.among(SCRATCH_BLOCKS)).toEqual([]);

  await tabs.getByRole('tab', { name: lab['tab.network'] }).click();
  const workspace = trainer.getByRole('region', { name: lab['head.heading'] }).getByRole('application', { name: lab['head.workspace'] });
  await expect(workspace.getByText(lab['head.block.features'])).toBeVisible({ timeout: 60_000 });
  expect(fetches.among(SCRATCH_BLOCKS)).toEqual(SCRATCH_BLOCKS);
});
