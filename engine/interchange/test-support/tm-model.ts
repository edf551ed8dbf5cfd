// Node-only: a model saved exactly as Teachable Machine saves an image model (its no-top MobileNetV2 cut at
// out_relu + pooling, then TM's head), built with tfjs from the shared weights. The interchange test imports it
// in Node; the sharing e2e test imports it through the trainer. Never imported by browser code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import JSZip from 'jszip';
import { NO_TOP_OUTPUT_LAYER } from '../../base-model';
import { imagesToTensor } from '../../preprocess';
import { NO_TOP_FOLDER, sharedModelsDir } from '../../test-support/shared-data';
import type { LabelledEmbedding, RgbaImage } from '../../types';
import type { ImportFile } from '../import-model';

export interface ModelFolder {
  readonly json: { modelTopology: unknown; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  readonly weights: ArrayBuffer;
}

/** One of the shared model folders (model.json + weights.bin), as read from disk. */
export function modelFolder(folder: string): ModelFolder {
  const dir = path.join(sharedModelsDir(), folder);
  const weights = readFileSync(path.join(dir, 'weights.bin'));
  return { json: JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')), weights: new Uint8Array(weights).buffer };
}

export interface TeachableMachineModel {
  /** model.json, weights.bin and metadata.json, as TM's "Download my model" gives them. */
  readonly files: ImportFile[];
  /** What TM's library answers: one softmax row per picture, in `labels` order. */
  predict(images: readonly RgbaImage[]): Promise<number[][]>;
}

/**
 * Trains TM's head (dense 100 relu, then softmax without bias) on `training` (our engine's embeddings, whose
 * classIndex points into `labels`) and saves backbone + head as one layers model, as TM does.
 */
export async function teachableMachineModel({
  modelName,
  labels,
  training,
}: {
  readonly modelName: string;
  readonly labels: readonly string[];
  readonly training: readonly LabelledEmbedding[];
}): Promise<TeachableMachineModel> {
  const noTop = modelFolder(NO_TOP_FOLDER);
  const mobilenet = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: noTop.json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: noTop.json.weightsManifest[0].weights,
      weightData: noTop.weights,
    }),
  );
  const truncated = tf.model({ inputs: mobilenet.inputs, outputs: mobilenet.getLayer(NO_TOP_OUTPUT_LAYER).output });
  const base = tf.sequential();
  base.add(truncated);
  base.add(tf.layers.globalAveragePooling2d({}));
  const init = tf.initializers.varianceScaling({ seed: 3.14 });
  const head = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [1280], units: 100, activation: 'relu', kernelInitializer: init, useBias: true }),
      tf.layers.dense({ units: labels.length, activation: 'softmax', kernelInitializer: init, useBias: false }),
    ],
  });
  head.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const xs = tf.tensor2d(
    training.flatMap((example) => [...example.embedding]),
    [training.length, 1280],
  );
  const ys = tf.oneHot(
    tf.tensor1d(
      training.map((example) => example.classIndex),
      'int32',
    ),
    labels.length,
  );
  await head.fit(xs, ys, { epochs: 30, batchSize: 16, verbose: 0 });
  tf.dispose([xs, ys]);
  const joint = tf.sequential();
  joint.add(base);
  joint.add(head);
  let saved: tf.io.ModelArtifacts | undefined;
  await joint.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const files: ImportFile[] = [
    {
      name: 'model.json',
      bytes: encode({
        modelTopology: saved!.modelTopology,
        format: 'layers-model',
        generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
        convertedBy: null,
        weightsManifest: [{ paths: ['./weights.bin'], weights: saved!.weightSpecs }],
      }),
    },
    { name: 'weights.bin', bytes: new Uint8Array(saved!.weightData as ArrayBuffer) },
    {
      name: 'metadata.json',
      bytes: encode({
        tfjsVersion: '1.3.1',
        tmVersion: '2.4.7',
        packageVersion: '0.8.4',
        packageName: '@teachablemachine/image',
        timeStamp: '2023-04-01T10:00:00.000Z',
        userMetadata: {},
        modelName,
        labels,
        imageSize: 224,
      }),
    },
  ];
  const predict = async (images: readonly RgbaImage[]) => {
    const rows: number[][] = [];
    for (const image of images) {
      const output = tf.tidy(() => joint.predict(imagesToTensor([image])) as tf.Tensor2D);
      rows.push(...(await output.array()));
      output.dispose();
    }
    return rows;
  };
  return { files, predict };
}

/** The three files zipped in a folder, as a teacher would keep a downloaded TM model. */
export async function teachableMachineZip(files: readonly ImportFile[]): Promise<Uint8Array> {
  const zip = new JSZip();
  files.forEach((file) => zip.file(`my_model/${file.name}`, file.bytes));
  return zip.generateAsync({ type: 'uint8array' });
}

/** Index of the largest value of a softmax row. */
export const topClass = (row: readonly number[]): number => row.indexOf(Math.max(...row));
