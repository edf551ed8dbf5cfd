// "Build the network" in the real editor: the Lab's block workspace shows the model's layer stack between the
// fixed MobileNet and answer blocks; 0 units is explained and keeps Train off; a dropout block dragged from the
// palette changes the numbers to learn; training uses the blocks, and the stack is still there after a reload.
import type { Locator, Page } from '@playwright/test';
import lab from '../locales/en/lab.json';
import text from '../locales/en/trainer.json';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test, waitForEditor } from './support';
import { nameNextClass } from './support/trainer-page';

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

const PHOTOS_PER_CLASS = 6;
/** Parameters of the default stack (dense 100 relu) for 2 classes: 1280*100+100 + 100*2+2. */
const DEFAULT_COUNT = '128,302';
/** Dense 16 relu, then dropout, for 2 classes: 1280*16+16 + 16*2+2. */
const BUILT_COUNT = '20,530';

async function addClassWithPhotos(page: Page, trainer: Locator, name: string, digit: 0 | 3): Promise<void> {
  await nameNextClass(trainer, name);
  const card = trainer.getByRole('region', { name, exact: true });
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: text.uploadPictures }).click();
  await (await chooser).setFiles(signDigitPhotos(digit).slice(0, PHOTOS_PER_CLASS));
  await expect(card.getByText(fill(text.pictureCountOther, { count: PHOTOS_PER_CLASS }))).toBeVisible();
}

/** Opens the Lab's "Build the network" page and waits for its blocks. */
async function openNetworkPage(trainer: Locator): Promise<{ panel: Locator; workspace: Locator }> {
  const tabs = trainer.getByRole('tablist', { name: lab.tabs });
  if ((await tabs.count()) === 0) await trainer.getByRole('button', { name: lab.open }).click();
  await tabs.getByRole('tab', { name: lab['tab.network'] }).click();
  const panel = trainer.getByRole('region', { name: lab['head.heading'] });
  const workspace = panel.getByRole('application', { name: lab['head.workspace'] });
  await expect(workspace.getByText(lab['head.block.features'])).toBeVisible({ timeout: 60_000 });
  return { panel, workspace };
}

/**
 * A block in the workspace (not the palette) by the words on it. Blockly nests each block inside the one above it,
 * so the last match in document order is the innermost: the block itself.
 */
function layerBlock(workspace: Locator, words: string): Locator {
  return workspace
    .locator('svg.blocklySvg > g.blocklyWorkspace > g.blocklyBlockCanvas g.blocklyDraggable')
    .filter({ hasText: words })
    .last();
}

/** Types a number into a block's number field, as a child does: click it, type, Enter. */
async function typeInto(page: Page, field: Locator, value: string): Promise<void> {
  await field.click();
  const input = page.locator('.blocklyWidgetDiv input.blocklyHtmlInput');
  await expect(input).toBeVisible();
  await input.fill(value);
  await input.press('Enter');
}

/** Drags `from` with the mouse so its top-left corner lands just under `below`'s left edge. */
async function dragUnder(page: Page, from: Locator, below: Locator): Promise<void> {
  const start = await from.boundingBox();
  const target = await below.boundingBox();
  if (!start || !target) throw new Error('blocks are not on screen');
  await page.mouse.move(start.x + 8, start.y + 8);
  await page.mouse.down();
  const end = { x: target.x + 8, y: target.y + target.height + 8 };
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(start.x + 8 + ((end.x - start.x - 8) * step) / 10, start.y + 8 + ((end.y - start.y - 8) * step) / 10);
  }
  await page.mouse.up();
}

test('the child builds the network from blocks: a problem keeps Train off, a dropout block trains and stays after a reload', async ({
  page,
}) => {
  // The block library is a chunk of its own, fetched only when the page opens.
  const headChunks: string[] = [];
  page.on('request', (request) => {
    if (/\/head-blocks\.[0-9a-f]+\.js$/.test(request.url())) headChunks.push(request.url());
  });
  await openEditor(page);
  await addImageModelExtension(page);
  let trainer = await openTrainer(page);
  await addClassWithPhotos(page, trainer, 'zero', 0);
  await addClassWithPhotos(page, trainer, 'three', 3);
  expect(headChunks).toEqual([]);

  let { panel, workspace } = await openNetworkPage(trainer);
  expect(headChunks).toHaveLength(1);
  // The fixed ends and the default stack: one dense layer of 100 units.
  await expect(workspace.getByText(lab['head.block.answer'])).toBeVisible();
  await expect(panel.getByText(fill(lab['head.parameters'], { count: DEFAULT_COUNT }))).toBeVisible();
  await expect(panel.getByText(lab['head.ready'])).toBeVisible();
  const trainHere = panel.getByRole('button', { name: lab['head.train'] });
  await expect(trainHere).toBeEnabled();

  // 0 units: explained in plain words, and Train is off here and in the trainer, with the reason.
  const dense = layerBlock(workspace, 'dense layer');
  await typeInto(page, dense.getByText('100', { exact: true }), '0');
  const zeroUnits = fill(lab['head.problemAt'], {
    where: fill(lab['head.where.block'], { number: 1 }),
    problem: lab['head.problem.units-too-few'],
  });
  await expect(panel.getByText(zeroUnits)).toBeVisible();
  await expect(dense).toHaveClass(/imh-bad-block/);
  await expect(trainHere).toBeDisabled();
  await expect(panel.getByText(lab['head.trainOff'])).toBeVisible();
  await expect(trainer.getByRole('button', { name: text.train, exact: true })).toBeDisabled();
  await expect(trainer.getByText(fill(lab['head.fixFirst'], { problem: lab['head.problem.units-too-few'] }))).toBeVisible();

  // Fixed: 16 units, then a dropout block from the palette goes under it.
  await typeInto(page, dense.getByText('0', { exact: true }), '16');
  await expect(panel.getByText(zeroUnits)).toHaveCount(0);
  await expect(dense).not.toHaveClass(/imh-bad-block/);
  const paletteDropout = workspace.locator('.blocklyFlyout .blocklyDraggable').filter({ hasText: 'dropout' });
  await dragUnder(page, paletteDropout, dense);
  await expect(layerBlock(workspace, 'dropout')).toBeVisible();
  await expect(panel.getByText(fill(lab['head.parameters'], { count: BUILT_COUNT }))).toBeVisible();
  await expect(panel.getByText(lab['head.unused'])).toHaveCount(0);

  // Training uses the blocks: the trained model learnt exactly the numbers the blocks said.
  await expect(trainHere).toBeEnabled();
  await trainHere.click();
  await expect(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByText(fill(lab['head.trainedParameters'], { count: BUILT_COUNT }))).toBeVisible();

  // Closing the page disposes the blocks; the editor's own workspace still takes keys without errors.
  await trainer.getByRole('tab', { name: lab['tab.log'] }).click();
  await expect(panel).toHaveCount(0);
  await trainer.getByRole('button', { name: text.close, exact: true }).first().click();
  await expect(trainer).toBeHidden();
  await page
    .locator('svg.blocklySvg .blocklyMainBackground')
    .first()
    .click({ position: { x: 600, y: 300 } });
  for (const key of ['Delete', 'Control+z', 'Control+c', 'Control+v', 'Escape']) await page.keyboard.press(key);

  // The stack is saved with the model.
  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  ({ panel, workspace } = await openNetworkPage(trainer));
  await expect(layerBlock(workspace, 'dropout')).toBeVisible();
  await expect(layerBlock(workspace, 'dense layer').getByText('16', { exact: true })).toBeVisible();
  await expect(panel.getByText(fill(lab['head.parameters'], { count: BUILT_COUNT }))).toBeVisible();
  await expect(panel.getByText(fill(lab['head.trainedParameters'], { count: BUILT_COUNT }))).toBeVisible();
});
