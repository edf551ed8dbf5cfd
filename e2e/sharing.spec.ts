// Sharing in the real editor: the child's models travel inside the .sb3 through the editor's own File menu,
// come back in a browser whose IndexedDB was cleared (with their settings, and still there after a reload), and
// answer a `recognize image` script the same way; pictures go in only when the child ticks the box; a damaged
// model is listed with a plain message; `use model` switches which model's classes the reporters answer with; a
// model exported as a file imports back and answers the same; a Teachable Machine model (files or zip) imports
// and answers as TM's own model does; the trainer's Models menu makes, duplicates and deletes models (by mouse
// and by keyboard), and the name field renames them.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { createEngine } from '../engine/runtime';
import {
  teachableMachineModel,
  teachableMachineZip,
  topClass,
  type TeachableMachineModel,
} from '../engine/interchange/test-support/tm-model';
import { startModelServer } from '../engine/test-support/model-server';
import { decodeJpeg } from '../engine/test-support/shared-data';
import type { ImportFile } from '../engine';
import type { ProjectStorageJson } from '../project-file/storage-json';
import { DATABASE_NAME } from '../store/model-store';
import blocksText from '../locales/en/blocks.json';
import sharingText from '../locales/en/sharing.json';
import trainerText from '../locales/en/trainer.json';
import { recognizeProjectSb3, SPRITE_NAME, STATUS, VARIABLE_NAMES, type VariableKey } from '../extension/test-support/recognize-project';
import { CLASSES, projectModel } from '../project-file/test-support/projects';
import { writeModelsIntoProject, type ProjectModel } from '../project-file';
import {
  addImageModelExtension,
  expect,
  clearStorageAndReload,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  paletteCategory,
  saveToComputer,
  signDigitPhotos,
  test,
  waitForEditor,
  type Digit,
} from './support';
import { trainThroughTrainer } from './support/train';
import { openModelsMenu } from './support/trainer-page';

const FIST = { name: 'fist', digit: 0 as Digit };
const TWO = { name: 'two', digit: 2 as Digit };
const TRAINING_PHOTOS = 6;
/** Photos 30 and later are never trained on. */
const HELD_OUT = 30;
/** Not the defaults (50 and 16): the trainer after loading shows what was saved, not what it starts with. */
const SAVED_SETTINGS = { epochs: 20, batchSize: 4 };

function monitor(page: Page, key: VariableKey): Locator {
  return page
    .locator('[class*="monitor_default-monitor"]')
    .filter({ has: page.locator('[class*="monitor_label"]', { hasText: new RegExp(`^${VARIABLE_NAMES[key]}$`) }) })
    .locator('[class*="monitor_value"]');
}

/**
 * Green flag, answer the popup with `photo`; returns what the monitors show afterwards. `resultBefore`: what
 * `result` must report while the popup waits (the script shows it before `recognize image`).
 */
async function recognize(page: Page, photo: string, resultBefore?: string): Promise<{ result: string; confidence: string }> {
  await page.getByTitle('Go', { exact: true }).click();
  const popup = page.getByRole('dialog', { name: blocksText.popupTitle });
  await expect(popup).toBeVisible();
  if (resultBefore !== undefined) await expect(monitor(page, 'result')).toHaveText(resultBefore);
  await popup.getByLabel(blocksText.popupUpload).setInputFiles(photo);
  await expect(popup).toBeHidden();
  await expect(monitor(page, 'status')).toHaveText(STATUS.done);
  return {
    result: (await monitor(page, 'result').textContent()) ?? '',
    confidence: (await monitor(page, 'confidence').textContent()) ?? '',
  };
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

/** A model in the trainer's open Models menu. */
const modelItem = (menu: Locator, name: string) => menu.getByRole('menuitemradio', { name, exact: true });

/** The models the Models menu lists, in order, and which one is in use; Escape closes the menu, not the trainer. */
async function expectModels(trainer: Locator, names: readonly string[], inUse: string): Promise<void> {
  const menu = await openModelsMenu(trainer);
  const models = menu.getByRole('menuitemradio');
  await expect(models).toHaveCount(names.length);
  for (const [i, name] of names.entries()) await expect(models.nth(i)).toHaveAccessibleName(name);
  await expect(modelItem(menu, inUse)).toHaveAttribute('aria-checked', 'true');
  await expect(menu.getByRole('menuitemradio', { checked: true })).toHaveCount(1);
  await trainer.page().keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(trainer).toBeVisible();
}

/** Chooses an action (New model, Duplicate, Delete model) in the Models menu. */
async function modelsMenuAction(trainer: Locator, name: string): Promise<void> {
  await (await openModelsMenu(trainer)).getByRole('menuitem', { name, exact: true }).click();
}

/** Opens "Advanced" in the trainer; returns the number fields by setting. */
async function advancedSettings(trainer: Locator): Promise<{ epochs: Locator; batchSize: Locator; neuralNetwork: Locator }> {
  await trainer.getByText(trainerText.advanced, { exact: true }).click();
  return {
    epochs: trainer.getByRole('spinbutton', { name: trainerText['setting.epochs'], exact: true }),
    batchSize: trainer.getByRole('spinbutton', { name: trainerText['setting.batchSize'], exact: true }),
    neuralNetwork: trainer.getByRole('radio', { name: trainerText['setting.method.dense'] }),
  };
}

async function zipEntries(sb3: Buffer): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(sb3)).files);
}

const pictureEntries = (entries: readonly string[]) => entries.filter((name) => /^imageModel\/.+\.jpg$/.test(name));

/** project.json's `extensionStorage.imageModel` of a saved .sb3, and the zip's entries by name. */
async function savedStorage(sb3: Buffer): Promise<{ storage: ProjectStorageJson; zip: JSZip }> {
  const zip = await JSZip.loadAsync(sb3);
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string'));
  return { storage: projectJson.extensionStorage?.imageModel, zip };
}

test('a trained model travels in the .sb3: saved, IndexedDB cleared, loaded, the same answer and settings; pictures only when ticked', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await openEditor(page);
  await trainThroughTrainer(page, [FIST, TWO], TRAINING_PHOTOS);
  // A project made before models travelled in the .sb3 (its scripts use Image Model): it uses the model just trained.
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3(FIST.name));
  // The child changes two settings and trains again: those are the model's saved settings.
  const retrain = await trainerFromPalette(page);
  const settings = await advancedSettings(retrain);
  await settings.epochs.fill(String(SAVED_SETTINGS.epochs));
  await settings.batchSize.fill(String(SAVED_SETTINGS.batchSize));
  await retrain.getByRole('button', { name: trainerText.train, exact: true }).click();
  await expect(retrain.getByRole('img', { name: trainerText.chartTitle })).toHaveAccessibleDescription(
    new RegExp(`^${trainerText.chartSummary.split('{epoch}')[0]}${SAVED_SETTINGS.epochs}:`),
    { timeout: 120_000 },
  );
  await expect(retrain.getByText(trainerText.trainingDone)).toBeVisible();
  await closeTrainer(page);
  const photo = signDigitPhotos(FIST.digit)[HELD_OUT];
  const before = await recognize(page, photo);
  expect(before.result).toBe(FIST.name);

  const withoutPictures = await saveToComputer(page);
  const entries = await zipEntries(withoutPictures);
  expect(entries.filter((name) => /^imageModel\/[A-Za-z0-9_-]+\.bin$/.test(name))).toHaveLength(1);
  expect(pictureEntries(entries), 'pictures are private by default').toEqual([]);
  // project.json describes the model (TurboWarp's extensionStorage); its weights are the zip's .bin entry, byte for byte.
  const { storage, zip } = await savedStorage(withoutPictures);
  expect(storage).toMatchObject({ format: 1, includePictures: false });
  expect(storage.models).toHaveLength(1);
  const [saved] = storage.models;
  expect(storage.activeModelId).toBe(saved.id);
  expect(saved.classes.map((info) => info.name)).toEqual([FIST.name, TWO.name]);
  expect(saved.settings).toMatchObject({ head: { kind: 'dense', ...SAVED_SETTINGS } });
  expect(saved.pictures).toEqual([]);
  expect(saved.trained?.metadata).toMatchObject({
    head: { kind: 'dense' },
    classes: saved.classes,
    settings: { head: { ...SAVED_SETTINGS } },
  });
  const weights = await zip.file(`imageModel/${saved.id}.bin`)!.async('uint8array');
  expect(weights.byteLength).toBeGreaterThan(100_000);
  expect(saved.trained?.weightsBytes).toBe(weights.byteLength);

  const trainer = await trainerFromPalette(page);
  const includePictures = trainer.getByRole('checkbox', { name: sharingText.includePictures });
  // Why it matters is said next to the box, and is the box's description for a screen reader.
  await expect(trainer.getByText(sharingText.includePicturesWhy)).toBeVisible();
  await expect(includePictures).toHaveAccessibleDescription(sharingText.includePicturesWhy);
  await includePictures.check();
  await closeTrainer(page);
  const withPictures = await saveToComputer(page);
  expect(pictureEntries(await zipEntries(withPictures))).toHaveLength(2 * TRAINING_PHOTOS);

  // Without pictures: the model still answers the same, the trainer says retraining needs new pictures, and
  // "Advanced" shows the settings the model was saved with.
  await clearStorageAndReload(page);
  await loadProjectFromComputer(page, 'shared-without-pictures.sb3', withoutPictures);
  expect(await recognize(page, photo)).toEqual(before);
  const opened = await trainerFromPalette(page);
  await expect(opened.getByRole('region', { name: FIST.name, exact: true })).toBeVisible();
  // It says at the top that the model works, and nothing asks for pictures as if the model were lost.
  await expect(opened.getByRole('status').filter({ hasText: trainerText.sharedModelBanner })).toBeVisible();
  await expect(opened.getByText(trainerText.hintSharedModel, { exact: true })).toBeVisible();
  await expect(opened.getByRole('region', { name: FIST.name, exact: true }).getByText(trainerText.picturesNotShared)).toBeVisible();
  const morePictures = trainerText.hintMorePicturesOther.split('{count}')[1].split('{name}')[0];
  await expect(opened.getByText(morePictures)).toHaveCount(0);
  await expect(opened.getByRole('checkbox', { name: sharingText.includePictures })).not.toBeChecked();
  const openedSettings = await advancedSettings(opened);
  await expect(openedSettings.neuralNetwork).toBeChecked();
  await expect(openedSettings.epochs).toHaveValue(String(SAVED_SETTINGS.epochs));
  await expect(openedSettings.batchSize).toHaveValue(String(SAVED_SETTINGS.batchSize));
  await closeTrainer(page);

  // With pictures: the same answer, and the pictures are back in the trainer.
  await clearStorageAndReload(page);
  await loadProjectFromComputer(page, 'shared-with-pictures.sb3', withPictures);
  expect(await recognize(page, photo)).toEqual(before);
  const withPicturesTrainer = await trainerFromPalette(page);
  const pictureCount = trainerText.pictureCountOther.replace('{count}', String(TRAINING_PHOTOS));
  await expect(withPicturesTrainer.getByRole('region', { name: FIST.name, exact: true }).getByText(pictureCount)).toBeVisible();
  await expect(withPicturesTrainer.getByRole('checkbox', { name: sharingText.includePictures })).toBeChecked();
  await expect(withPicturesTrainer.getByText(trainerText.sharedModelBanner)).toHaveCount(0);
  await closeTrainer(page);

  // The load really went into IndexedDB: after a reload (nothing cleared) the editor's start-up project shows
  // the same classes, pictures and settings.
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  const reloaded = await openTrainer(page);
  for (const { name } of [FIST, TWO]) {
    await expect(reloaded.getByRole('region', { name, exact: true }).getByText(pictureCount)).toBeVisible();
  }
  await expect(reloaded.getByRole('region', { name: trainerText.classesHeading, exact: true }).getByRole('region')).toHaveCount(2);
  await expect((await advancedSettings(reloaded)).epochs).toHaveValue(String(SAVED_SETTINGS.epochs));
  await closeTrainer(page);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).toContain(DATABASE_NAME);
});

const KNN_MODEL = projectModel('0a1b2c3d4e5f60718293a4b5', 'knn', 1);
/** The dense model's classes have other names, so an answer tells which model gave it. */
const DENSE_CLASS_NAMES = ['sun', 'moon', 'star'];
const DENSE_MODEL = withClassNames(projectModel('0d0e0f101112131415161718', 'dense', 3), DENSE_CLASS_NAMES);
const BROKEN_MODEL = projectModel('0badbadbadbadbadbadbad0', 'dense', 2);
const KNN_CLASS_NAMES = KNN_MODEL.classes.map((info) => info.name);
/** The key that runs `use model [name]` in the test project. */
const USE_MODEL_KEYS = { k: KNN_MODEL.name, d: DENSE_MODEL.name } as const;
const switchedTo = (name: string) => `using ${name}`;

function withClassNames(model: ProjectModel, names: readonly string[]): ProjectModel {
  const classes = model.classes.map((info, index) => ({ ...info, name: names[index] }));
  return { ...model, classes, trained: model.trained && { ...model.trained, metadata: { ...model.trained.metadata, classes } } };
}

type ProjectJson = { targets: { name: string; blocks: Record<string, Record<string, unknown>> }[] };

/** Adds, for each key: when [key] key pressed → use model [name] → set [status] to (using name). */
function addUseModelScripts(projectJson: ProjectJson): void {
  const blocks = projectJson.targets.find((target) => target.name === SPRITE_NAME)!.blocks;
  Object.entries(USE_MODEL_KEYS).forEach(([key, modelName], index) => {
    const id = (part: string) => `use-${key}-${part}`;
    blocks[id('hat')] = {
      opcode: 'event_whenkeypressed',
      next: id('block'),
      parent: null,
      inputs: {},
      fields: { KEY_OPTION: [key, null] },
      shadow: false,
      topLevel: true,
      x: 400,
      y: 40 + index * 200,
    };
    blocks[id('block')] = {
      opcode: 'imageModel_useModel',
      next: id('status'),
      parent: id('hat'),
      inputs: { MODEL: [1, id('menu')] },
      fields: {},
      shadow: false,
      topLevel: false,
    };
    blocks[id('menu')] = {
      opcode: 'imageModel_menu_models',
      next: null,
      parent: id('block'),
      inputs: {},
      fields: { models: [modelName, null] },
      shadow: true,
      topLevel: false,
    };
    blocks[id('status')] = {
      opcode: 'data_setvariableto',
      next: null,
      parent: id('block'),
      inputs: { VALUE: [1, [10, switchedTo(modelName)]] },
      fields: { VARIABLE: [VARIABLE_NAMES.status, 'var-status'] },
      shadow: false,
      topLevel: false,
    };
  });
}

/**
 * The block-test project with key scripts that say `use model`, with three models in our storage: a KNN model
 * (saved as the active one), a dense model with other class names, and a dense model with NaN weights.
 */
async function projectWithModels(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await recognizeProjectSb3(CLASSES[0].name));
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string'));
  addUseModelScripts(projectJson);
  new Float32Array(BROKEN_MODEL.trained!.weights)[42] = Number.NaN;
  writeModelsIntoProject(projectJson, zip, {
    models: [KNN_MODEL, DENSE_MODEL, BROKEN_MODEL],
    activeModelId: KNN_MODEL.id,
    includePictures: false,
  });
  zip.file('project.json', JSON.stringify(projectJson));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Presses `key` as a player does (on the page, not in a field) and waits for its `use model` script. */
async function pressUseModelKey(page: Page, key: keyof typeof USE_MODEL_KEYS): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
  await expect(monitor(page, 'status')).toHaveText(switchedTo(USE_MODEL_KEYS[key]));
}

test('a damaged model is listed in plain words; `use model` switches which classes answer; export, delete, import gives the same answers', async ({
  page,
}) => {
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
  await expectModels(trainer, [KNN_MODEL.name, DENSE_MODEL.name], KNN_MODEL.name);
  await closeTrainer(page);

  // The saved active model answers first, with its classes.
  const photo = signDigitPhotos(1)[HELD_OUT];
  const knnAnswer = await recognize(page, photo);
  expect(KNN_CLASS_NAMES).toContain(knnAnswer.result);

  // `use model` one way: the last answer was the other model's, so `result` is empty until recognised again.
  await pressUseModelKey(page, 'd');
  const denseAnswer = await recognize(page, photo, '');
  expect(DENSE_CLASS_NAMES).toContain(denseAnswer.result);
  // And back: the KNN model answers as it did.
  await pressUseModelKey(page, 'k');
  expect(await recognize(page, photo, '')).toEqual(knnAnswer);
  await pressUseModelKey(page, 'd');
  expect(await recognize(page, photo, '')).toEqual(denseAnswer);
  await trainerFromPalette(page);
  await expect(modelItem(await openModelsMenu(trainer), DENSE_MODEL.name)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');

  // Export: Teachable Machine's layout plus our exact model file.
  const download = page.waitForEvent('download');
  await trainer.getByRole('button', { name: sharingText.exportModel }).click();
  const exported = await readFile(await (await download).path());
  expect(Object.keys((await JSZip.loadAsync(exported)).files).sort()).toEqual([
    'image-model.bin',
    'metadata.json',
    'model.json',
    'weights.bin',
  ]);

  // Delete the dense model (after a confirmation), then import the exported file: it becomes "dense model 3" again.
  await modelsMenuAction(trainer, sharingText.deleteModel);
  await trainer.getByRole('button', { name: sharingText.yesDelete }).click();
  await expectModels(trainer, [KNN_MODEL.name], KNN_MODEL.name);
  const importInput = trainer.getByLabel(sharingText.importModel);
  await importInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(trainer.getByRole('alert').filter({ hasText: sharingText['import.not-a-model'] })).toBeVisible();
  await importInput.setInputFiles({ name: 'dense model 3.zip', mimeType: 'application/zip', buffer: exported });
  await expectModels(trainer, [KNN_MODEL.name, DENSE_MODEL.name], DENSE_MODEL.name);
  await closeTrainer(page);
  expect(await recognize(page, photo)).toEqual(denseAnswer);
});

const TM_CLASSES = [
  { name: 'closed hand', digit: 0 },
  { name: 'one finger', digit: 1 },
  { name: 'two fingers', digit: 2 },
] as const;
const TM_TRAINING_PHOTOS = 8;

/**
 * A Teachable Machine image model built here in Node with tfjs, as TM saves one, and what it answers for
 * `photo` (by predicting with TM's own network in Node, as TM's library would in a page).
 */
async function teachableMachineExport(photo: string): Promise<{ model: TeachableMachineModel; expected: string }> {
  const server = await startModelServer();
  try {
    const engine = createEngine();
    await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
    const training = [];
    for (const [classIndex, { digit }] of TM_CLASSES.entries()) {
      const embeddings = await engine.embed(signDigitPhotos(digit).slice(0, TM_TRAINING_PHOTOS).map(decodeJpeg));
      training.push(...embeddings.map((embedding) => ({ classIndex, embedding })));
    }
    const model = await teachableMachineModel({ modelName: 'tm-hands', labels: TM_CLASSES.map((info) => info.name), training });
    const [row] = await model.predict([decodeJpeg(photo)]);
    return { model, expected: TM_CLASSES[topClass(row)].name };
  } finally {
    await server.close();
  }
}

const asUpload = (file: ImportFile) => ({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) });

test("a Teachable Machine model imports (three files, or its zip) and answers as TM's model does; new, duplicate and rename from the Models menu", async ({
  page,
}) => {
  test.setTimeout(360_000);
  const photo = signDigitPhotos(1)[HELD_OUT];
  const { model, expected } = await teachableMachineExport(photo);
  await openEditor(page);
  await loadProjectFromComputer(page, 'tm-reader.sb3', await recognizeProjectSb3(TM_CLASSES[0].name));
  const defaultName = trainerText.defaultModelName;

  const trainer = await trainerFromPalette(page);
  const importInput = trainer.getByLabel(sharingText.importModel);
  await importInput.setInputFiles(model.files.map(asUpload));
  await expect(trainer.getByRole('status').filter({ hasText: sharingText.imported.replace('{name}', 'tm-hands') })).toBeVisible();
  await expectModels(trainer, [defaultName, 'tm-hands'], 'tm-hands');
  for (const { name } of TM_CLASSES) await expect(trainer.getByRole('region', { name, exact: true })).toBeVisible();
  await closeTrainer(page);
  expect((await recognize(page, photo)).result).toBe(expected);

  await trainerFromPalette(page);
  await importInput.setInputFiles({
    name: 'tm-hands.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(await teachableMachineZip(model.files)),
  });
  await expectModels(trainer, [defaultName, 'tm-hands', 'tm-hands (2)'], 'tm-hands (2)');
  await closeTrainer(page);
  expect((await recognize(page, photo)).result).toBe(expected);

  // New model, Duplicate (of the model in use, with the keyboard) and rename, from the trainer's Models menu.
  await trainerFromPalette(page);
  await modelsMenuAction(trainer, sharingText.newModel);
  await expectModels(trainer, [defaultName, 'tm-hands', 'tm-hands (2)', `${defaultName} (2)`], `${defaultName} (2)`);
  await expect(trainer.getByRole('region', { name: TM_CLASSES[0].name, exact: true })).toHaveCount(0);
  await modelItem(await openModelsMenu(trainer), 'tm-hands').click();
  await expect(trainer.getByRole('region', { name: TM_CLASSES[0].name, exact: true })).toBeVisible();
  // The menu button by keyboard: ArrowDown opens it on the first model; four models down is New, then New Hands
  // model, then Duplicate.
  const menuButton = trainer.getByRole('button', { name: sharingText.modelsMenu, exact: true });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = trainer.getByRole('menu', { name: sharingText.modelsMenu, exact: true });
  await expect(modelItem(menu, defaultName)).toBeFocused();
  await expect(modelItem(menu, 'tm-hands')).toHaveAttribute('aria-checked', 'true');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: sharingText.duplicateModel, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  const copyName = sharingText.copyName.replace('{name}', 'tm-hands');
  await expectModels(trainer, [defaultName, 'tm-hands', 'tm-hands (2)', `${defaultName} (2)`, copyName], copyName);
  const nameField = trainer.getByLabel(trainerText.modelName, { exact: true });
  await expect(nameField).toHaveValue(copyName);
  await nameField.fill('hand signs');
  await nameField.press('Enter');
  await expectModels(trainer, [defaultName, 'tm-hands', 'tm-hands (2)', `${defaultName} (2)`, 'hand signs'], 'hand signs');
  // A name another model has is refused in words, and the list keeps its names.
  await nameField.fill('TM-HANDS');
  await nameField.press('Enter');
  await expect(trainer.getByRole('alert').filter({ hasText: sharingText.modelNameTaken })).toBeVisible();
  await expect(nameField).toHaveValue('hand signs');
  await expectModels(trainer, [defaultName, 'tm-hands', 'tm-hands (2)', `${defaultName} (2)`, 'hand signs'], 'hand signs');
  await closeTrainer(page);
  // The renamed copy answers as the model it was copied from.
  expect((await recognize(page, photo)).result).toBe(expected);
});
