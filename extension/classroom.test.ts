// Classroom mode as a child's project uses it, on the real scratch-vm and the real engine trained on shared
// photos: live recognition from the VM's video device (here filming a shared photo), the edge-triggered hat,
// the confidence threshold, the stop sign, and recognising the sprite's own costume.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import type { RgbaImage } from '../engine';
import type { ModelService } from '../model-service';
import type { RecognizerApi } from '../model-service/types';
import { createImageModelExtension, type ImageModelExtension } from './index';
import { captureVmLog, createHeadlessVm, createStorage, registerExtension, waitFor, type HeadlessVm } from './test-support/headless-vm';
import { CLASSROOM_VARIABLES, classroomProjectSb3, PHOTO_SPRITE, type FlagScript } from './test-support/classroom-project';
import { PhotoCamera } from './test-support/photo-camera';
import { newModelService, photo, startEngine, trainClasses, type EngineFixture } from './test-support/trained-model';
import { signDigitPhotos } from '../engine/test-support/shared-data';
import { grabSquareFrame } from './video/square-frame';

const CLASSES = { zero: 0, one: 1, two: 2 } as const;
/** Photos from here on are never trained on. */
const HELD_OUT = 30;

interface Classroom {
  readonly vm: HeadlessVm;
  readonly extension: ImageModelExtension;
  readonly camera: PhotoCamera;
  /** Frames and pictures sent to the engine so far. */
  readonly recognitions: () => number;
  /** Most recognitions ever waiting for the engine at the same time. */
  readonly mostAtOnce: () => number;
  readonly errors: string[];
}

let fixture: EngineFixture;
let service: ModelService;
const vmLog = captureVmLog();
const open: Classroom[] = [];

/** Costume files in Node: the same JPEG decoder the engine's tests use (the browser uses an <img>). */
async function decodeJpegCostume(bytes: Uint8Array, dataFormat: string): Promise<RgbaImage> {
  assert.equal(dataFormat, 'jpg');
  const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}

async function openClassroom(flagScript: FlagScript, hatClass: string, photoFile: string): Promise<Classroom> {
  let recognitions = 0;
  let waiting = 0;
  let mostAtOnce = 0;
  const errors: string[] = [];
  const counting: RecognizerApi = {
    getClasses: () => service.getClasses(),
    hasTrainedModel: () => service.hasTrainedModel(),
    activeModelId: () => service.activeModelId(),
    onChange: (listener) => service.onChange(listener),
    recognize: async (image) => {
      recognitions += 1;
      waiting += 1;
      mostAtOnce = Math.max(mostAtOnce, waiting);
      try {
        return await service.recognize(image);
      } finally {
        waiting -= 1;
      }
    },
  };
  const vm = createHeadlessVm();
  vm.attachStorage(createStorage());
  const extension = createImageModelExtension(
    vm.runtime,
    {
      recognizer: counting,
      ui: {
        openTrainer: () => {},
        askForPicture: async () => null,
        reportError: (code) => {
          errors.push(code);
        },
      },
    },
    { decodeCostume: decodeJpegCostume },
  );
  registerExtension(vm, extension);
  const camera = new PhotoCamera(jpegImage(photoFile));
  vm.runtime.ioDevices.video.setProvider(camera);
  vm.start();
  await vm.loadProject(await classroomProjectSb3(hatClass, flagScript, readFileSync(photoFile)));
  const classroom = { vm, extension, camera, recognitions: () => recognitions, mostAtOnce: () => mostAtOnce, errors };
  open.push(classroom);
  return classroom;
}

function jpegImage(file: string): RgbaImage {
  const { width, height, data } = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}

function variable(classroom: Classroom, name: string): unknown {
  return classroom.vm.runtime.targets.find((target) => target.isStage)?.lookupVariableByNameAndType(name, '')?.value;
}

const hatCount = (classroom: Classroom) => Number(variable(classroom, CLASSROOM_VARIABLES.hatCount));

/** Waits until `count` more pictures went to the engine and came back. */
async function moreRecognitions(classroom: Classroom, count: number): Promise<void> {
  const target = classroom.recognitions() + count;
  await waitFor(() => classroom.recognitions() >= target, `${count} more recognitions`);
  // The last one's answer lands and the VM checks the hats at least once more.
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** What live recognition answers for a photo: the frame the camera gives, recognised by the real service. */
async function liveAnswer(file: string) {
  const camera = new PhotoCamera(jpegImage(file));
  await camera.enableVideo();
  const video = {
    provider: camera,
    videoReady: true,
    getFrame: (request: object) =>
      camera.getFrame({ dimensions: [299, 224], mirror: false, format: 'image-data', cacheTimeout: 0, ...request }),
  };
  const frame = grabSquareFrame(video as never);
  assert.ok(frame);
  return service.recognize(frame);
}

before(async () => {
  fixture = await startEngine();
  service = newModelService(fixture.engine);
  await trainClasses(service, CLASSES, 10);
});

afterEach(() => {
  for (const classroom of open.splice(0)) {
    classroom.extension.dispose();
    classroom.vm.quit();
  }
});

after(async () => {
  vmLog.restore();
  await fixture?.close();
});

test('the hat fires once when the camera starts showing its class, not on every frame, and again after another class', async () => {
  const fist = signDigitPhotos(CLASSES.zero)[HELD_OUT];
  const finger = signDigitPhotos(CLASSES.one)[HELD_OUT];
  assert.equal((await liveAnswer(fist)).className, 'zero');
  assert.equal((await liveAnswer(finger)).className, 'one');
  const classroom = await openClassroom('video', 'zero', fist);
  const tensorsBefore = (await fixture.engine.memory()).numTensors;

  classroom.vm.greenFlag();
  // As fast as the engine answers: frames must still wait for the previous answer.
  classroom.extension.recognizeVideo({ INTERVAL: 0 });
  await moreRecognitions(classroom, 6);
  assert.equal(hatCount(classroom), 1, 'six frames of the same class start the script once');
  assert.equal(variable(classroom, CLASSROOM_VARIABLES.result), 'zero');

  classroom.camera.show(photo(CLASSES.one, HELD_OUT));
  await waitFor(() => classroom.extension.result() === 'one', 'the other class');
  await moreRecognitions(classroom, 3);
  assert.equal(hatCount(classroom), 1, 'another class does not start it');

  classroom.camera.show(photo(CLASSES.zero, HELD_OUT));
  await waitFor(() => classroom.extension.result() === 'zero', 'the class again');
  await moreRecognitions(classroom, 3);
  assert.equal(hatCount(classroom), 2, 'the class coming back starts it once more');

  classroom.extension.stopRecognizingVideo();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal((await fixture.engine.memory()).numTensors, tensorsBefore, 'no tensor left behind by live recognition');
  assert.equal(classroom.mostAtOnce(), 1, 'a frame is only sent once the previous answer is in');
  assert.deepEqual(classroom.errors, []);
});

test('the hat waits for the confidence threshold', async () => {
  // A held-out photo the model gets right but is not completely sure of.
  let chosen: { file: string; className: string; percent: number } | undefined;
  for (const [className, digit] of Object.entries(CLASSES)) {
    for (const file of signDigitPhotos(digit).slice(HELD_OUT)) {
      const answer = await liveAnswer(file);
      const percent = Math.round(answer.confidences.find((entry) => entry.name === className)!.confidence * 100);
      if (answer.className === className && percent > 50 && percent < 100) chosen = { file, className, percent };
      if (chosen) break;
    }
    if (chosen) break;
  }
  assert.ok(chosen, 'some held-out photo is recognised with less than 100%');

  const classroom = await openClassroom('video', chosen.className, chosen.file);
  classroom.vm.greenFlag();
  classroom.extension.setConfidenceThreshold({ THRESHOLD: chosen.percent + 1 });
  await moreRecognitions(classroom, 5);
  assert.equal(classroom.extension.result(), chosen.className);
  assert.equal(classroom.extension.confidenceOf({ CLASS: chosen.className }), chosen.percent);
  assert.equal(hatCount(classroom), 0, `${chosen.percent}% is below a threshold of ${chosen.percent + 1}%`);

  classroom.extension.setConfidenceThreshold({ THRESHOLD: chosen.percent });
  await moreRecognitions(classroom, 3);
  assert.equal(hatCount(classroom), 1, `${chosen.percent}% reaches a threshold of ${chosen.percent}%`);
});

test('the stop sign, turning video off and `stop recognizing video` each stop live recognition', async () => {
  const classroom = await openClassroom('video', 'zero', signDigitPhotos(CLASSES.zero)[HELD_OUT]);
  const stoppers: Record<string, () => void> = {
    'the stop sign': () => classroom.vm.stopAll(),
    'turn video off': () => classroom.extension.videoToggle({ VIDEO_STATE: 'off' }),
    'stop recognizing video': () => classroom.extension.stopRecognizingVideo(),
  };
  for (const [name, stop] of Object.entries(stoppers)) {
    classroom.vm.greenFlag();
    await moreRecognitions(classroom, 2);
    stop();
    const sent = classroom.recognitions();
    const frames = classroom.camera.framesTaken;
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(classroom.recognitions(), sent, `no picture goes to the engine after ${name}`);
    assert.equal(classroom.camera.framesTaken, frames, `no frame is taken after ${name}`);
    assert.equal(classroom.camera.videoReady, name !== 'turn video off', `the camera after ${name}`);
  }
});

test("recognize [this costume] on a costume made from a shared photo gives that photo's class", async () => {
  for (const [className, digit] of Object.entries(CLASSES)) {
    const file = signDigitPhotos(digit)[HELD_OUT + 1];
    const expected = await service.recognize(jpegImage(file));
    assert.equal(expected.className, className, `the model knows this photo of ${className}`);

    const classroom = await openClassroom('costume', className, file);
    const sprite = classroom.vm.runtime.getSpriteTargetByName(PHOTO_SPRITE)!;
    assert.equal(sprite.getCostumes()[sprite.currentCostume].dataFormat, 'jpg');
    classroom.vm.greenFlag();
    await waitFor(() => variable(classroom, CLASSROOM_VARIABLES.result) === className, `the result ${className}`);
    assert.equal(
      classroom.extension.confidenceOf({ CLASS: className }),
      Math.round(expected.confidences.find((c) => c.name === className)!.confidence * 100),
    );
    await waitFor(() => hatCount(classroom) === 1, 'the hat, which any recognition can start');
    assert.equal(classroom.recognitions(), 1);
  }
});

test('opening another project turns the camera off and stops live recognition, as video sensing does', async () => {
  const classroom = await openClassroom('video', 'zero', signDigitPhotos(CLASSES.zero)[HELD_OUT]);
  classroom.vm.greenFlag();
  await moreRecognitions(classroom, 2);
  assert.equal(classroom.camera.videoReady, true);

  // A project that never turned its video on (its stage saved no video state).
  await classroom.vm.loadProject(await classroomProjectSb3('zero', 'costume', readFileSync(signDigitPhotos(CLASSES.zero)[HELD_OUT])));
  const sent = classroom.recognitions();
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(classroom.camera.videoReady, false, 'the camera is off');
  assert.equal(classroom.recognitions(), sent, 'no picture goes to the engine after the new project opened');
});
