// Makes the ready-to-open example projects in examples/ (npx tsx scripts/make-examples.ts): each model is
// trained as the trainer does it (the real model service on the real engine in Node, with the shared MobileNet
// weights), shrunk to 8-bit numbers as the Lab's "Shrink it" does, and saved into the .sb3 the way the editor
// saves (exportForProject, then project-file/'s writer), beside Scratch blocks that use it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { decodeJpeg, signDigitPhotos } from '../engine/test-support/shared-data';
import type { EngineApi, RgbaImage } from '../engine';
import {
  EXAMPLES_DIR,
  FINGER_COUNTER,
  FIRST_HELD_OUT_PHOTO,
  PICTURES_PER_CLASS,
  ROCK_PAPER_SCISSORS,
  WHAT_DID_I_DRAW,
  type SignClass,
} from '../examples/examples';
import { newModelService, startEngine } from '../extension/test-support/trained-model';
import type { NewPicture } from '../model-service';
import { addStorageToProjectJson, planProjectModels, type ProjectModels } from '../project-file';
import { fingerCounterProject, rockPaperScissorsProject, whatDidIDrawProject } from './examples/example-projects';
import { emptyViews } from '../examples/test-support/empty-views';
import { drawings, SHAPES } from './examples/pen-drawings';
import { sb3, type BuiltProject } from './examples/scratch-project';

const CHECK_DRAWINGS_PER_SHAPE = 15;
/** Empty views from the held-out photos (30-39) that check the "nothing" class. */
const CHECK_EMPTY_VIEWS = 10;
/** The pictures that travel in the project are re-encoded this much smaller; the model learns from the originals. */
const JPEG_QUALITY = 70;
/** The finger counter's confidence threshold, as a fraction. */
const SURE = 0.8;

interface ClassPictures {
  readonly name: string;
  readonly training: readonly NewPicture[];
  /** Pictures the model never learns from, to tell how well it does. */
  readonly check: readonly RgbaImage[];
}

function picture(image: RgbaImage): NewPicture {
  const encoded = jpeg.encode({ width: image.width, height: image.height, data: Buffer.from(image.data) }, JPEG_QUALITY);
  return { image, encoded: new Blob([new Uint8Array(encoded.data)], { type: 'image/jpeg' }), mimeType: 'image/jpeg' };
}

function signClasses(classes: readonly SignClass[]): ClassPictures[] {
  return classes.map(({ name, digit }) => {
    if (digit === null) {
      return { name, training: emptyViews(0, PICTURES_PER_CLASS).map(picture), check: emptyViews(FIRST_HELD_OUT_PHOTO, CHECK_EMPTY_VIEWS) };
    }
    const photos = signDigitPhotos(digit);
    return {
      name,
      training: photos.slice(0, PICTURES_PER_CLASS).map((file) => picture(decodeJpeg(file))),
      check: photos.slice(FIRST_HELD_OUT_PHOTO).map(decodeJpeg),
    };
  });
}

function shapeClasses(): ClassPictures[] {
  return SHAPES.map((shape, index) => ({
    name: shape,
    training: drawings(shape, PICTURES_PER_CLASS, 100 + index).map(picture),
    check: drawings(shape, CHECK_DRAWINGS_PER_SHAPE, 200 + index),
  }));
}

/**
 * Trains one model as a child would in the trainer, keeps its 8-bit copy, and returns what a save with
 * "Include my pictures" ticked writes.
 */
async function trainModel(engine: EngineApi, modelName: string, classes: readonly ClassPictures[]): Promise<ProjectModels> {
  const service = newModelService(engine);
  await service.whenLoaded();
  if (service.renameModel(modelName)) throw new Error(`cannot name the model ${modelName}`);
  for (const { name, training } of classes) await service.addPictures(service.addClass(name), training);
  await service.train();
  if (!service.hasTrainedModel() || service.getState().problem) throw new Error(`${modelName}: training failed`);
  const shrink = await service.shrinkModel();
  if (!(await service.keepShrunkModel(shrink))) throw new Error(`${modelName}: the shrunk model was not kept`);

  const lines: string[] = [];
  for (const { name, check } of classes) {
    let [right, sure] = [0, 0];
    for (const image of check) {
      const answer = await service.recognize(image);
      if (answer.className !== name) continue;
      right += 1;
      if (Math.max(...answer.confidences.map((each) => each.confidence)) >= SURE) sure += 1;
    }
    lines.push(`${name} ${right}/${check.length} (${sure} at least ${SURE * 100}% sure)`);
  }
  console.log(`${modelName}: pictures it never learnt from, recognised: ${lines.join(', ')}`);
  await service.whenSaved();
  service.setIncludePictures(true);
  return service.exportForProject();
}

async function writeExample(file: string, project: BuiltProject, models: ProjectModels): Promise<void> {
  const plan = planProjectModels(models);
  addStorageToProjectJson(project.projectJson, plan.storage);
  const bytes = await sb3(project, plan.entries);
  writeFileSync(path.join(EXAMPLES_DIR, file), bytes);
  console.log(`wrote examples/${file} (${Math.round(bytes.length / 1024)} KB)`);
}

async function main(): Promise<void> {
  const { engine, close } = await startEngine();
  try {
    await writeExample(
      ROCK_PAPER_SCISSORS.file,
      rockPaperScissorsProject(),
      await trainModel(engine, ROCK_PAPER_SCISSORS.modelName, signClasses(ROCK_PAPER_SCISSORS.classes)),
    );
    await writeExample(
      FINGER_COUNTER.file,
      fingerCounterProject(),
      await trainModel(engine, FINGER_COUNTER.modelName, signClasses(FINGER_COUNTER.classes)),
    );
    await writeExample(WHAT_DID_I_DRAW.file, whatDidIDrawProject(), await trainModel(engine, WHAT_DID_I_DRAW.modelName, shapeClasses()));
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
