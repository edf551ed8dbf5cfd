// Driving the Scratch editor the way a child does: by what is on screen (roles, names, visible text).
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { DATABASE_NAME } from '../../store/model-store';

/** Opens the editor and waits until its default project is loaded and the palette is ready. */
export async function openEditor(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await waitForEditor(page);
}

/** Waits until the editor (after a navigation or reload) shows its palette and the sprite list. */
export async function waitForEditor(page: Page): Promise<void> {
  // By its class, not its (translated) label: the editor may start in any language.
  await expect(page.locator('[class*="extension-button"]').first()).toBeVisible({ timeout: 90_000 });
  await expect(blockPalette(page).getByRole('treeitem').first()).toBeVisible();
  // The GUI's loading screen covers the editor until the project (and its extensions) are in.
  await expect(page.locator('[class*="loader_background"]')).toHaveCount(0, { timeout: 90_000 });
}

/** The category menu on the left of the code area (a tree of categories). */
export function blockPalette(page: Page): Locator {
  return page.locator('.blocklyToolbox');
}

/** The category "Image Model" (or its name in the editor's language) in the palette's category menu. */
export function paletteCategory(page: Page, name: string | RegExp): Locator {
  return blockPalette(page).getByRole('treeitem', { name });
}

/** A button in the palette's flyout, e.g. "Make a Variable" or our "Open trainer". */
export function paletteButton(page: Page, text: string): Locator {
  return page.locator('.blocklyFlyout .blocklyFlyoutButton').filter({ hasText: text });
}

/** A block in the palette, by the words on it. */
export function paletteBlock(page: Page, text: string | RegExp): Locator {
  return page.locator('.blocklyFlyout .blocklyDraggable').filter({ hasText: text });
}

/** The blocks in the code area (the child's scripts), not those of the palette. */
export function scriptArea(page: Page): Locator {
  return page.locator('svg.blocklySvg > .blocklyWorkspace > .blocklyBlockCanvas');
}

/** Opens a palette block's dropdown and returns its items' texts, then closes it by choosing what it shows. */
export async function dropdownItems(page: Page, block: RegExp): Promise<string[]> {
  await paletteBlock(page, block).first().locator('.blocklyDropdownField').click();
  const dropdown = page.locator('.blocklyDropDownDiv');
  const items = dropdown.getByRole('option');
  await expect(items.first()).toBeVisible();
  const texts = (await items.allTextContents()).map((text) => text.trim());
  await dropdown.getByRole('option', { selected: true }).click();
  await expect(items).toHaveCount(0);
  return texts;
}

/** Adds Image Model from the "Add Extension" library and waits for its category in the palette. */
export async function addImageModelExtension(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add Extension' }).click();
  await page.getByRole('button', { name: /^Image Model/ }).click();
  await expect(paletteCategory(page, 'Image Model')).toBeVisible();
  await expect(paletteButton(page, 'Open trainer')).toBeVisible();
}

/** Opens the trainer from the palette button; returns the dialog. */
export async function openTrainer(page: Page): Promise<Locator> {
  await paletteButton(page, 'Open trainer').click();
  const dialog = page.getByRole('dialog', { name: 'Image Model trainer' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Switches the editor's language from its Settings menu, e.g. to '한국어'. `languageItem` is the menu's
 * "Language" item in the editor's current language (e.g. '언어' once it is in Korean).
 */
export async function chooseEditorLanguage(page: Page, language: string, languageItem = 'Language'): Promise<void> {
  await page.getByRole('button', { name: 'Settings menu' }).click();
  await page.getByRole('button', { name: languageItem }).click();
  await page.getByRole('listitem', { name: 'Language menu' }).getByText(language, { exact: true }).click();
}

/** File > Load from your computer, answering the file picker with `contents`. */
export async function loadProjectFromComputer(page: Page, fileName: string, contents: Buffer): Promise<void> {
  // The editor asks before replacing a changed project; a child would say yes.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'File menu' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Load from your computer', { exact: true }).click();
  await (await chooser).setFiles({ name: fileName, mimeType: 'application/x.scratch.sb3', buffer: contents });
  await waitForEditor(page);
}

/** File > Save to your computer; returns the .sb3 the browser downloaded. */
export async function saveToComputer(page: Page): Promise<Buffer> {
  await page.getByRole('button', { name: 'File menu' }).click();
  const download = page.waitForEvent('download');
  await page.getByText('Save to your computer', { exact: true }).click();
  return readFile(await (await download).path());
}

/** Deletes this site's IndexedDB (the child's models and the cached backbone) and reloads the editor. */
export async function clearStorageAndReload(page: Page): Promise<void> {
  // The deletion waits for this page's open connections, which the reload closes.
  await page.evaluate(async () => {
    for (const { name } of await indexedDB.databases()) if (name) indexedDB.deleteDatabase(name);
  });
  await page.reload();
  await waitForEditor(page);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  expect(names).not.toContain(DATABASE_NAME);
}

/** Our "Image Model" entry in the editor's menu bar (or its name in the editor's language). */
export function menuBarEntry(page: Page, name = 'Image Model'): Locator {
  return page.getByRole('banner').getByRole('button', { name, exact: true });
}

/**
 * Collects what the page's console reports that a clean editor never prints: errors (also scratch-vm's own log
 * lines at level ERROR, printed through console.log) and Blockly's "… overwrites previous definition" warnings.
 */
export function watchConsoleProblems(page: Page): readonly string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    const scratchError = /%cERROR%c/.test(text);
    if (message.type() === 'error' || scratchError || text.includes('overwrites previous definition')) {
      problems.push(`${message.type()}: ${text.replaceAll('%c', '')}`);
    }
  });
  return problems;
}
