// Image Model in TurboWarp: the build's extension file (dist/turbowarp/image-model.js) loaded, unsandboxed, into
// TurboWarp's own player from npm (@turbowarp/packager's scaffolding), on a page of this test. A project saved by
// our editor (the rock, paper, scissors example) plays there with its model: its `recognize picture` popup takes a
// photo and the game names the hand; its palette button opens our trainer on TurboWarp's page. Saved again by TurboWarp (its extensionStorage, no zip entries of ours), the
// project opens in our editor with the model, which names another photo, and in TurboWarp again, which loads our
// file because the project names it. A Hands model made in our editor also answers there (MediaPipe Hands from the
// build's files, beside the extension file).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { OPEN_TRAINER_BUTTON_FUNC } from '../blocks/block-specs';
import blocksText from '../locales/en/blocks.json';
import trainerText from '../locales/en/trainer.json';
import { EXAMPLE_FILES, FIRST_HELD_OUT_PHOTO, ROCK_PAPER_SCISSORS } from '../examples/examples';
import { CLASSROOM_VARIABLES, classroomProjectSb3 } from '../extension/test-support/classroom-project';
import { expect, loadProjectFromComputer, openEditor, saveToComputer, signDigitPhotos, test, type Digit } from './support';
import { answerLocally } from './support/fixtures';
import { trainHandsModel } from './support/hands-model';
import { playerMonitor } from './support/player-monitor';
import { REPO_DIR } from './support/shared-data';

const SCAFFOLDING = path.join(REPO_DIR, 'node_modules/@turbowarp/packager/dist/scaffolding/scaffolding-min.js');
const EXAMPLE = EXAMPLE_FILES.find((entry) => entry.file === ROCK_PAPER_SCISSORS.file)!;
const [rock, paper, scissors] = ROCK_PAPER_SCISSORS.classes;

/** The player page, answered by the test under our server's address, so the extension file is one folder up. */
const PLAYER = '/turbowarp-player/';
const PLAYER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TurboWarp player</title>
<style>#project { width: 480px; height: 360px; }</style></head>
<body><div id="project"></div>
<script src="scaffolding-min.js"></script>
<script>
  const scaffolding = new Scaffolding.Scaffolding();
  scaffolding.setup();
  scaffolding.appendTo(document.getElementById('project'));
  // What TurboWarp's "Run without sandbox" box does for a custom extension.
  scaffolding.vm.securityManager.getSandboxMode = () => Promise.resolve('unsandboxed');
  // What a teacher's "Allow" does when a project names its custom extension (its extensionURLs).
  scaffolding.vm.securityManager.canLoadExtensionFromProject = () => Promise.resolve(true);
  window.scaffolding = scaffolding;
</script></body></html>`;

/** What the player page puts on `window`: TurboWarp's scaffolding (only what the test calls). */
interface PlayerWindow {
  readonly scaffolding: {
    readonly vm: {
      readonly extensionManager: { loadExtensionURL(url: string): Promise<void> };
      readonly runtime: {
        /** A palette button's function by `<extension id>_<func>`, as TurboWarp's editor calls it on a click. */
        readonly extensionButtons: Map<string, () => void>;
        readonly extensionStorage: { readonly imageModel?: { readonly entries?: object } };
      };
      saveProjectSb3(): Promise<Blob>;
    };
    loadProject(bytes: Uint8Array): Promise<void>;
    greenFlag(): void;
  };
}

const heldOutPhoto = (digit: Digit) => signDigitPhotos(digit)[FIRST_HELD_OUT_PHOTO + 1];

async function openPlayer(page: Page, baseURL: string, { addExtension = true } = {}): Promise<void> {
  await answerLocally(page, new URL(PLAYER, baseURL).href, async (route) => {
    const file = new URL(route.request().url()).pathname.slice(PLAYER.length);
    if (file === '') await route.fulfill({ contentType: 'text/html', body: PLAYER_HTML });
    else if (file === 'scaffolding-min.js') await route.fulfill({ contentType: 'text/javascript', body: readFileSync(SCAFFOLDING) });
    else await route.abort();
  });
  await page.goto(PLAYER);
  if (!addExtension) return;
  // As a teacher adds it: Custom Extension → URL of the file.
  await page.evaluate(() =>
    (window as unknown as PlayerWindow).scaffolding.vm.extensionManager.loadExtensionURL(
      new URL('../turbowarp/image-model.js', location.href).href,
    ),
  );
}

async function loadIntoPlayer(page: Page, bytes: Buffer): Promise<void> {
  await page.evaluate((base64) => {
    const binary = atob(base64);
    return (window as unknown as PlayerWindow).scaffolding.loadProject(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  }, bytes.toString('base64'));
}

function editorMonitor(page: Page, name: string): Locator {
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: new RegExp(`^${name}$`) }) })
    .locator('[class*="monitor_value"]');
}

async function answerPopup(page: Page, photo: string): Promise<void> {
  const popup = page.getByRole('dialog', { name: blocksText.popupTitle });
  await expect(popup).toBeVisible();
  await popup.getByLabel(blocksText.popupUpload).setInputFiles(photo);
  await expect(popup).toBeHidden();
}

/** The project as TurboWarp saves it (File → Save to your computer), once our storage holds the opened model. */
async function saveFromPlayer(page: Page): Promise<Buffer> {
  await expect
    .poll(() =>
      page.evaluate(() => Boolean((window as unknown as PlayerWindow).scaffolding.vm.runtime.extensionStorage.imageModel?.entries)),
    )
    .toBe(true);
  const base64 = await page.evaluate(async () => {
    const blob: Blob = await (window as unknown as PlayerWindow).scaffolding.vm.saveProjectSb3();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

test('a project made in our editor plays in TurboWarp with its model, and TurboWarp’s save opens in our editor and in TurboWarp', async ({
  page,
  baseURL,
}) => {
  await openPlayer(page, baseURL!);
  await loadIntoPlayer(page, readFileSync(EXAMPLE.path));
  await page.evaluate(
    (key) => (window as unknown as PlayerWindow).scaffolding.vm.runtime.extensionButtons.get(key)!(),
    `imageModel_${OPEN_TRAINER_BUTTON_FUNC}`,
  );
  const trainer = page.getByRole('dialog', { name: 'Image Model trainer' });
  await expect(trainer.getByRole('region', { name: rock.name, exact: true }), "the project's model is in the trainer").toBeVisible();
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();
  await page.evaluate(() => (window as unknown as PlayerWindow).scaffolding.greenFlag());
  await answerPopup(page, heldOutPhoto(rock.digit));
  await expect(playerMonitor(page, ROCK_PAPER_SCISSORS.variables.you)).toHaveText(rock.name);

  const saved = await saveFromPlayer(page);
  const zip = await JSZip.loadAsync(saved);
  expect(
    Object.keys(zip.files).filter((name) => name.startsWith('imageModel')),
    'TurboWarp writes no entries of ours',
  ).toEqual([]);
  const storage = JSON.parse(await zip.file('project.json')!.async('string')).extensionStorage.imageModel;
  expect(storage.models.map((model: { name: string }) => model.name)).toEqual([ROCK_PAPER_SCISSORS.modelName]);

  await openEditor(page);
  await loadProjectFromComputer(page, 'from-turbowarp.sb3', saved);
  await page.getByTitle('Go', { exact: true }).click();
  await answerPopup(page, heldOutPhoto(paper.digit));
  await expect(editorMonitor(page, ROCK_PAPER_SCISSORS.variables.you)).toHaveText(paper.name);

  // Opened in TurboWarp again: the project names our file, so TurboWarp loads it, and the model is in the storage.
  await openPlayer(page, baseURL!, { addExtension: false });
  await loadIntoPlayer(page, saved);
  await page.evaluate(() => (window as unknown as PlayerWindow).scaffolding.greenFlag());
  await answerPopup(page, heldOutPhoto(scissors.digit));
  await expect(playerMonitor(page, ROCK_PAPER_SCISSORS.variables.you)).toHaveText(scissors.name);
});

test('a Hands model made in our editor plays in TurboWarp: MediaPipe finds the hand on the stage there too', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const trainer = await trainHandsModel(
    page,
    [
      { name: 'one', digit: 1 },
      { name: 'three', digit: 3 },
    ],
    10,
  );
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();
  // A game whose green flag recognises the stage, a photo of one finger as its backdrop, saved with the model.
  await loadProjectFromComputer(page, 'hands-stage.sb3', await classroomProjectSb3('three', 'stage', readFileSync(heldOutPhoto(1))));
  const saved = await saveToComputer(page);

  await openPlayer(page, baseURL!);
  await loadIntoPlayer(page, saved);
  await page.evaluate(() => (window as unknown as PlayerWindow).scaffolding.greenFlag());
  await expect(playerMonitor(page, CLASSROOM_VARIABLES.result)).toHaveText('one', { timeout: 60_000 });
});
