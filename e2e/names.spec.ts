// Names the trainer would refuse, in a real .sb3 opened through the editor's File menu: a blank class, two classes
// that differ only by case and a space, and a model name holding a right-to-left override come out repaired and
// distinct in the trainer, in its notice and in the blocks' menus. A picture file named with U+202E is refused in
// a message that reads as written, with the real file name.
import type { Locator } from '@playwright/test';
import JSZip from 'jszip';
import errorsText from '../locales/en/errors.json';
import sharingText from '../locales/en/sharing.json';
import trainerText from '../locales/en/trainer.json';
import { writeModelsIntoProject } from '../project-file';
import { CLASSES, projectModel } from '../project-file/test-support/projects';
import { recognizeProjectSb3 } from '../extension/test-support/recognize-project';
import { dropdownItems, expect, loadProjectFromComputer, openEditor, openTrainer, paletteCategory, test } from './support';
import { classCard, fill, openModelsMenu } from './support/trainer-page';

/** The classes' names as the file holds them, and as the trainer and the blocks must show them. */
const NAMES_IN_FILE = ['', 'Rock', 'rock '];
const NAMES_SHOWN = ['Class 1', 'Rock', 'rock (2)'];
const MODEL_NAME_IN_FILE = '\u202Ehands';
const MODEL_NAME_SHOWN = 'hands';
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** The block-test project with one trained model named as above (its classes' ids and weights are untouched). */
async function badlyNamedProject(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await recognizeProjectSb3(NAMES_SHOWN[1]));
  const projectJson = JSON.parse(await zip.file('project.json')!.async('string'));
  const model = projectModel('0a1b2c3d4e5f60718293a4b5', 'knn', 1);
  const classes = CLASSES.map((info, i) => ({ ...info, name: NAMES_IN_FILE[i] }));
  const trained = { ...model.trained!, metadata: { ...model.trained!.metadata, name: MODEL_NAME_IN_FILE, classes } };
  writeModelsIntoProject(projectJson, zip, {
    models: [{ ...model, name: MODEL_NAME_IN_FILE, classes, trained }],
    activeModelId: model.id,
    includePictures: false,
  });
  zip.file('project.json', JSON.stringify(projectJson));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Where on screen the `index`-th character of `element`'s text is drawn (its left edge, in CSS pixels). */
async function characterLeft(element: Locator, index: number): Promise<number> {
  return element.evaluate((node, at) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let remaining = at;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const length = text.textContent?.length ?? 0;
      if (remaining < length) {
        const range = document.createRange();
        range.setStart(text, remaining);
        range.setEnd(text, remaining + 1);
        return range.getBoundingClientRect().left;
      }
      remaining -= length;
    }
    throw new Error(`no character ${at}`);
  }, index);
}

test('a project with blank, repeated and right-to-left-override names opens with repaired, distinct names; a U+202E file name cannot turn a refusal around', async ({
  page,
}) => {
  await openEditor(page);
  await loadProjectFromComputer(page, 'bad-names.sb3', await badlyNamedProject());
  await paletteCategory(page, 'Image Model').click();
  const trainer = await openTrainer(page);

  // The notice says, in plain words, which names changed and why.
  const notice = trainer.getByRole('alert').filter({ hasText: fill(sharingText.namesChangedOther, { count: 2 }) });
  await expect(notice.getByRole('listitem')).toHaveText([
    fill(sharingText.classNamed, { to: NAMES_SHOWN[0] }),
    fill(sharingText.classRenamed, { from: 'rock', to: NAMES_SHOWN[2] }),
  ]);

  // The trainer shows three classes a child (and the blocks) can tell apart, and the model's name without the override.
  for (const name of NAMES_SHOWN) await expect(classCard(trainer, name)).toBeVisible();
  await expect(trainer.getByLabel(trainerText.modelName, { exact: true })).toHaveValue(MODEL_NAME_SHOWN);
  const menu = await openModelsMenu(trainer);
  await expect(menu.getByRole('menuitemradio')).toHaveAccessibleName(MODEL_NAME_SHOWN);
  expect(await menu.textContent()).not.toMatch(DIRECTION_CONTROLS);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // A file whose name hides ".exe" behind U+202E ("photo‮gpj.exe" looks like "photoexe.jpg") is refused, and the
  // refusal shows its real name, in reading order, followed by the reason.
  await classCard(trainer, 'Rock')
    .getByLabel(trainerText.uploadPictures)
    .setInputFiles({
      name: 'photo\u202Egpj.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ: a program, not a picture'),
    });
  const refusal = classCard(trainer, 'Rock').getByRole('alert').getByRole('listitem');
  await expect(refusal).toHaveCount(1);
  const text = (await refusal.textContent()) ?? '';
  expect(text).not.toMatch(DIRECTION_CONTROLS);
  const shownFile = 'photogpj.exe';
  expect(text.startsWith(`${shownFile}: `), text).toBe(true);
  expect(Object.values(errorsText)).toContain(text.slice(shownFile.length + 2));
  // Drawn left to right: "g" of "gpj", then the colon, then the reason's first letter (reversed, it is the other way).
  const [g, colon, reason] = await Promise.all([5, shownFile.length, shownFile.length + 2].map((index) => characterLeft(refusal, index)));
  expect(g).toBeLessThan(colon);
  expect(colon).toBeLessThan(reason);

  // The blocks' menus: the classes by their repaired names, the model by its name without the override.
  await trainer.getByRole('button', { name: trainerText.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();
  expect(await dropdownItems(page, /confidence\s+of/)).toEqual(NAMES_SHOWN);
  expect(await dropdownItems(page, /use\s+model/)).toEqual([MODEL_NAME_SHOWN]);
});
