// The example projects' scripts play on the real scratch-vm with Image Model, using the model each .sb3
// carries (read by project-file/ and opened by a real model service on the real engine, as the editor does):
// rock, paper, scissors names the hand in a photo and the winner by the rules; the finger counter adds what the
// camera shows once, then what the pictures asked for with the space key show, and a fist starts again; with no
// hand in view it sees "nothing", which neither counts nor starts again.
// ("What did I draw?" needs the stage's renderer: e2e/examples.spec.ts plays it in the browser.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, test } from 'node:test';
import JSZip from 'jszip';
import { decodeJpeg, signDigitPhotos } from '../engine/test-support/shared-data';
import type { RgbaImage } from '../engine';
import { createImageModelExtension, type ImageModelExtension } from '../extension';
import {
  captureVmLog,
  createHeadlessVm,
  createStorage,
  registerExtension,
  waitFor,
  type HeadlessVm,
} from '../extension/test-support/headless-vm';
import { PhotoCamera } from '../extension/test-support/photo-camera';
import { newModelService, startEngine, type EngineFixture } from '../extension/test-support/trained-model';
import { readModelsFromProject } from '../project-file';
import { emptyViews } from './test-support/empty-views';
import { EXAMPLE_FILES, FINGER_COUNTER, FIRST_HELD_OUT_PHOTO, ROCK_PAPER_SCISSORS } from './examples';

type Digit = 0 | 1 | 2 | 3 | 4;

interface Playing {
  readonly vm: HeadlessVm;
  readonly extension: ImageModelExtension;
  /** Pictures the `recognize picture` popup answers with, in order. */
  readonly pictures: RgbaImage[];
  readonly camera: PhotoCamera;
}

let fixture: EngineFixture;
// Keeps scratch-vm's complaints about the palette's trainer button (it has no button support) out of the output.
const vmLog = captureVmLog();
const playing: Playing[] = [];

/** A held-out photo the model never learnt from (index 1: as e2e/examples.spec.ts uses, one it is sure about). */
const heldOut = (digit: Digit, index = 1) => decodeJpeg(signDigitPhotos(digit)[FIRST_HELD_OUT_PHOTO + index]);

async function play(file: string, cameraShows: RgbaImage): Promise<Playing> {
  const bytes = readFileSync(EXAMPLE_FILES.find((example) => example.file === file)!.path);
  const zip = await JSZip.loadAsync(bytes);
  const service = newModelService(fixture.engine);
  await service.replaceFromProject(await readModelsFromProject(JSON.parse(await zip.file('project.json')!.async('string')), zip), {
    usesBlocks: true,
  });
  const pictures: RgbaImage[] = [];
  const vm = createHeadlessVm();
  vm.attachStorage(createStorage());
  const extension = createImageModelExtension(vm.runtime, {
    recognizer: service,
    models: service,
    ui: { openTrainer: () => {}, askForPicture: async () => pictures.shift() ?? null },
  });
  registerExtension(vm, extension);
  const camera = new PhotoCamera(cameraShows);
  vm.runtime.ioDevices.video.setProvider(camera);
  vm.start();
  await vm.loadProject(bytes);
  const game = { vm, extension, pictures, camera };
  playing.push(game);
  return game;
}

function variable(game: Playing, name: string): string {
  return String(game.vm.runtime.targets.find((target) => target.isStage)?.lookupVariableByNameAndType(name, '')?.value ?? '');
}

/** Presses and releases a key as the editor passes it to the VM. */
function pressKey(game: Playing, key: string): void {
  const keyboard = game.vm.runtime.ioDevices as unknown as { keyboard: { postData(data: object): void } };
  keyboard.keyboard.postData({ key, isDown: true });
  keyboard.keyboard.postData({ key, isDown: false });
}

before(async () => {
  fixture = await startEngine();
});

afterEach(() => {
  for (const game of playing.splice(0)) {
    game.extension.dispose();
    game.vm.quit();
  }
});

after(async () => {
  vmLog.restore();
  await fixture?.close();
});

test('rock, paper, scissors: the photo\'s hand becomes "you", the computer picks, and the winner follows the rules', async () => {
  const { you, computer, winner, yourScore, myScore } = ROCK_PAPER_SCISSORS.variables;
  const beats: Record<string, string> = { rock: 'scissors', paper: 'rock', scissors: 'paper' };
  for (const hand of ROCK_PAPER_SCISSORS.classes) {
    const game = await play(ROCK_PAPER_SCISSORS.file, heldOut(0));
    game.pictures.push(heldOut(hand.digit));
    game.vm.greenFlag();
    await waitFor(() => variable(game, winner) !== '', `the winner of ${hand.name}`);
    assert.equal(variable(game, you), hand.name);
    const picked = variable(game, computer);
    assert.ok(picked in beats, `the computer picked ${picked}`);
    const expected = picked === hand.name ? 'tie' : beats[hand.name] === picked ? 'you' : 'computer';
    assert.equal(variable(game, winner), ROCK_PAPER_SCISSORS.winnerText[expected]);
    assert.deepEqual(
      [variable(game, yourScore), variable(game, myScore)],
      [expected === 'you' ? '1' : '0', expected === 'computer' ? '1' : '0'],
    );
  }
});

test("finger counter: the camera's three adds 3 once; pictures asked with space add on; a fist starts again", async () => {
  const { total, seen } = FINGER_COUNTER.variables;
  const game = await play(FINGER_COUNTER.file, heldOut(3));
  game.vm.greenFlag();
  await waitFor(() => variable(game, total) === '3', "the camera's three counted");
  assert.equal(variable(game, seen), '3');
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(variable(game, total), '3', 'the same sign held up adds nothing more');

  game.vm.stopAll();
  let expected = 3;
  for (const digit of [2, 4, 1, 0] as const) {
    expected = digit === 0 ? 0 : expected + digit;
    game.pictures.push(heldOut(digit));
    pressKey(game, ' ');
    await waitFor(() => variable(game, seen) === String(digit), `the picture of ${digit} seen`);
    await waitFor(() => variable(game, total) === String(expected), `the total ${expected}`);
  }
});

test('finger counter: an empty view is "nothing", which adds nothing and starts nothing again; the same sign then counts again', async () => {
  const { total, seen } = FINGER_COUNTER.variables;
  // An empty view made from photos the model never learnt from.
  const [emptyView] = emptyViews(FIRST_HELD_OUT_PHOTO + 2, 1);
  const game = await play(FINGER_COUNTER.file, emptyView);
  game.vm.greenFlag();
  await waitFor(() => variable(game, seen) === FINGER_COUNTER.nothing, 'the empty view seen as nothing');
  assert.equal(variable(game, total), '0');
  game.camera.show(heldOut(3));
  await waitFor(() => variable(game, total) === '3', 'the three counted');
  game.camera.show(emptyView);
  await waitFor(() => variable(game, seen) === FINGER_COUNTER.nothing, 'the hand taken away');
  assert.equal(variable(game, total), '3', 'no hand neither counts nor starts again');
  game.camera.show(heldOut(3));
  await waitFor(() => variable(game, total) === '6', 'the same sign shown again after no hand counts again');
});
