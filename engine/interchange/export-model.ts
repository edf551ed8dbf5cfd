// A model -> Teachable Machine's image-model files (see teachable-machine-layout.ts), so a teacher can keep it or
// load it with TM's own library. TM's model.json is the whole network (picture in, confidences out), so the
// export joins the backbone's topology and weights with our head, which each head kind gives as the plain layers
// TM's library runs (`portableLayers` in engine/heads/<kind>-kind.ts: a dense head exactly, a KNN head as an
// approximation); our exact model file rides along for re-import.
// Plain JSON composition, no tfjs: the main thread can export without loading the engine.
import JSZip from 'jszip';
import { BASE_MODEL } from '../base-model';
import { sha256Hex } from '../backbone/sha256';
import { EngineError } from '../errors';
import { HEAD_KIND_SPECS, portableLayersOf } from '../heads/kinds';
import { encodeModel, readModel } from '../model-format/model-format';
import { EMBEDDING_SIZE, INPUT_SIZE, type HeadDescription, type HeadLayerSpec, type SerializedModel } from '../types';
import {
  FILE_NAMES,
  HEAD_MODEL_NAME,
  headLayerName,
  type LayerJson,
  type ManifestEntry,
  type TeachableMachineMetadata,
} from './teachable-machine-layout';

/** The backbone's topology and weights, as the engine loaded them (EngineApi.backboneArtifacts). */
export interface BackboneArtifacts {
  readonly modelTopology: unknown;
  readonly weightSpecs: readonly ManifestEntry[];
  readonly weightData: ArrayBuffer;
}

export interface ExportedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

interface HeadLayerExport {
  readonly layer: LayerJson;
  readonly weights: { readonly name: string; readonly shape: readonly number[]; readonly values: Float32Array }[];
}

/** One layer's JSON as tfjs's own save writes it (snake_case keys); the first carries the input shape. */
function layerJson(layer: HeadLayerSpec, index: number): LayerJson {
  const name = headLayerName(index);
  const input = index === 0 ? { batch_input_shape: [null, EMBEDDING_SIZE], dtype: 'float32' } : {};
  if (layer.type === 'dropout') return { class_name: 'Dropout', config: { name, trainable: true, rate: layer.rate, ...input } };
  if (layer.type === 'batchNorm') {
    // tfjs's defaults, which our head is built with (engine/heads/build-head-model.ts).
    return {
      class_name: 'BatchNormalization',
      config: { name, trainable: true, axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, ...input },
    };
  }
  return {
    class_name: 'Dense',
    config: { name, trainable: true, units: layer.units, activation: layer.activation, use_bias: true, ...input },
  };
}

/** The head as TM's layers: each layer's JSON, and its weights named as tfjs names them. */
function headExportOf(head: HeadDescription, tensors: readonly Float32Array[]): HeadLayerExport[] {
  return portableLayersOf(head, tensors).map(({ layer, weights }, index) => ({
    layer: layerJson(layer, index),
    weights: weights.map(({ part, shape, values }) => ({ name: `${headLayerName(index)}/${part}`, shape, values })),
  }));
}

function topologyOf(backbone: BackboneArtifacts): LayerJson {
  const topology = backbone.modelTopology as ({ model_config?: LayerJson } & Partial<LayerJson>) | null;
  const root = topology?.model_config ?? topology;
  if (!root || typeof root.class_name !== 'string' || typeof root.config !== 'object' || root.config === null) {
    throw new EngineError('base-model/invalid', 'the backbone model.json has no layers topology');
  }
  return { class_name: root.class_name, config: root.config };
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** model.json, weights.bin, metadata.json (TM's layout) and image-model.bin (ours, exact). */
export async function exportModelFiles(model: SerializedModel, backbone: BackboneArtifacts): Promise<ExportedFile[]> {
  const checked = readModel(model);
  // Teachable Machine's layout runs MobileNet on the picture: a Hands model's head would get the wrong numbers.
  if (checked.metadata.featureSource !== 'pictures')
    throw new EngineError('model/wrong-base-model', `a ${checked.metadata.featureSource} model has no Teachable Machine layout`);
  if ((await sha256Hex(backbone.weightData)) !== BASE_MODEL.weightsSha256) {
    throw new EngineError('base-model/hash-mismatch', 'the backbone given for the export is not the one the model was trained on');
  }
  const { head, classes, name, trainedAt, formatVersion } = checked.metadata;
  const headExport = headExportOf(head, checked.tensors);
  const note = HEAD_KIND_SPECS[head.kind].exportNote;
  const headWeights = headExport.flatMap((layer) => layer.weights);
  const headBytes = headWeights.reduce((sum, weight) => sum + weight.values.length * 4, 0);
  const weights = new Uint8Array(backbone.weightData.byteLength + headBytes);
  weights.set(new Uint8Array(backbone.weightData), 0);
  let offset = backbone.weightData.byteLength;
  for (const weight of headWeights) {
    weights.set(new Uint8Array(weight.values.buffer, weight.values.byteOffset, weight.values.byteLength), offset);
    offset += weight.values.byteLength;
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Image Model blocks',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'image_model',
        layers: [
          topologyOf(backbone),
          { class_name: 'Sequential', config: { name: HEAD_MODEL_NAME, layers: headExport.map((layer) => layer.layer) } },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: [FILE_NAMES.weights],
        weights: [
          ...backbone.weightSpecs.map(({ name: weightName, shape, dtype }) => ({ name: weightName, shape: [...shape], dtype })),
          ...headWeights.map((weight) => ({ name: weight.name, shape: [...weight.shape], dtype: 'float32' })),
        ],
      },
    ],
  };
  const metadata: TeachableMachineMetadata = {
    tfjsVersion: '4.22.0',
    packageName: '@teachablemachine/image',
    modelName: name,
    timeStamp: trainedAt,
    labels: classes.map((info) => info.name),
    userMetadata: {},
    imageSize: INPUT_SIZE,
    imageModel: {
      formatVersion,
      head: head.kind,
      classIds: classes.map((info) => info.id),
      ...(note && { note }),
    },
  };
  return [
    { name: FILE_NAMES.model, bytes: json(modelJson) },
    { name: FILE_NAMES.weights, bytes: weights },
    { name: FILE_NAMES.metadata, bytes: json(metadata) },
    { name: FILE_NAMES.exact, bytes: encodeModel(checked) },
  ];
}

/** The same files as one zip (what the trainer's "Export model" downloads). */
export async function exportModelZip(model: SerializedModel, backbone: BackboneArtifacts): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const file of await exportModelFiles(model, backbone)) zip.file(file.name, file.bytes);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
