// The editor's console stays clean while a child opens a project and changes language: each extension's blocks
// are defined again for the new words without Blockly's "Block definition … overwrites previous definition"
// (dozens per change before), and nothing logs an error. Pen is in the project too: the fix sits in the editor's
// code area, so Scratch's own extensions are quiet as well.
import en from '../locales/en/blocks.json';
import { catalogues } from '../locales';
import { recognizeProjectSb3 } from '../extension/test-support/recognize-project';
import {
  addImageModelExtension,
  chooseEditorLanguage,
  expect,
  loadProjectFromComputer,
  openEditor,
  paletteBlock,
  paletteButton,
  paletteCategory,
  scriptArea,
  test,
} from './support';
import { menuBarEntry, watchConsoleProblems } from './support/editor';
import type { Page } from '@playwright/test';

/** What a child sees of Image Model in `locale`: the category, its button, a block in the palette and in the script. */
async function expectImageModelIn(page: Page, locale: string): Promise<void> {
  const words = catalogues[locale];
  await expect(paletteCategory(page, words['blocks.categoryName']), locale).toBeVisible();
  await expect(paletteButton(page, words['blocks.openTrainer']), locale).toBeVisible();
  await expect(paletteBlock(page, words['blocks.recognizeImage']).first(), locale).toBeVisible();
  await expect(scriptArea(page).getByText(words['blocks.recognizeImage']), locale).toBeVisible();
  await expect(menuBarEntry(page, words['editor.menuBarEntry']), locale).toBeVisible();
}

test('a project with Image Model, two language changes: the blocks follow and the console stays clean', async ({ page }) => {
  const problems = watchConsoleProblems(page);
  await openEditor(page);
  await page.getByRole('button', { name: 'Add Extension' }).click();
  await page.getByRole('button', { name: /^Pen/ }).click();
  await expect(paletteCategory(page, 'Pen')).toBeVisible();
  await addImageModelExtension(page);
  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3('3'));
  await expect(scriptArea(page).getByText(en.recognizeImage)).toBeVisible();

  await chooseEditorLanguage(page, '한국어');
  await expectImageModelIn(page, 'ko');
  await expect(paletteCategory(page, en.categoryName)).toHaveCount(0);

  await chooseEditorLanguage(page, '日本語', '언어');
  await expectImageModelIn(page, 'ja');
  await expect(paletteCategory(page, catalogues.ko['blocks.categoryName'])).toHaveCount(0);

  expect(problems, 'console errors and block redefinition warnings').toEqual([]);
});
