// Offline after one visit: the service worker keeps the editor, the extension, tfjs's WASM and the base model, so
// a class keeps working when the Wi-Fi drops. Also: a damaged cache never breaks the editor, a new build asks
// before it reloads (never during training), and a browser without room says offline use is unavailable.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import editorText from '../locales/en/editor.json';
import text from '../locales/en/trainer.json';
import {
  addImageModelExtension,
  expect,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  signDigitPhotos,
  test,
  waitForEditor,
} from './support';
import { testAreaCorrect, trainingFinished, uploadAndTrainAtOnce, type UploadedClass } from './support/first-loop';
import { offlineCopyStored } from './support/offline';
import { REPO_DIR } from './support/shared-data';
import { classCard, fill, openAdvanced, setting } from './support/trainer-page';

// The default config blocks service workers so other specs never meet one; here they are the point.
test.use({ serviceWorkers: 'allow' });

const DIST_DIR = path.resolve(REPO_DIR, process.env.DIST_DIR ?? 'dist');
const CLASSES: readonly UploadedClass[] = [
  { name: 'fist', training: signDigitPhotos(0).slice(0, 15), heldOut: signDigitPhotos(0).slice(30, 35) },
  { name: 'two', training: signDigitPhotos(2).slice(0, 15), heldOut: signDigitPhotos(2).slice(30, 35) },
];

function updatePrompt(page: Page): Locator {
  return page.getByRole('button', { name: editorText.updateReady });
}

/** File > Save to your computer; returns the .sb3 the browser wrote. */
async function saveToComputer(page: Page): Promise<Buffer> {
  await page.getByRole('button', { name: 'File menu' }).click();
  const download = page.waitForEvent('download');
  await page.getByText('Save to your computer', { exact: true }).click();
  return readFile(await (await download).path());
}

async function trainedTrainer(page: Page): Promise<Locator> {
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await uploadAndTrainAtOnce(trainer, CLASSES);
  await trainingFinished(trainer);
  return trainer;
}

test('after one visit the editor works with no network: add the extension, train, recognise, save and load a project', async ({ page }) => {
  test.setTimeout(420_000);
  await openEditor(page);
  await offlineCopyStored(page);
  // The build holds the base model (dist/models/), so the child never opened Image Model before going offline.
  const keptModel = await page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('workbox-precache'));
    const keys = name ? await (await caches.open(name)).keys() : [];
    return keys.some((request) => new URL(request.url).pathname.endsWith('/weights.bin'));
  });
  expect(keptModel, 'the offline copy holds the base model').toBe(true);

  await page.context().setOffline(true);
  await page.reload();
  await waitForEditor(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page came from the offline copy').toBe(true);

  const trainer = await trainedTrainer(page);
  const { correct, total } = await testAreaCorrect(trainer, CLASSES);
  expect(total).toBe(10);
  expect(correct).toBeGreaterThanOrEqual(9);
  await trainer.getByRole('button', { name: text.close, exact: true }).first().click();

  const sb3 = await saveToComputer(page);
  // A fresh editor, still offline, opens the saved project with its model.
  await page.reload();
  await waitForEditor(page);
  await loadProjectFromComputer(page, 'offline.sb3', sb3);
  await page.getByRole('treeitem', { name: 'Image Model' }).click();
  const reopened = await openTrainer(page);
  for (const { name } of CLASSES) await expect(classCard(reopened, name)).toBeVisible();
  const again = await testAreaCorrect(reopened, CLASSES);
  expect(again.correct).toBe(correct);
});

test('a damaged file in the offline copy is fetched again: the editor still starts, and the copy is repaired', async ({ page }) => {
  await openEditor(page);
  await offlineCopyStored(page);
  const damaged = await page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('workbox-precache'));
    if (!name) throw new Error('no precache');
    const cache = await caches.open(name);
    const key = (await cache.keys()).find((request) => /\/editor\.[0-9a-f]{8}\.js$/.test(new URL(request.url).pathname));
    if (!key) throw new Error('the editor bundle is not in the precache');
    const stored = await cache.match(key);
    await cache.put(key, new Response('this is not the editor }{', { headers: stored!.headers }));
    return key.url;
  });

  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  const stored = () =>
    page.evaluate(async (url) => {
      const name = (await caches.keys()).find((key) => key.startsWith('workbox-precache'))!;
      return (await (await caches.open(name)).match(url))!.text();
    }, damaged);
  await expect.poll(async () => (await stored()).includes('this is not the editor')).toBe(false);
  expect((await stored()).length).toBeGreaterThan(10_000);
  // The repaired copy is what the editor starts from with no network.
  await page.context().setOffline(true);
  await page.reload();
  await waitForEditor(page);
});

test('with too little storage for the copy the editor works online and says offline use is unavailable', async ({ page, baseURL }) => {
  // The browser's own quota for this site, made as small as a nearly full Chromebook's.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 5_000_000 });
  await openEditor(page);
  await expect(page.getByRole('status').filter({ hasText: editorText.offlineUnavailable })).toBeVisible();
  await addImageModelExtension(page);
  await page.getByRole('button', { name: editorText.offlineUnavailableOk }).click();
  await expect(page.getByText(editorText.offlineUnavailable)).toBeHidden();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active ?? null)).toBeNull();
});

/** A free port for a second server on this machine. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The build as another server sends it, with its own copy of service-worker.js that the test can rebuild. */
async function serveCopyOfBuild(): Promise<{ url: string; dir: string; stop: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'image-model-offline-'));
  for (const name of readdirSync(DIST_DIR)) {
    if (name.startsWith('service-worker.js')) copyFileSync(path.join(DIST_DIR, name), path.join(dir, name));
    else symlinkSync(path.join(DIST_DIR, name), path.join(dir, name));
  }
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'editor/server/serve.ts'], {
    cwd: REPO_DIR,
    env: { ...process.env, DIST_DIR: dir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('is ready') && resolve());
    server.once('exit', (code) => reject(new Error(`the second server stopped (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    stop: () => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a new build changes in the worker: its bytes (a new list of files). Only the plain copy is left to send. */
async function rebuildServiceWorker(dir: string): Promise<void> {
  const file = path.join(dir, 'service-worker.js');
  writeFileSync(file, `${await readFile(file, 'utf8')}\n// the next build\n`);
  for (const suffix of ['.br', '.gz']) rmSync(file + suffix, { force: true });
}

test('a new build offers "A new version is ready: reload" only once training ends, and the reload keeps the models', async ({ page }) => {
  test.setTimeout(420_000);
  const copy = await serveCopyOfBuild();
  try {
    await openEditor(page, copy.url);
    await offlineCopyStored(page);
    await addImageModelExtension(page);
    const trainer = await openTrainer(page);
    // A long training (a neural network, 1000 epochs, one picture per step) that runs until the child stops it.
    await openAdvanced(trainer);
    await trainer.getByRole('radio', { name: new RegExp(`^${text['setting.method.dense']}`) }).check();
    await setting(trainer, 'epochs').fill('1000');
    await setting(trainer, 'batchSize').fill('1');
    await uploadAndTrainAtOnce(trainer, CLASSES);
    const stop = trainer.getByRole('button', { name: text.stop, exact: true });
    await expect(stop).toBeVisible();

    await rebuildServiceWorker(copy.dir);
    await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      await registration.update();
      const installing = registration.installing;
      if (installing)
        await new Promise<void>((resolve) =>
          installing.addEventListener('statechange', () => installing.state === 'installed' && resolve()),
        );
    });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);
    // The new version waits, and training goes on a few more rounds with no prompt.
    const progress = trainer.getByRole('progressbar', { name: text.trainingProgress });
    const roundWhenReady = Number(await progress.getAttribute('value'));
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(roundWhenReady + 2);
    await expect(stop).toBeVisible();
    await expect(updatePrompt(page)).toHaveCount(0);

    await stop.click();
    await trainer.getByRole('button', { name: text.close, exact: true }).first().click();
    await expect(updatePrompt(page)).toBeVisible();
    await updatePrompt(page).click();
    await page.waitForEvent('load');
    await waitForEditor(page);
    await expect(updatePrompt(page)).toHaveCount(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    // Nothing lost: the model and its pictures are still there.
    await addImageModelExtension(page);
    const reopened = await openTrainer(page);
    for (const { name, training } of CLASSES)
      await expect(classCard(reopened, name).getByText(fill(text.pictureCountOther, { count: training.length }))).toBeVisible();
  } finally {
    copy.stop();
  }
});

test('the editor is installable, and ?no-offline removes the offline copy so the next visit comes from the server', async ({ page }) => {
  await openEditor(page);
  await offlineCopyStored(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  // Playwright's browser contexts are incognito windows, where Chrome never installs; every other check passes.
  expect(installabilityErrors.map(({ errorId }) => errorId)).toEqual(['in-incognito']);
  const { errors, url } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
  expect(errors).toEqual([]);
  expect(new URL(url).pathname).toBe('/manifest.webmanifest');

  // The page that asks for no offline copy removes the worker and reloads once, from the network.
  await page.goto('/?no-offline');
  const workerState = () =>
    page
      .evaluate(async () => ({
        registered: (await navigator.serviceWorker.getRegistrations()).length,
        controlled: navigator.serviceWorker.controller !== null,
      }))
      // The page is reloading: ask the next one.
      .catch(() => null);
  await expect.poll(workerState).toEqual({ registered: 0, controlled: false });
  await waitForEditor(page);
});
