// The editor's language change on the real scratch-vm 15.1.1 with the real extension: one refresh of the blocks,
// already in the new language (the extension's own redraw request is folded into the VM's refresh).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createImageModelExtension, EXTENSION_ID } from '../../extension';
import { captureVmLog, createHeadlessVm, registerExtension, waitFor } from '../../extension/test-support/headless-vm';
import { getLocale, setLocale } from '../../locales';
import en from '../../locales/en/blocks.json';
import ko from '../../locales/ko/blocks.json';
import { followEditorLanguage } from './follow-editor-language';
import type { ScratchVm } from './scratch-vm';

const vmLog = captureVmLog();
const startLocale = getLocale();
afterEach(() => setLocale(startLocale));
test.after(() => vmLog.restore());

const noModel = {
  getClasses: () => [],
  hasTrainedModel: () => false,
  activeModelId: () => 'none',
  recognize: () => Promise.reject(new Error('no model')),
  onChange: () => () => {},
};

/** A VM whose language the editor host follows, with the real extension registered on it. */
function editorWithExtension() {
  const vm = createHeadlessVm();
  followEditorLanguage(vm as unknown as ScratchVm);
  const extension = createImageModelExtension(vm.runtime, {
    recognizer: noModel,
    ui: { openTrainer: () => {}, askForPicture: async () => null },
  });
  registerExtension(vm, extension);
  return {
    vm,
    setEditorLocale: (locale: string) => (vm as unknown as ScratchVm).setLocale(locale, {}),
    close: () => {
      extension.dispose();
      vm.quit();
    },
  };
}

test('a language change refreshes our blocks once, in the new language, and our catalogue follows', async () => {
  const editor = editorWithExtension();
  try {
    const names: string[] = [];
    editor.vm.on('BLOCKSINFO_UPDATE', (category: { id: string; name: string }) => {
      if (category.id === EXTENSION_ID) names.push(category.name);
    });
    // Whatever the extension's start asked for is over before the language changes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    names.length = 0;

    await editor.setEditorLocale('ko');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(getLocale(), 'ko');
    assert.deepEqual(names, [ko.categoryName]);

    await editor.setEditorLocale('en');
    await waitFor(() => names.length === 2, 'the English refresh');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(names, [ko.categoryName, en.categoryName]);
  } finally {
    editor.close();
  }
});

test("the extension still redraws its palette when the catalogue changes outside the editor's language menu", () => {
  const editor = editorWithExtension();
  try {
    let requests = 0;
    const request = editor.vm.runtime.requestToolboxExtensionsUpdate.bind(editor.vm.runtime);
    editor.vm.runtime.requestToolboxExtensionsUpdate = () => {
      requests += 1;
      request();
    };
    setLocale(getLocale() === 'ja' ? 'ko' : 'ja');
    assert.equal(requests, 1);
  } finally {
    editor.close();
  }
});
