// The blocks as a child uses them: the real scratch-vm runs a project's scripts against the extension,
// whose model is the real model service on the real engine, trained on shared photos. The popup is the
// real prompt controller (the React view on top of it is tested in the browser); the test answers it.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeProjectJson, SPRITE_NAME, STATUS, VARIABLE_NAMES, type VariableKey } from './test-support/recognize-project';
import { getLocale, setLocale, t } from '../locales';
import { createPicturePrompt, type PicturePrompt } from '../modal-ui/recognize/picture-prompt';
import type { ModelService } from '../model-service';
import { EXTENSION_ID, createImageModelExtension, type ImageModelExtension } from './index';
import {
  captureVmLog,
  createHeadlessVm,
  registerExtension,
  THREAD_PROMISE_WAIT,
  waitFor,
  type ConvertedCategory,
  type HeadlessVm,
} from './test-support/headless-vm';
import { newModelService, photo, startEngine, trainClasses, type EngineFixture } from './test-support/trained-model';

/** Class name -> sign digit of the shared photos it is trained on (10 photos each; 30+ are held out). */
const CLASSES = { zero: 0, one: 1, two: 2 } as const;
const HELD_OUT = 30;

interface Editor {
  readonly vm: HeadlessVm;
  readonly prompt: PicturePrompt;
  readonly extension: ImageModelExtension;
  readonly trainerOpened: () => number;
}

let fixture: EngineFixture;
let trained: ModelService;
const vmLog = captureVmLog();
const editors: Editor[] = [];

/**
 * The editor host's wiring, with the real VM and the real prompt controller. scratch-vm's message dispatch is
 * process-wide (the newest VM answers for all), so each test opens its own editor and the last one is closed.
 */
function openEditor(service: ModelService, options: { closesPopupOnStop: boolean } = { closesPopupOnStop: true }): Editor {
  const vm = createHeadlessVm();
  const prompt = createPicturePrompt();
  let trainerOpened = 0;
  const extension = createImageModelExtension(vm.runtime, {
    recognizer: service,
    ui: {
      openTrainer: () => {
        trainerOpened += 1;
      },
      askForPicture: prompt.ask,
      ...(options.closesPopupOnStop ? { cancelPictureRequests: prompt.cancelAll } : {}),
      reportError: prompt.reportError,
    },
  });
  registerExtension(vm, extension);
  vm.start();
  const editor = { vm, prompt, extension, trainerOpened: () => trainerOpened };
  editors.push(editor);
  return editor;
}

function variable(editor: Editor, key: VariableKey): unknown {
  const stage = editor.vm.runtime.targets.find((target) => target.isStage);
  return stage?.lookupVariableByNameAndType(VARIABLE_NAMES[key], '')?.value;
}

function shownValues(editor: Editor) {
  return {
    result: variable(editor, 'result'),
    confidence: variable(editor, 'confidence'),
    isResult: variable(editor, 'isResult'),
  };
}

/** Loads the example project (menus set to `className`), clicks the green flag and waits for the popup. */
async function runUntilPopup(editor: Editor, className: string): Promise<void> {
  await editor.vm.loadProject(JSON.stringify(recognizeProjectJson(className)));
  editor.vm.greenFlag();
  await waitForPopup(editor);
}

async function waitForPopup(editor: Editor): Promise<void> {
  await waitFor(() => editor.prompt.getState().current !== null, 'the picture popup');
  // The script is paused on the block's promise, not finished or busy-looping.
  await waitFor(() => editor.vm.runtime.threads.some((thread) => thread.status === THREAD_PROMISE_WAIT), 'a paused script');
  assert.equal(variable(editor, 'status'), STATUS.asking);
}

async function scriptFinished(editor: Editor): Promise<void> {
  await waitFor(() => variable(editor, 'status') === STATUS.done && editor.vm.runtime.threads.length === 0, 'the script to finish');
}

before(async () => {
  fixture = await startEngine();
  trained = newModelService(fixture.engine);
  await trainClasses(trained, CLASSES, 10);
});

afterEach(() => {
  for (const editor of editors.splice(0)) {
    editor.extension.dispose();
    editor.vm.quit();
  }
});

after(async () => {
  vmLog.restore();
  await fixture?.close();
});

test('before any recognition: result is empty, confidence 0, is-result false', async () => {
  const editor = openEditor(trained);
  assert.equal(editor.extension.result(), '');
  assert.equal(editor.extension.confidenceOf({ CLASS: 'zero' }), 0);
  assert.equal(editor.extension.isResult({ CLASS: 'zero' }), false);

  await runUntilPopup(editor, 'zero');
  // What the script's first three `set` blocks read before asking.
  assert.deepEqual(shownValues(editor), { result: '', confidence: 0, isResult: false });
  assert.deepEqual(editor.prompt.getState().current, { title: SPRITE_NAME });
  editor.prompt.answer(null);
  await scriptFinished(editor);
});

test("recognising a held-out photo: the reporters give the engine's answer, which is the right class", async () => {
  const editor = openEditor(trained);
  const picture = photo(CLASSES.zero, HELD_OUT);
  const expected = await trained.recognize(picture);
  assert.equal(expected.className, 'zero', 'the model recognises this clear photo of a fist');

  await runUntilPopup(editor, 'zero');
  assert.deepEqual(shownValues(editor), { result: '', confidence: 0, isResult: false }, 'nothing changes while the popup waits');
  editor.prompt.answer(picture);
  await scriptFinished(editor);

  const zero = expected.confidences.find((entry) => entry.name === 'zero')!;
  const shown = shownValues(editor);
  assert.deepEqual(shown, { result: 'zero', confidence: Math.round(zero.confidence * 100), isResult: true });
  assert.ok(Number.isInteger(shown.confidence) && (shown.confidence as number) > 50 && (shown.confidence as number) <= 100);
  // The other classes get their own confidences; together they make about 100.
  const total = expected.confidences.reduce((sum, entry) => sum + editor.extension.confidenceOf({ CLASS: entry.name }), 0);
  assert.ok(Math.abs(total - 100) <= expected.confidences.length, `confidences add up to ${total}`);
  assert.equal(editor.extension.isResult({ CLASS: 'one' }), false);
});

test('another photo: result, confidence of and is-result follow the newest recognition', async () => {
  const editor = openEditor(trained);
  const picture = photo(CLASSES.one, HELD_OUT);
  const expected = await trained.recognize(picture);
  await runUntilPopup(editor, 'one');
  editor.prompt.answer(picture);
  await scriptFinished(editor);
  const one = expected.confidences.find((entry) => entry.name === 'one')!;
  assert.deepEqual(shownValues(editor), {
    result: expected.className,
    confidence: Math.round(one.confidence * 100),
    isResult: expected.className === 'one',
  });
});

test('closing the popup: the script finishes and nothing changes', async () => {
  const editor = openEditor(trained);
  await runUntilPopup(editor, 'zero');
  editor.prompt.answer(photo(CLASSES.zero, HELD_OUT));
  await scriptFinished(editor);
  const recognised = shownValues(editor);
  assert.equal(recognised.result, 'zero');

  editor.vm.greenFlag();
  await waitForPopup(editor);
  editor.prompt.answer(null);
  await scriptFinished(editor);
  assert.deepEqual(shownValues(editor), recognised);
  assert.equal(editor.extension.result(), 'zero');
});

test('the stop sign closes the popup and the stopped script changes nothing', async () => {
  const editor = openEditor(trained);
  await runUntilPopup(editor, 'zero');
  const before = shownValues(editor);
  const second = editor.extension.recognizeImage({}, {});
  await waitFor(() => editor.prompt.getState().waiting === 1, 'a second script waiting');
  editor.vm.stopAll();
  assert.equal(editor.prompt.getState().current, null, 'the popup closed');
  await second;
  await waitFor(() => editor.vm.runtime.threads.length === 0, 'the stopped script');
  assert.equal(variable(editor, 'status'), STATUS.asking, 'the script did not go on');
  assert.deepEqual(shownValues(editor), before);
});

test('a picture given after the stop sign (host without popup closing) changes nothing', async () => {
  const editor = openEditor(trained, { closesPopupOnStop: false });
  await runUntilPopup(editor, 'zero');
  editor.vm.stopAll();
  assert.notEqual(editor.prompt.getState().current, null, 'this host leaves the popup open');
  editor.prompt.answer(photo(CLASSES.zero, HELD_OUT));
  await waitFor(() => editor.vm.runtime.threads.length === 0, 'the stopped script');
  // Give a late recognition every chance to land.
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(editor.extension.result(), '');
  assert.equal(variable(editor, 'status'), STATUS.asking);
});

test('a recognition that fails keeps the previous result and tells the child why', async () => {
  const editor = openEditor(trained);
  await runUntilPopup(editor, 'zero');
  editor.prompt.answer(photo(CLASSES.zero, HELD_OUT));
  await scriptFinished(editor);
  const recognised = shownValues(editor);

  editor.vm.greenFlag();
  await waitForPopup(editor);
  // Not a picture the engine accepts: 4 bytes short of 224x224 RGBA.
  editor.prompt.answer({ width: 224, height: 224, data: new Uint8ClampedArray(224 * 224 * 4 - 4) });
  await scriptFinished(editor);
  assert.deepEqual(shownValues(editor), recognised);
  assert.equal(editor.prompt.getState().error, 'image/invalid');
  editor.prompt.dismissError();
});

test('loading another project forgets the last result', async () => {
  const editor = openEditor(trained);
  await runUntilPopup(editor, 'zero');
  editor.prompt.answer(photo(CLASSES.zero, HELD_OUT));
  await scriptFinished(editor);
  assert.equal(editor.extension.result(), 'zero');
  await editor.vm.loadProject(JSON.stringify(recognizeProjectJson('zero')));
  assert.equal(editor.extension.result(), '');
  assert.equal(editor.extension.confidenceOf({ CLASS: 'zero' }), 0);
});

test('class names typed by hand match whatever their case and spaces; unknown names give 0 and false', async () => {
  const editor = openEditor(trained);
  const picture = photo(CLASSES.zero, HELD_OUT);
  await runUntilPopup(editor, 'zero');
  editor.prompt.answer(picture);
  await scriptFinished(editor);
  const exact = editor.extension.confidenceOf({ CLASS: 'zero' });
  assert.ok(exact > 0);
  assert.equal(editor.extension.confidenceOf({ CLASS: '  ZERO ' }), exact);
  assert.equal(editor.extension.isResult({ CLASS: 'Zero' }), true);
  for (const value of ['three', '', undefined, 0]) {
    assert.equal(editor.extension.confidenceOf({ CLASS: value }), 0, `confidence of ${String(value)}`);
    assert.equal(editor.extension.isResult({ CLASS: value }), false, `is result ${String(value)}`);
  }
});

test('with no trained model: the popup asks for a model, nothing breaks and result stays empty', async () => {
  const untrained = newModelService(fixture.engine);
  await untrained.whenLoaded();
  const editor = openEditor(untrained);
  assert.deepEqual(editor.extension.classMenu(), [{ text: t('blocks.noClassesYet'), value: '' }]);

  await runUntilPopup(editor, 'zero');
  assert.deepEqual(editor.prompt.getState().current, { title: SPRITE_NAME, needsModel: true });
  editor.prompt.answer(null);
  await scriptFinished(editor);
  assert.deepEqual(shownValues(editor), { result: '', confidence: 0, isResult: false });

  // Even a picture (the popup offers none here) is ignored without an error.
  const run = editor.extension.recognizeImage({}, {});
  await waitFor(() => editor.prompt.getState().current !== null, 'the popup');
  editor.prompt.answer(photo(CLASSES.zero, HELD_OUT));
  await run;
  assert.equal(editor.extension.result(), '');
  assert.equal(editor.prompt.getState().error, null);
  assert.equal(editor.trainerOpened(), 0);
});

test('menus follow the model: its classes, a rename, a retrain; the palette refreshes each time', async () => {
  const service = newModelService(fixture.engine);
  await service.whenLoaded();
  const editor = openEditor(service);
  const refreshed: string[] = [];
  editor.vm.on('BLOCKSINFO_UPDATE', (category: { id: string }) => {
    refreshed.push(category.id);
  });
  const paletteXml = () => editor.vm.runtime.getBlocksXML().find((entry) => entry.id === EXTENSION_ID)!.xml;
  const menuValues = () => editor.extension.classMenu().map((item) => item.value);
  assert.deepEqual(menuValues(), ['']);

  await trainClasses(service, { rock: 0, paper: 4 }, 5);
  await waitFor(() => refreshed.length > 0, 'a palette refresh after training');
  assert.deepEqual(menuValues(), ['rock', 'paper']);
  assert.deepEqual(
    editor.extension.classMenu().map((item) => item.text),
    ['rock', 'paper'],
  );
  assert.match(paletteXml(), /<field name="classes">rock<\/field>/, 'the palette blocks default to the first class');

  // Recognise, then rename the recognised class: the renamed menu value still finds its confidence.
  const picture = photo(0, HELD_OUT);
  const run = editor.extension.recognizeImage({}, {});
  await waitFor(() => editor.prompt.getState().current !== null, 'the popup');
  editor.prompt.answer(picture);
  await run;
  const rockConfidence = editor.extension.confidenceOf({ CLASS: 'rock' });
  const rockWon = editor.extension.result() === 'rock';
  const rockId = service.getClasses()[0].id;
  refreshed.length = 0;
  assert.equal(service.renameClass(rockId, 'stone'), null);
  await waitFor(() => refreshed.length > 0, 'a palette refresh after renaming');
  assert.deepEqual(menuValues(), ['stone', 'paper']);
  assert.equal(editor.extension.confidenceOf({ CLASS: 'stone' }), rockConfidence);
  assert.equal(editor.extension.isResult({ CLASS: 'stone' }), rockWon);

  // Deleting the model's classes and training others: the menu lists the new ones only.
  refreshed.length = 0;
  for (const info of service.getState().classes) service.deleteClass(info.id);
  service.dismissUndo();
  await trainClasses(service, { fist: 0, thumb: 1, peace: 2 }, 5);
  await waitFor(() => refreshed.length > 0, 'a palette refresh after retraining');
  assert.deepEqual(menuValues(), ['fist', 'thumb', 'peace']);
  assert.match(paletteXml(), /<field name="classes">fist<\/field>/);
  // The last recognition was of a class the model no longer has.
  assert.equal(editor.extension.confidenceOf({ CLASS: 'fist' }), 0);
  assert.equal(editor.extension.isResult({ CLASS: 'fist' }), false);
});

for (const locale of ['en', 'ko'] as const) {
  test(`getInfo() is valid for Scratch in ${locale}, with and without a model`, async () => {
    const untrained = newModelService(fixture.engine);
    await untrained.whenLoaded();
    const previous = getLocale();
    setLocale(locale);
    try {
      for (const service of [untrained, trained]) {
        const editor = openEditor(service);
        await waitFor(
          () => editor.vm.runtime._blockInfo.some((c) => c.id === EXTENSION_ID && c.name === t('blocks.categoryName')),
          'the refreshed palette',
        );
        assertValidForScratch(editor, locale);
      }
    } finally {
      setLocale(previous);
    }
  });
}

test('a language change redraws the palette in the new language', async () => {
  const editor = openEditor(trained);
  const names: string[] = [];
  editor.vm.on('BLOCKSINFO_UPDATE', (category: { id: string; name: string }) => {
    if (category.id === EXTENSION_ID) names.push(category.name);
  });
  const previous = getLocale();
  setLocale('ko');
  try {
    await waitFor(() => names.includes('이미지 모델'), 'the Korean palette');
  } finally {
    setLocale(previous);
  }
  await waitFor(() => names.at(-1) === 'Image Model', 'the English palette again');
});

/** What scratch-vm and scratch-blocks need from getInfo(), checked on the VM's own conversion of it. */
function assertValidForScratch(editor: Editor, locale: string): void {
  const info = editor.extension.getInfo();
  const category = editor.vm.runtime._blockInfo.find((entry) => entry.id === EXTENSION_ID);
  assert.ok(category, 'the VM registered the category');
  assert.equal(category.name, t('blocks.categoryName', undefined, locale));
  for (const colour of [info.color1, info.color2, info.color3]) assert.match(colour, /^#[0-9a-f]{6}$/i, 'all three colours set');
  for (const uri of [info.menuIconURI, info.blockIconURI]) {
    const svg = decodeURIComponent(uri.replace(/^data:image\/svg\+xml,/, ''));
    assert.match(svg, /^<svg [^>]*width="\d+" height="\d+"[^>]*>.*<\/svg>$/s, 'icons are whole SVG documents');
  }
  assert.equal(category.blocks.length, info.blocks.length, 'the VM converted every block');

  for (const [index, block] of info.blocks.entries()) {
    const converted: ConvertedCategory['blocks'][number] = category.blocks[index];
    assert.ok(block.text.trim().length > 0, `block ${index} has text`);
    if (block.blockType === 'button') {
      assert.doesNotMatch(block.text, /[<>"&]/, 'button text goes into XML unescaped');
      assert.match(converted.xml, new RegExp(`callbackKey="${block.func}"`));
      continue;
    }
    const placeholders = [...block.text.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]).sort();
    assert.deepEqual(placeholders, Object.keys(block.arguments).sort(), `${block.opcode}: [ARGS] in "${block.text}"`);
    const json: Record<string, unknown> = converted.json!;
    assert.equal(json.type, `${EXTENSION_ID}_${block.opcode}`);
    // Every %n in the message is one of its args exactly once (the icon and separator are %1 %2).
    const messageArgs = String(json.message0).match(/%\d+/g) ?? [];
    const args = (json.args0 as unknown[]) ?? [];
    assert.deepEqual([...messageArgs].sort(), args.map((_, i) => `%${i + 1}`).sort(), `${block.opcode}: message0 "${json.message0}"`);
    for (const argument of Object.values(block.arguments)) {
      if (!argument.menu) continue;
      const menu = info.menus[argument.menu];
      assert.ok(menu, `menu ${argument.menu} exists`);
      assert.ok(category.menus.some((entry) => entry.json.type === `${EXTENSION_ID}_menu_${argument.menu}`));
      const items =
        typeof menu.items === 'string'
          ? (editor.extension as unknown as Record<string, () => readonly { text: string; value: string }[]>)[menu.items]()
          : menu.items;
      assert.ok(items.length > 0 && items.every((item) => item.text.length > 0), `menu ${argument.menu} has items`);
    }
  }
  const unexpected = vmLog.errors.filter((message) => !message.includes('Custom button callbacks not supported yet'));
  assert.deepEqual(unexpected, [], 'scratch-vm logged no errors');
}
