// Ways to Image Model that a small screen cannot hide. At 1024x600 the editor's "Add Extension" button (bottom
// left) is cut off; the menu bar's "Image Model" entry and the address ?extension=image-model work at any size.
import { expect, openEditor, openTrainer, paletteButton, paletteCategory, test } from './support';
import { menuBarEntry, watchConsoleProblems } from './support/editor';
import type { Locator } from '@playwright/test';

const SCREENS = [
  { name: 'a 1024x600 netbook', width: 1024, height: 600 },
  { name: 'a 768x1024 tablet in portrait', width: 768, height: 1024 },
];

async function closeTrainer(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

for (const screen of SCREENS) {
  test.describe(`on ${screen.name}`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height } });

    test('the menu bar\'s "Image Model" opens the trainer, adding the extension; Close returns to the editor', async ({ page }) => {
      const problems = watchConsoleProblems(page);
      await openEditor(page);
      await expect(paletteCategory(page, 'Image Model')).toHaveCount(0);
      const entry = menuBarEntry(page);
      await expect(entry).toBeInViewport({ ratio: 1 });

      await entry.click();
      const dialog = page.getByRole('dialog', { name: 'Image Model trainer' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Add a class' })).toBeVisible();
      await closeTrainer(dialog);

      // Back in the editor, with Image Model's blocks in the palette; the entry opens the trainer again.
      await expect(paletteCategory(page, 'Image Model')).toBeVisible();
      await expect(paletteButton(page, 'Open trainer')).toBeVisible();
      await entry.click();
      await closeTrainer(dialog);
      await expect(entry).toBeInViewport({ ratio: 1 });
      expect(problems).toEqual([]);
    });

    test('the address ?extension=image-model opens the editor with Image Model in the palette', async ({ page }) => {
      const problems = watchConsoleProblems(page);
      await openEditor(page, '/?extension=image-model');
      await paletteCategory(page, 'Image Model').click();
      await closeTrainer(await openTrainer(page));
      await expect(paletteCategory(page, 'Image Model')).toBeVisible();
      expect(problems).toEqual([]);
    });
  });
}
