// Where the picture brain (MobileNetV2-0.35) comes from, in the real editor: the server's /models/ folder, else
// Teachable Machine's copy on Google's storage (answered here from the shared no-top folder, so nothing leaves
// the machine), then the browser's own cache on later, offline visits. When no source answers, the child gets
// the friendly message. And the engine runs on the backend the evidence picks (WASM without a GPU), with its
// .wasm files from our own server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { TEACHABLE_MACHINE_NO_TOP_URL } from '../engine';
import blocksText from '../locales/en/blocks.json';
import errorsText from '../locales/en/errors.json';
import sharingText from '../locales/en/sharing.json';
import trainerText from '../locales/en/trainer.json';
import { recognizeProjectSb3 } from '../extension/test-support/recognize-project';
import {
  addImageModelExtension,
  expect,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  sharedDir,
  signDigitPhotos,
  staysOnThisMachine,
  test,
  waitForEditor,
} from './support';
import { answerLocally } from './support/fixtures';
import { trainThroughTrainer } from './support/train';
import { nameNextClass } from './support/trainer-page';

/** Google's folder of Teachable Machine's no-top model (model.json and its weights file). */
const GOOGLE_FOLDER = new URL('.', TEACHABLE_MACHINE_NO_TOP_URL).href;
/** The same files, as the shared data holds them. */
const NO_TOP_DIR = path.join(sharedDir(), 'models', 'mobilenet-v2-0.35-224-no-top');
/** tfjs's IndexedDB model storage, where the editor caches the backbone as 'indexeddb://image-model-base'. */
const TFJS_DATABASE = { name: 'tensorflowjs', store: 'models_store', key: 'image-model-base' } as const;
const CACHED_WEIGHTS_BYTES = 1_640_832;

const FIST = { name: 'fist', digit: 0 } as const;
const THREE = { name: 'three', digit: 3 } as const;
const TRAINING_PHOTOS = 8;
/** Photos 30 and later are never trained on. */
const HELD_OUT = 30;

type EngineStart = { readonly info: { readonly backend: string; readonly source: string } } | { readonly error: string };

/** Records the answer to the engine's init() call as it crosses the worker's message protocol. */
async function watchEngineStart(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const call = message as { type?: string; method?: string; id?: number } | null;
      if (call?.type === 'call' && call.method === 'init') {
        this.addEventListener('message', (event: MessageEvent) => {
          const reply = event.data as { id?: number; type?: string; value?: unknown; code?: string };
          if (reply?.id !== call.id || reply.type === 'progress') return;
          Object.assign(window, { engineStart: reply.type === 'result' ? { info: reply.value } : { error: reply.code } });
        });
      }
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof post;
  });
}

const engineStart = (page: Page) => page.evaluate(() => (window as unknown as { engineStart?: EngineStart }).engineStart ?? null);

/** Our server without the weights: its /models/ folder answers 404. Returns the addresses asked so far. */
async function withoutLocalModelsFolder(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.context().route(
    (url) => staysOnThisMachine(url.href) && url.pathname.startsWith('/models/'),
    async (route) => {
      requested.push(route.request().url());
      await route.fulfill({ status: 404, body: 'not here' });
    },
  );
  return requested;
}

/** Google's storage, answered from the shared no-top folder while `online()`, else unreachable. */
async function googleStorage(page: Page, online: () => boolean): Promise<string[]> {
  const requested: string[] = [];
  await answerLocally(page, GOOGLE_FOLDER, async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (!online()) {
      await route.abort('internetdisconnected');
      return;
    }
    const name = decodeURIComponent(url.slice(GOOGLE_FOLDER.length).split('?')[0]);
    const headers = { 'access-control-allow-origin': '*' };
    if (!['model.json', 'weights.bin'].includes(name)) {
      await route.fulfill({ status: 404, headers });
      return;
    }
    await route.fulfill({
      status: 200,
      headers: { ...headers, 'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream' },
      body: await readFile(path.join(NO_TOP_DIR, name)),
    });
  });
  return requested;
}

/** What tfjs keeps under indexeddb://image-model-base: null when nothing, else the size of its weights. */
function cachedBackbone(page: Page): Promise<{ weightBytes: number; hasTopology: boolean } | null> {
  return page.evaluate(
    ({ name, store, key }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            resolve(null);
            return;
          }
          const get = db.transaction(store).objectStore(store).get(key);
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const artifacts = (
              get.result as { modelArtifacts?: { modelTopology?: unknown; weightData?: ArrayBuffer | ArrayBuffer[] } } | undefined
            )?.modelArtifacts;
            if (!artifacts) return resolve(null);
            const parts = [artifacts.weightData ?? []].flat();
            resolve({
              weightBytes: parts.reduce((sum, part) => sum + part.byteLength, 0),
              hasTopology: typeof artifacts.modelTopology === 'object',
            });
          };
        };
      }),
    TFJS_DATABASE,
  );
}

async function testPicture(trainer: Locator, digit: 0 | 3, index: number, expected: string): Promise<void> {
  await trainer.getByLabel(trainerText.testPicture).setInputFiles(signDigitPhotos(digit)[index]);
  await expect(trainer.getByText(trainerText.testResult.replace('{name}', expected))).toBeVisible();
}

test('no local folder, no cached copy, no internet: the trainer and the popup explain, and Train stays off', async ({ page }) => {
  await watchEngineStart(page);
  const local = await withoutLocalModelsFolder(page);
  const google = await googleStorage(page, () => false);
  await openEditor(page);
  // A project whose script runs `recognize image` starts the extension (and the engine) as it loads.
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3(FIST.name));
  await expect.poll(() => engineStart(page), { timeout: 90_000 }).toEqual({ error: 'base-model/unreachable' });
  expect(
    local.some((url) => url.endsWith('/model.json')),
    'the local folder was asked first',
  ).toBe(true);
  expect(
    google.some((url) => url.endsWith('/model.json')),
    "then Google's copy",
  ).toBe(true);

  // `recognize image` cannot recognise anything: the popup says to train first and leads to the trainer.
  await page.getByTitle('Go', { exact: true }).click();
  const popup = page.getByRole('dialog', { name: blocksText.popupNeedsModelTitle });
  await expect(popup).toContainText(blocksText.popupNeedsModelText);
  await popup.getByRole('button', { name: blocksText.popupOpenTrainer }).click();
  await expect(popup).toBeHidden();

  // The trainer tells why nothing can be trained, in the child's words (a notice and the Train hint); Train is off.
  const message = errorsText['base-model/unreachable'];
  const trainer = page.getByRole('dialog', { name: trainerText.title });
  const notice = trainer.getByRole('alert').filter({ hasText: message });
  const trainArea = trainer.getByRole('region', { name: trainerText.trainHeading, exact: true });
  const train = trainArea.getByRole('button', { name: trainerText.train, exact: true });
  await expect(notice).toBeVisible();
  await expect(trainArea.getByText(message, { exact: true })).toBeVisible();
  await expect(train).toBeDisabled();

  // A picture added now is refused with the same message (shown again after "OK, hide this"), not kept half-done.
  await notice.getByRole('button', { name: trainerText.dismiss }).click();
  await expect(notice).toBeHidden();
  await nameNextClass(trainer, FIST.name);
  const card = trainer.getByRole('region', { name: FIST.name, exact: true });
  await card.getByLabel(trainerText.uploadPictures).setInputFiles(signDigitPhotos(FIST.digit)[0]);
  await expect(notice).toBeVisible();
  await expect(card.getByText(trainerText.pictureCountOne.replace('{count}', '1'))).toHaveCount(0);
  await expect(trainArea.getByText(message, { exact: true })).toBeVisible();
  await expect(train).toBeDisabled();
});

test("no local folder: Google's copy trains and recognises, is cached, and the next visit works with no network at all", async ({
  page,
}) => {
  await watchEngineStart(page);
  let googleOnline = true;
  const local = await withoutLocalModelsFolder(page);
  const google = await googleStorage(page, () => googleOnline);
  await openEditor(page);
  await trainThroughTrainer(page, [FIST, THREE], TRAINING_PHOTOS);
  await expect.poll(() => engineStart(page)).toMatchObject({ info: { source: 'no-top' } });
  expect(
    google.some((url) => url.endsWith('/weights.bin')),
    "the weights came from Google's address",
  ).toBe(true);
  expect(local.length, 'the local folder was asked before Google').toBeGreaterThan(0);

  let trainer = await openTrainer(page);
  await testPicture(trainer, FIST.digit, HELD_OUT, FIST.name);
  await testPicture(trainer, THREE.digit, HELD_OUT, THREE.name);
  await expect.poll(() => cachedBackbone(page)).toEqual({ weightBytes: CACHED_WEIGHTS_BYTES, hasTopology: true });
  await page.keyboard.press('Escape');
  await expect(trainer).toBeHidden();

  // Next visit, offline: neither the local folder nor Google answers.
  googleOnline = false;
  const askedBefore = { local: local.length, google: google.length };
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  await expect.poll(() => engineStart(page), { timeout: 90_000 }).toMatchObject({ info: { source: 'cache' } });
  await testPicture(trainer, FIST.digit, HELD_OUT + 1, FIST.name);
  await testPicture(trainer, THREE.digit, HELD_OUT + 1, THREE.name);
  expect({ local: local.length, google: google.length }, 'the cache answered: no network source was needed').toEqual(askedBefore);

  // Exporting needs the backbone too: it comes from what the engine loaded, not from /models/.
  const download = page.waitForEvent('download');
  await trainer.getByRole('button', { name: sharingText.exportModel }).click();
  const zip = await JSZip.loadAsync(await readFile(await (await download).path()));
  const weights = await zip.file('weights.bin')!.async('uint8array');
  expect(weights.byteLength, 'the backbone weights plus a small head').toBeGreaterThan(CACHED_WEIGHTS_BYTES);
  expect(Object.keys(zip.files).sort()).toEqual(['image-model.bin', 'metadata.json', 'model.json', 'weights.bin']);
});

test('the engine runs on WASM here (no GPU), with its .wasm files from our own server', async ({ page }) => {
  await watchEngineStart(page);
  const wasmRequests: string[] = [];
  page.context().on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('.wasm')) wasmRequests.push(request.url());
  });
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await expect.poll(() => engineStart(page), { timeout: 90_000 }).toMatchObject({ info: { backend: 'wasm', source: 'backbone' } });
  await expect(trainer.getByText(trainerText.engineStarting)).toHaveCount(0);
  expect(wasmRequests.length).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  for (const url of wasmRequests) expect(url.startsWith(`${origin}/tfjs-wasm/`), url).toBe(true);
});
