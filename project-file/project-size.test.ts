// What our models add to a .sb3, measured on real models (the real engine, 3 classes x 30 shared sign-digit
// photos), and that a model read back from the .sb3 predicts exactly as before. Prints the figures for the README.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { createEngine } from '../engine/runtime';
import { INPUT_SIZE, type ClassInfo, type Embedding, type EngineApi, type HeadKind, type RgbaImage, type SerializedModel } from '../engine';
import { startModelServer, type ModelServer } from '../engine/test-support/model-server';
import { settingsWith } from '../engine/test-support/settings';
import { decodeJpeg, signDigitPhotos } from '../engine/test-support/shared-data';
import { readModelsFromProject } from './read-models';
import { openSb3, sb3Bytes, vanillaProjectJson } from './test-support/projects';
import type { ProjectModel, ProjectPicture } from './types';
import { writeModelsIntoProject } from './write-models';
import JSZip from 'jszip';

const PER_CLASS = 30;
const CLASSES: ClassInfo[] = [0, 1, 2].map((digit) => ({ id: `digit${digit}`, name: `${digit} fingers` }));
const MB = 1024 * 1024;

let server: ModelServer;
let engine: EngineApi;
let training: { classIndex: number; embedding: Embedding; pictureId: string; image: RgbaImage }[];
let heldOut: Embedding[];

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }] });
  training = [];
  heldOut = [];
  for (const [classIndex] of CLASSES.entries()) {
    const images = signDigitPhotos(classIndex).map(decodeJpeg);
    const embeddings = await engine.embed(images);
    images
      .slice(0, PER_CLASS)
      .forEach((image, i) => training.push({ classIndex, embedding: embeddings[i], pictureId: `p${classIndex}x${i}`, image }));
    heldOut.push(...embeddings.slice(PER_CLASS));
  }
});

after(() => server.close());

/** The trainer's stored picture: the 224x224 square as JPEG (quality 0.9, as its canvas encodes it). */
function squareJpeg(image: RgbaImage): Uint8Array {
  const rgba = tf.tidy(() => {
    const pixels = tf.tensor3d(Uint8Array.from(image.data), [image.height, image.width, 4], 'int32');
    return tf.image.resizeBilinear(pixels.toFloat(), [INPUT_SIZE, INPUT_SIZE]).round().clipByValue(0, 255).dataSync();
  });
  const encoded = jpeg.encode({ width: INPUT_SIZE, height: INPUT_SIZE, data: Buffer.from(Uint8Array.from(rgba)) }, 90);
  return new Uint8Array(encoded.data);
}

async function train(method: HeadKind): Promise<SerializedModel> {
  return engine.train({
    modelName: method,
    classes: CLASSES,
    examples: training,
    settings: settingsWith({ kind: method }),
    seed: 3,
  });
}

function projectModel(id: string, trained: SerializedModel, pictures: ProjectPicture[]): ProjectModel {
  return { id, name: trained.metadata.name, classes: CLASSES, settings: trained.metadata.settings, trained, pictures };
}

async function projectBytes(models: ProjectModel[], includePictures: boolean): Promise<Uint8Array> {
  const projectJson = vanillaProjectJson();
  const entries = new JSZip();
  writeModelsIntoProject(projectJson, entries, { models, activeModelId: models[0]?.id ?? null, includePictures });
  const files = Object.values(entries.files).filter((file) => !file.dir);
  const contents = await Promise.all(files.map((file) => file.async('uint8array')));
  return sb3Bytes(projectJson, (zip) => files.forEach((file, i) => zip.file(file.name, contents[i])));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

test('a 3-class model trained on 30 pictures per class adds at most 1 MB without pictures, and predicts the same after the trip', async () => {
  const pictures = training.map(({ pictureId, classIndex, image }) => ({
    id: pictureId,
    classId: CLASSES[classIndex].id,
    encoded: squareJpeg(image),
    mimeType: 'image/jpeg' as const,
  }));
  const empty = (await projectBytes([], false)).length;
  const rows: string[] = [];
  for (const method of ['knn', 'dense'] as const) {
    const trained = await train(method);
    const model = projectModel(`model${method}`, trained, pictures);
    const withoutPictures = (await projectBytes([model], false)).length - empty;
    const saved = await projectBytes([model], true);
    const withPictures = saved.length - empty;
    rows.push(
      `${method.padEnd(5)} weights ${kb(trained.weights.byteLength)} raw; adds ${kb(withoutPictures)} to the .sb3 without pictures, ${kb(withPictures)} with ${pictures.length} pictures`,
    );
    assert.ok(withoutPictures <= MB, `${method}: ${withoutPictures} bytes`);

    const { projectJson, zip } = await openSb3(saved);
    const loaded = await readModelsFromProject(projectJson, zip);
    const [entry] = loaded.models;
    assert.equal(entry.status, 'ok');
    if (entry.status !== 'ok') return;
    assert.equal(entry.model.pictures.length, PER_CLASS * CLASSES.length);
    await engine.loadModel('original', trained);
    await engine.loadModel('from-sb3', entry.model.trained!);
    assert.deepEqual(await engine.predictEmbeddings('from-sb3', heldOut), await engine.predictEmbeddings('original', heldOut));
  }
  console.log(`Size of the project's models (3 classes x ${PER_CLASS} pictures; empty project ${kb(empty)}):\n  ${rows.join('\n  ')}`);
});
