// What the code area is about to define again, read from the category the real scratch-vm 15.1.1 emits with
// BLOCKSINFO_UPDATE when it refreshes an extension (as on a language change).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureVmLog, createHeadlessVm } from '../../extension/test-support/headless-vm';
import { definedBlockTypes, forgetExtensionBlocks, type RefreshedCategory } from './forget-extension-blocks';

const vmLog = captureVmLog();
test.after(() => vmLog.restore());

/** An extension with a block, a menu, a button and a separator, as getInfo() declares them. */
const demo = {
  getInfo: () => ({
    id: 'demo',
    name: 'Demo',
    blocks: [
      {
        opcode: 'sayColour',
        blockType: 'command',
        text: 'say [COLOUR]',
        arguments: { COLOUR: { type: 'string', menu: 'colours', defaultValue: 'red' } },
      },
      '---',
      { blockType: 'button', text: 'Open', func: 'MAKE_A_VARIABLE' },
      { opcode: 'colour', blockType: 'reporter', text: 'colour' },
    ],
    menus: { colours: { items: ['red', 'blue'] } },
  }),
};

async function refreshedCategory(): Promise<RefreshedCategory> {
  const vm = createHeadlessVm() as ReturnType<typeof createHeadlessVm> & {
    extensionManager: { refreshBlocks(): Promise<unknown> };
    runtime: { once(event: 'BLOCKSINFO_UPDATE', listener: (category: RefreshedCategory) => void): void };
  };
  vm.extensionManager._loadedExtensions.set('demo', vm.extensionManager._registerInternalExtension(demo));
  try {
    const refreshed = new Promise<RefreshedCategory>((resolve) => vm.runtime.once('BLOCKSINFO_UPDATE', resolve));
    await vm.extensionManager.refreshBlocks();
    return await refreshed;
  } finally {
    vm.quit();
  }
}

test('a refreshed category names each block and menu it defines, not its button or separator', async () => {
  assert.deepEqual(definedBlockTypes(await refreshedCategory()).sort(), ['demo_colour', 'demo_menu_colours', 'demo_sayColour']);
});

test("forgetting removes exactly those definitions: other extensions' and Scratch's own stay", async () => {
  const blocks: Record<string, unknown> = {
    demo_sayColour: {},
    demo_menu_colours: {},
    demo_colour: {},
    pen_clear: {},
    motion_movesteps: {},
  };
  forgetExtensionBlocks(blocks, await refreshedCategory());
  assert.deepEqual(Object.keys(blocks), ['pen_clear', 'motion_movesteps']);
});

test('custom field types are forgotten too; entries without JSON are skipped', () => {
  const blocks: Record<string, unknown> = { demo_field: {}, demo_keep: {} };
  forgetExtensionBlocks(blocks, {
    customFieldTypes: { field: { scratchBlocksDefinition: { json: { type: 'demo_field' } } } },
    blocks: [{ json: null }, {}],
  });
  assert.deepEqual(Object.keys(blocks), ['demo_keep']);
});
