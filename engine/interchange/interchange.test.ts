// Export to Teachable Machine's layout and import back, with the real engine, the real backbone and real photos:
// our export round-trips exactly; its model.json loads with tfjs as TM's library loads it and answers like our
// engine; a model saved in TM's own layout (built here as TM builds it) imports and predicts; bad files say why.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import { createEngine } from '../engine';
import type { EngineApi } from '../engine-api';
import { imagesToTensor } from '../preprocess';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { settingsWith } from '../test-support/settings';
import { BACKBONE_FOLDER, decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import type { ClassInfo, Embedding, HeadKind, LabelledEmbedding, Prediction, RgbaImage, SerializedModel } from '../types';
import { exportModelFiles, exportModelZip, type BackboneArtifacts, type ExportedFile } from './export-model';
import { isImportError, type ImportProblem } from './import-errors';
import { importModelFiles, type ImportFile } from './import-model';
import { TEST_IMPORT_NAMES } from './test-support/import-names';
import { modelFolder, teachableMachineModel, teachableMachineZip, topClass, type TeachableMachineModel } from './test-support/tm-model';

const CLASSES: ClassInfo[] = [0, 1, 2].map((digit) => ({ id: `d${digit}`, name: `${digit} fingers` }));
const TRAIN_PER_CLASS = 10;

let server: ModelServer;
let engine: EngineApi;
let backbone: BackboneArtifacts;
let training: LabelledEmbedding[];
let heldOut: { image: RgbaImage; embedding: Embedding; classIndex: number }[];
const trained = new Map<HeadKind, SerializedModel>();

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }] });
  const { json, weights } = modelFolder(BACKBONE_FOLDER);
  backbone = { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights };
  training = [];
  heldOut = [];
  for (const [classIndex] of CLASSES.entries()) {
    // Every 4th photo held out: enough to compare answers, few enough to keep the tfjs layers runs short.
    const images = signDigitPhotos(classIndex).map(decodeJpeg);
    const embeddings = await engine.embed(images);
    images.forEach((image, i) => {
      if (i < TRAIN_PER_CLASS) training.push({ classIndex, embedding: embeddings[i] });
      else if (i % 4 === 0) heldOut.push({ image, embedding: embeddings[i], classIndex });
    });
  }
  for (const method of ['knn', 'dense'] as const) {
    trained.set(
      method,
      await engine.train({
        modelName: `hands ${method}`,
        classes: CLASSES,
        examples: training,
        settings: settingsWith({ kind: method }),
        seed: 7,
      }),
    );
  }
});

after(() => server.close());

async function predictionsOf(model: SerializedModel, key: string): Promise<Prediction[]> {
  await engine.loadModel(key, model);
  return engine.predictEmbeddings(
    key,
    heldOut.map((photo) => photo.embedding),
  );
}

/** What TM's library does with model.json: tf.loadLayersModel, then predict on the [-1, 1] picture tensor. */
async function predictWithLayersModel(files: readonly ImportFile[]): Promise<number[][]> {
  const byName = (name: string) => files.find((file) => file.name === name)!.bytes;
  const modelJson = JSON.parse(new TextDecoder().decode(byName('model.json')));
  const weights = byName('weights.bin');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group: { weights: tf.io.WeightsManifestEntry[] }) => group.weights),
      weightData: weights.slice().buffer,
    }),
  );
  try {
    const rows: number[][] = [];
    for (const { image } of heldOut) {
      const output = tf.tidy(() => {
        const input = imagesToTensor([image]);
        return model.predict(input) as tf.Tensor2D;
      });
      rows.push(...(await output.array()));
      output.dispose();
    }
    return rows;
  } finally {
    model.dispose();
  }
}

const withoutExact = (files: readonly ExportedFile[]) => files.filter((file) => file.name !== 'image-model.bin');

test('export -> import of the zip gives the identical model and predictions (KNN and dense)', async () => {
  for (const method of ['knn', 'dense'] as const) {
    const original = trained.get(method)!;
    const zip = await exportModelZip(original, backbone);
    const entries = Object.keys((await JSZip.loadAsync(zip)).files).sort();
    assert.deepEqual(entries, ['image-model.bin', 'metadata.json', 'model.json', 'weights.bin']);
    const { model: imported } = await importModelFiles([{ name: 'hands.zip', bytes: zip }], TEST_IMPORT_NAMES);
    assert.deepEqual(imported.metadata, original.metadata);
    assert.deepEqual(await predictionsOf(imported, `imported-${method}`), await predictionsOf(original, `original-${method}`));
  }
});

test("a dense export read through Teachable Machine's files alone (no image-model.bin) predicts identically", async () => {
  const original = trained.get('dense')!;
  const files = withoutExact(await exportModelFiles(original, backbone));
  const { model: imported } = await importModelFiles(files, TEST_IMPORT_NAMES);
  assert.deepEqual(
    imported.metadata.classes.map((info) => info.name),
    CLASSES.map((info) => info.name),
  );
  assert.deepEqual(await predictionsOf(imported, 'tm-route'), await predictionsOf(original, 'original-dense'));
});

test("the exported model.json loads as a tfjs layers model (as TM's library loads it) and answers like our engine", async () => {
  const metadata = JSON.parse(
    new TextDecoder().decode((await exportModelFiles(trained.get('dense')!, backbone)).find((f) => f.name === 'metadata.json')!.bytes),
  );
  assert.deepEqual(
    metadata.labels,
    CLASSES.map((info) => info.name),
  );
  for (const method of ['dense', 'knn'] as const) {
    const rows = await predictWithLayersModel(await exportModelFiles(trained.get(method)!, backbone));
    const ours = await predictionsOf(trained.get(method)!, `compare-${method}`);
    assert.equal(rows.length, heldOut.length);
    rows.forEach((row) => assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4, 'softmax rows'));
    const agree = rows.filter((row, i) => topClass(row) === ours[i].classIndex).length;
    const correct = rows.filter((row, i) => topClass(row) === heldOut[i].classIndex).length;
    console.log(`${method}: exported model.json agrees with our engine on ${agree}/${rows.length} held-out photos; right on ${correct}`);
    if (method === 'dense') {
      // The same network: only the backbone's arithmetic differs (ours folds batch normalisation).
      assert.equal(agree, rows.length);
      rows.forEach((row, i) =>
        row.forEach((value, c) => assert.ok(Math.abs(value - ours[i].confidences[c]) < 1e-3, `photo ${i} class ${c}`)),
      );
    } else {
      // Nearest class average stands in for KNN in TM's library: it must mostly answer as the KNN does.
      assert.ok(agree >= rows.length * 0.8, `${agree}/${rows.length}`);
    }
  }
});

let tmModel: TeachableMachineModel | undefined;
const tm = async () =>
  (tmModel ??= await teachableMachineModel({ modelName: 'tm-hands', labels: CLASSES.map((info) => info.name), training }));

test("a Teachable Machine image model (files or zip) imports, and our engine answers as TM's model does", async () => {
  const { files, predict } = await tm();
  const zipped = await teachableMachineZip(files);
  const tmRows = await predict(heldOut.map((photo) => photo.image));
  for (const [label, input] of [
    ['files', files],
    ['zip', [{ name: 'tm.zip', bytes: zipped }]],
  ] as const) {
    const { model: imported } = await importModelFiles(input, TEST_IMPORT_NAMES);
    assert.equal(imported.metadata.name, 'tm-hands');
    assert.deepEqual(
      imported.metadata.classes.map((info) => info.name),
      CLASSES.map((info) => info.name),
    );
    const ours = await predictionsOf(imported, `tm-${label}`);
    ours.forEach((prediction, i) => {
      assert.equal(prediction.classIndex, topClass(tmRows[i]), `${label}: photo ${i}`);
      prediction.confidences.forEach((value, c) => assert.ok(Math.abs(value - tmRows[i][c]) < 1e-3, `${label}: photo ${i} class ${c}`));
    });
  }
});

async function rejects(files: readonly ImportFile[], problem: ImportProblem, label: string): Promise<void> {
  await assert.rejects(
    importModelFiles(files, TEST_IMPORT_NAMES),
    (error) => {
      assert.ok(isImportError(error), `${label}: ${String(error)}`);
      assert.equal(error.problem, problem, `${label}: ${error.message}`);
      return true;
    },
    label,
  );
}

test('files that are not a usable model are refused, each with its own reason', async () => {
  const { files } = await tm();
  const file = (name: string) => files.find((f) => f.name === name)!;
  const photo = { name: 'hand.jpg', bytes: new Uint8Array(readFileSync(signDigitPhotos(0)[0])) };
  await rejects([photo], 'not-a-model', 'a photo');
  await rejects([{ name: 'empty.json', bytes: new Uint8Array() }], 'not-a-model', 'an empty file');
  const project = new JSZip();
  project.file('project.json', '{"targets":[]}');
  await rejects([{ name: 'game.sb3', bytes: await project.generateAsync({ type: 'uint8array' }) }], 'not-a-model', 'a Scratch project');
  await rejects([file('model.json'), file('metadata.json')], 'missing-part', 'weights missing');
  await rejects([file('model.json'), file('weights.bin')], 'missing-part', 'metadata missing');
  await rejects([file('metadata.json'), file('weights.bin')], 'missing-part', 'model.json missing');
  await rejects(
    [file('model.json'), { name: 'weights.bin', bytes: file('weights.bin').bytes.slice(0, 5000) }, file('metadata.json')],
    'damaged',
    'truncated weights',
  );
  const otherBackbone = file('weights.bin').bytes.slice();
  new Float32Array(otherBackbone.buffer)[10] += 0.5; // the first convolution: a backbone that is not ours
  await rejects(
    [file('model.json'), { name: 'weights.bin', bytes: otherBackbone }, file('metadata.json')],
    'other-base-model',
    'another backbone',
  );
  const twoLabels = new TextEncoder().encode(JSON.stringify({ labels: ['a', 'b'] }));
  await rejects(
    [file('model.json'), file('weights.bin'), { name: 'metadata.json', bytes: twoLabels }],
    'damaged',
    'labels do not match outputs',
  );
  const modelJson = JSON.parse(new TextDecoder().decode(file('model.json').bytes));
  modelJson.modelTopology.config.layers.pop(); // no head: e.g. a pose or feature model
  await rejects(
    [{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) }, file('weights.bin'), file('metadata.json')],
    'unsupported-model',
    'no classifier head',
  );
  // TM's weights.bin holds the backbone's trainable weights, then the head, then the rest: find the head's first number.
  const backboneNames = new Set(modelFolder(BACKBONE_FOLDER).json.weightsManifest[0].weights.map((entry) => entry.name));
  const manifest: tf.io.WeightsManifestEntry[] = modelJson.weightsManifest[0].weights;
  const headStart = manifest
    .slice(
      0,
      manifest.findIndex((entry) => !backboneNames.has(entry.name)),
    )
    .reduce((sum, entry) => sum + entry.shape.reduce((a, b) => a * b, 1), 0);
  const nanHead = file('weights.bin').bytes.slice();
  new Float32Array(nanHead.buffer)[headStart + 5] = Number.NaN;
  await rejects([file('model.json'), { name: 'weights.bin', bytes: nanHead }, file('metadata.json')], 'damaged', 'NaN in the head');
});
