// The editor host: the official Scratch editor served offline with Image Model in its extension library,
// our palette button routed to the trainer, and our blocks following the editor's language.
import en from '../locales/en/blocks.json';
import ko from '../locales/ko/blocks.json';
import { catalogues } from '../locales';
import { recognizeProjectSb3, SPRITE_NAME } from '../extension/test-support/recognize-project';
import {
  addImageModelExtension,
  chooseEditorLanguage,
  expect,
  loadProjectFromComputer,
  openEditor,
  openTrainer,
  paletteBlock,
  paletteButton,
  paletteCategory,
  scriptArea,
  test,
} from './support';

test('the editor loads its default project with every request staying on this machine', async ({ page }) => {
  await openEditor(page);
  await expect(page.locator('[class*="sprite-selector-item"]').getByText('Sprite1')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Code' })).toHaveAttribute('aria-selected', 'true');
  // The server's isolation headers (for tfjs's WASM threads) must not break the editor.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('the Image Model tile adds our category, blocks and "Open trainer" button to the palette', async ({ page }) => {
  await openEditor(page);
  await expect(paletteCategory(page, 'Image Model')).toHaveCount(0);

  await page.getByRole('button', { name: 'Add Extension' }).click();
  const tile = page.getByRole('button', { name: /^Image Model/ });
  await expect(tile).toBeVisible();
  await expect(tile).toContainText('Teach the computer to recognize your pictures.');
  // The tile's picture really loaded (a broken image has no natural width).
  const pictureWidths = await tile.locator('img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
  expect(pictureWidths.length).toBe(2);
  for (const width of pictureWidths) expect(width).toBeGreaterThan(0);

  await tile.click();
  await expect(paletteCategory(page, 'Image Model')).toBeVisible();
  await expect(paletteButton(page, en.openTrainer)).toBeVisible();
  for (const words of [en.recognizeImage, en.result, 'confidence of', 'is result']) {
    await expect(paletteBlock(page, words).first()).toBeVisible();
  }
});

test('the palette button opens the trainer dialog', async ({ page }) => {
  await openEditor(page);
  await addImageModelExtension(page);
  const dialog = await openTrainer(page);
  await expect(dialog.getByRole('button', { name: 'Add a class' })).toBeVisible();
});

test('choosing 한국어 in the editor switches our category, button and blocks to Korean', async ({ page }) => {
  expect(ko.categoryName).not.toBe(en.categoryName);
  await openEditor(page);
  await addImageModelExtension(page);

  await chooseEditorLanguage(page, '한국어');
  await expect(paletteCategory(page, ko.categoryName)).toBeVisible();
  await expect(paletteButton(page, ko.openTrainer)).toBeVisible();
  await expect(paletteBlock(page, ko.recognizeImage).first()).toBeVisible();
  await expect(paletteCategory(page, en.categoryName)).toHaveCount(0);

  // The library tile follows as well.
  await page.getByRole('button', { name: '확장 기능 추가하기' }).click();
  await expect(page.getByRole('button', { name: /^이미지 모델/ })).toBeVisible();
});

test("each other language of the product, chosen in the editor's menu, switches our category and blocks to it", async ({ page }) => {
  // Scratch's language menu names (scratch-l10n) and our catalogue for each; 'にほんご' is Scratch's ja-Hira.
  const languages: [string, string][] = [
    ['日本語', 'ja'],
    ['简体中文', 'zh-cn'],
    ['繁體中文', 'zh-tw'],
    ['Español (España)', 'es'],
    ['Français', 'fr'],
    ['Deutsch', 'de'],
    ['Português Brasileiro', 'pt-br'],
    ['Tiếng Việt', 'vi'],
  ];
  for (const [menuName, locale] of languages) {
    const words = catalogues[locale];
    // A fresh page each time: the menus are then in English to find the language menu.
    await openEditor(page);
    await addImageModelExtension(page);
    await chooseEditorLanguage(page, menuName);
    await expect(paletteCategory(page, words['blocks.categoryName']), menuName).toBeVisible();
    await expect(paletteButton(page, words['blocks.openTrainer']), menuName).toBeVisible();
    await expect(paletteBlock(page, words['blocks.recognizeImage']).first(), menuName).toBeVisible();
  }
});

test('loading a project that uses Image Model brings the extension with it', async ({ page }) => {
  await openEditor(page);
  await expect(paletteCategory(page, 'Image Model')).toHaveCount(0);

  await loadProjectFromComputer(page, 'hand-reader.sb3', await recognizeProjectSb3('3'));
  await expect(page.locator('[class*="sprite-selector-item"]').getByText(SPRITE_NAME)).toBeVisible();
  await expect(paletteCategory(page, 'Image Model')).toBeVisible();
  await expect(scriptArea(page).getByText(en.recognizeImage)).toBeVisible();
});
