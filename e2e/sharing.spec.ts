// Sharing in the real editor: the child's models travel inside the .sb3 through the editor's own File menu,
// come back in a browser whose IndexedDB was cleared, and answer a `recognize image` script the same way;
// pictures go in only when the child ticks the box; a damaged model is listed with a plain message; a model
// exported as a file imports back and answers the same.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import blocksText from '../locales/en/blocks.json';
import sharingText from '../locales/en/sharing.json';
import trainerText from '../locales/en/trainer.json';
import { recognizeProjectSb3, SPRITE_NAME, STATUS, VARIABLE_NAMES, type VariableKey } from './fixtures/recognize-project';
import { CLASSES, projectModel } from '../project-file/test-support/projects';
import { writeModelsIntoProject } from '../project-file';
import {
  expect, loadProjectFromComputer, openEditor, openTrainer, paletteCategory, signDigitPhotos, test,
  waitForEditor, type Digit,
} from './support';
import { trainThroughTrainer } from './support/train';

const FIST = { name: 'fist', digit: 0 as Digit };
const TWO = { name: 'two', digit: 2 as Digit };
const TRAINING_PHOTOS = 6;
/** Photos 30 and later are never trained on. */
const HELD_OUT = 30;
const DATABASE_NAME = 'image-model-blocks';

function monitor(page: Page, key: VariableKey): Locator {
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: new RegExp(`^${VARIABLE_NAMES[key]}$`) }) })
    .locator('[class*="monitor_value"]');
}

/** Green flag, answer the popup with `photo`; returns what the monitors show afterwards. */
async function recognize(page: Page, photo: string): Promise<{ result: string; confidence: string }> {
  await page.getByTitle('Go', { exact: true }).click();
  const popup = page.getByRole('dialog', { name: blocksText.popupTitle });
  await expect(popup).toBeVisible();
  await popup.getByLabel(blocksText.popupUpload).setInputFiles(photo);
  await expect(popup).toBeHidden();
  await expect(monitor(page, 'status')).toHaveText(STATUS.done);
  return { result: (await monitor(page, 'result').textContent()) ?? '', confidence: (await monitor(page, 'confidence').textContent()) ?? '' };
}


/** Shows the Image Model category (a loaded project opens the palette at its top), then opens the trainer. */
async function trainerFromPalette(page: Page): Promise<Locator> {
  await paletteCategory(page, 'Image Model').click();
  return openTrainer(page);
}

async function closeTrainer(page: Page): Promise<void> {
  const trainer = page.getByRole('dialog', { name: trainerText.title });
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();
}

/** File > Save to your computer; returns the .sb3 the browser downloaded. */
async function saveToComputer(page: Page): Promise<Buffer> {
  await page.getByRole('button', { name: 'File menu' }).click();
  const download = page.waitForEvent('download');
  await page.getByText('Save to your computer', { exact: true }).click();
  return readFile(await (await download).path());
}

/** Deletes this site's IndexedDB (the child's models and the cached backbone) and reloads the editor. */
async function clearStorageAndReload(page: Page): Promise<void> {
  // The deletion waits for this page's open connections, which the reload closes.
  await page.evaluate(async () => {
    for (const { name } of await indexedDB.databases()) if (name) indexedDB.deleteDatabase(name);
  });
  await page.reload();
  await waitForEditor(page);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  expect(names).not.toContain(DATABASE_NAME);
}

async function zipEntries(sb3: Buffer): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(sb3)).files);
}

const pictureEntries = (entries: readonly string[]) => entries.filter((name) => /^imageModel\/.+\.jpg$/.test(name));

test('a trained model travels in the .sb3: saved, IndexedDB cleared, loaded, the same answer; pictures only when ticked', async ({ page }) => {
  test.setTimeout(480_000);
  await openEditor(page);
  await trainThroughTrainer(page, [FIST, TWO], TRAINING_PHOTOS);
  // A project made before models travelled in the .sb3 (its scripts use Image Model): it uses the model just trained.
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3(FIST.name));
  const photo = signDigitPhotos(FIST.digit)[HELD_OUT];
  const before = await recognize(page, photo);
  expect(before.result).toBe(FIST.name);

  const withoutPictures = await saveToComputer(page);
  const entries = await zipEntries(withoutPictures);
  expect(entries.filter((name) => /^imageModel\/[A-Za-z0-9_-]+\.bin$/.test(name))).toHaveLength(1);
  expect(pictureEntries(entries), 'pictures are private by default').toEqual([]);

  const trainer = await trainerFromPalette(page);
  await trainer.getByRole('checkbox', { name: sharingText.includePictures }).check();
  await closeTrainer(page);
  const withPictures = await saveToComputer(page);
  expect(pictureEntries(await zipEntries(withPictures))).toHaveLength(2 * TRAINING_PHOTOS);

  // Without pictures: the model still answers the same, and the trainer says retraining needs new pictures.
  await clearStorageAndReload(page);
  await loadProjectFromComputer(page, 'shared-without-pictures.sb3', withoutPictures);
  expect(await recognize(page, photo)).toEqual(before);
  const opened = await trainerFromPalette(page);
  await expect(opened.getByRole('region', { name: FIST.name, exact: true })).toBeVisible();
  await expect(opened.getByText(sharingText.noPicturesToRetrain)).toBeVisible();
  await expect(opened.getByRole('checkbox', { name: sharingText.includePictures })).not.toBeChecked();
  await closeTrainer(page);

  // With pictures: the same answer, and the pictures are back in the trainer (and in IndexedDB after a reload).
  await clearStorageAndReload(page);
  await loadProjectFromComputer(page, 'shared-with-pictures.sb3', withPictures);
  expect(await recognize(page, photo)).toEqual(before);
  const withPicturesTrainer = await trainerFromPalette(page);
  const fistCard = withPicturesTrainer.getByRole('region', { name: FIST.name, exact: true });
  await expect(fistCard.getByText(trainerText.pictureCountOther.replace('{count}', String(TRAINING_PHOTOS)))).toBeVisible();
  await expect(withPicturesTrainer.getByRole('checkbox', { name: sharingText.includePictures })).toBeChecked();
  await expect(withPicturesTrainer.getByText(sharingText.noPicturesToRetrain)).toHaveCount(0);
});

const KNN_MODEL = projectModel('0a1b2c3d4e5f60718293a4b5', 'knn', 1);
const DENSE_MODEL = projectModel('0d0e0f101112131415161718', 'dense', 3);
const BROKEN_MODEL = projectModel('0badbadbadbadbadbadbad0', 'dense', 2);

/** Puts `use model [name]` right after the script's first block (before anything is recognised). */
function addUseModelBlock(projectJson: { targets: { name: string; blocks: Record<string, Record<string, unknown>> }[] }, modelName: string): void {
  const blocks = projectJson.targets.find((target) => target.name === SPRITE_NAME)!.blocks;
  const first = blocks['status-asking'];
  const next = first.next as string;
  blocks['use-model'] = {
    opcode: 'imageModel_useModel', next, parent: 'status-asking', inputs: { MODEL: [1, 'use-model-menu'] }, fields: {}, shadow: false, topLevel: false,
  };
  blocks['use-model-menu'] = {
    opcode: 'imageModel_menu_models', next: null, parent: 'use-model', inputs: {}, fields: { models: [modelName, null] }, shadow: true, topLevel: false,
  };
  first.next = 'use-model';
  blocks[next].parent = 'use-model';
}

/**
 * The block-test project whose script first says `use model [dense model 3]`, with three models in our storage:
 * a KNN model (saved as the active one), that dense model, and a dense model with NaN weights.
 */
async function projectWithModels(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await recognizeProjectSb3(CLASSES[0].name));
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string'));
  addUseModelBlock(projectJson, DENSE_MODEL.name);
  new Float32Array(BROKEN_MODEL.trained!.weights)[42] = Number.NaN;
  writeModelsIntoProject(projectJson, zip, {
    models: [KNN_MODEL, DENSE_MODEL, BROKEN_MODEL], activeModelId: KNN_MODEL.id, includePictures: false,
  });
  zip.file('project.json', JSON.stringify(projectJson));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

test('a damaged model is listed in plain words; `use model` switches models; export, delete, import gives the same answers', async ({ page }) => {
  test.setTimeout(360_000);
  await openEditor(page);
  await loadProjectFromComputer(page, 'shared-models.sb3', await projectWithModels());
  await expect(page.locator('[class*="sprite-selector-item_sprite-name"]', { hasText: SPRITE_NAME })).toBeVisible();
  await expect(paletteCategory(page, 'Image Model')).toBeVisible();

  const trainer = await trainerFromPalette(page);
  const reason = sharingText['problem.not-finite'];
  await expect(trainer.getByRole('alert').filter({ hasText: reason })).toContainText(
    sharingText.brokenModel.replace('{name}', BROKEN_MODEL.name).replace('{reason}', reason),
  );
  const models = trainer.getByRole('list', { name: sharingText.modelsList });
  const modelButton = (name: string) => models.getByRole('button', { name: sharingText.useThisModel.replace('{name}', name), exact: true });
  await expect(models.getByRole('button')).toHaveCount(2);
  await expect(modelButton(KNN_MODEL.name)).toHaveAttribute('aria-pressed', 'true');
  await closeTrainer(page);

  // The script's `use model [dense model 3]` switches the blocks (and the trainer) to the dense model.
  const photo = signDigitPhotos(1)[HELD_OUT];
  const answer = await recognize(page, photo);
  expect(CLASSES.map((info) => info.name)).toContain(answer.result);
  await trainerFromPalette(page);
  await expect(modelButton(DENSE_MODEL.name)).toHaveAttribute('aria-pressed', 'true');

  // Export: Teachable Machine's layout plus our exact model file.
  const download = page.waitForEvent('download');
  await trainer.getByRole('button', { name: sharingText.exportModel }).click();
  const exported = await readFile(await (await download).path());
  expect(Object.keys((await JSZip.loadAsync(exported)).files).sort()).toEqual(['image-model.bin', 'metadata.json', 'model.json', 'weights.bin']);

  // Delete the dense model (after a confirmation), then import the exported file: it becomes "dense model 3" again.
  await trainer.getByRole('button', { name: sharingText.deleteModel, exact: true }).click();
  await trainer.getByRole('button', { name: sharingText.yesDelete }).click();
  await expect(models.getByRole('button')).toHaveCount(1);
  const importInput = trainer.getByLabel(sharingText.importModel);
  await importInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(trainer.getByRole('alert').filter({ hasText: sharingText['import.not-a-model'] })).toBeVisible();
  await importInput.setInputFiles({ name: 'dense model 3.zip', mimeType: 'application/zip', buffer: exported });
  await expect(models.getByRole('button')).toHaveCount(2);
  await expect(modelButton(DENSE_MODEL.name)).toHaveAttribute('aria-pressed', 'true');
  await closeTrainer(page);
  expect(await recognize(page, photo)).toEqual(answer);
});
