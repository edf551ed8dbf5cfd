// The palette button on the real scratch-vm 15.1.1: the VM puts our callback key into the palette's XML without
// logging that it does not support it (it logged on every palette refresh), and other keys are left to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureVmLog, createHeadlessVm, type ConvertedCategory } from '../../extension/test-support/headless-vm';
import { routeFlyoutButton } from './flyout-button';
import type { ScratchVm } from './scratch-vm';

const vmLog = captureVmLog();
test.after(() => vmLog.restore());

const extensionWithButtons = (id: string, ...funcs: string[]) => ({
  getInfo: () => ({ id, name: id, blocks: funcs.map((func) => ({ blockType: 'button', text: `Open ${func}`, func })) }),
});

test('our button reaches the palette with its own key and text, and the VM logs no error', () => {
  const vm = createHeadlessVm();
  try {
    routeFlyoutButton(vm as unknown as ScratchVm, 'DEMO_OPEN', () => {});
    vmLog.errors.length = 0;
    vm.extensionManager._registerInternalExtension(extensionWithButtons('demo', 'DEMO_OPEN', 'MAKE_A_LIST', 'SOMEONE_ELSES'));
    const category = (vm.runtime._blockInfo as readonly ConvertedCategory[]).find((each) => each.id === 'demo')!;
    assert.deepEqual(
      category.blocks.map((block) => block.xml),
      [
        '<button text="Open DEMO_OPEN" callbackKey="DEMO_OPEN"></button>',
        '<button text="Open MAKE_A_LIST" callbackKey="MAKE_A_LIST"></button>',
        '<button text="Open SOMEONE_ELSES" callbackKey="SOMEONE_ELSES"></button>',
      ],
    );
    assert.deepEqual(
      category.blocks.map((block) => block.info.func),
      ['DEMO_OPEN', 'MAKE_A_LIST', 'SOMEONE_ELSES'],
    );
    // Only the key nobody routed is still reported, as before.
    assert.deepEqual(vmLog.errors, ['Custom button callbacks not supported yet: SOMEONE_ELSES']);
  } finally {
    vm.quit();
  }
});
