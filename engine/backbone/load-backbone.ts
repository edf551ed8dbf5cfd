// Loads the MobileNetV2-0.35 feature extractor from the first source that answers with exactly the weights we
// expect. Whatever the layout, the result is one model: [n, 224, 224, 3] -> [n, 1280].
import * as tf from '@tensorflow/tfjs';
import { BASE_MODEL, NO_TOP_OUTPUT_LAYER } from '../base-model';
import type { BaseModelSource } from '../engine-api';
import { EngineError, isEngineError, type EngineErrorCode } from '../errors';
import type { BackboneArtifacts } from '../interchange/export-model';
import { INPUT_SIZE } from '../types';
import { fetchLayersModelArtifacts } from './fetch-artifacts';
import { sha256Hex } from './sha256';

export interface LoadedBackbone {
  readonly model: tf.LayersModel;
  readonly source: BaseModelSource;
  readonly weightsSha256: string;
  /** Topology and hash-checked weights of `model` as tfjs saves it: what an exported model joins with its head. */
  readonly artifacts: BackboneArtifacts;
}

async function loadArtifacts(source: BaseModelSource): Promise<tf.io.ModelArtifacts> {
  if (source.kind !== 'cache') return fetchLayersModelArtifacts(source.url);
  const [handler] = tf.io.getLoadHandlers(source.url);
  if (!handler?.load) throw new EngineError('base-model/unreachable', `no model storage answers ${source.url}`);
  try {
    return await handler.load();
  } catch (error) {
    // An empty cache (the first visit) lands here too.
    throw new EngineError('base-model/unreachable', `${source.url}: ${(error as Error).message}`);
  }
}

async function checkWeights(artifacts: tf.io.ModelArtifacts): Promise<string> {
  if (!artifacts.weightData || !artifacts.weightSpecs || !artifacts.modelTopology) {
    throw new EngineError('base-model/invalid', 'model has no topology or no weights');
  }
  const hash = await sha256Hex(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  if (hash !== BASE_MODEL.weightsSha256) {
    throw new EngineError('base-model/hash-mismatch', `weights sha256 ${hash}, expected ${BASE_MODEL.weightsSha256}`);
  }
  return hash;
}

/** Cuts Teachable Machine's functional no-top model at `out_relu` and pools it, as our backbone layout does. */
function truncateNoTop(loaded: tf.LayersModel): tf.LayersModel {
  const cut = loaded.getLayer(NO_TOP_OUTPUT_LAYER).output as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(cut) as tf.SymbolicTensor;
  const model = tf.model({ inputs: loaded.inputs, outputs: pooled });
  // Layers after the cut (a full model with a classifier top) are unreachable now: free their weights.
  const kept = new Set(model.layers);
  loaded.layers.filter((layer) => !kept.has(layer)).forEach((layer) => layer.dispose());
  return model;
}

function hasShape(shape: tf.Shape | tf.Shape[], expected: readonly (number | null)[]): boolean {
  return !Array.isArray(shape[0]) && shape.length === expected.length && shape.every((d, i) => d === expected[i]);
}

async function buildModel(artifacts: tf.io.ModelArtifacts, kind: BaseModelSource['kind']): Promise<tf.LayersModel> {
  const unbuildable = (error: unknown) => new EngineError('base-model/invalid', `model could not be built: ${(error as Error).message}`);
  let loaded: tf.LayersModel;
  try {
    loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw unbuildable(error);
  }
  let model = loaded;
  if (kind === 'no-top') {
    try {
      model = truncateNoTop(loaded);
    } catch (error) {
      loaded.dispose();
      throw unbuildable(error);
    }
  }
  const inputOk = model.inputs.length === 1 && hasShape(model.inputs[0].shape, [null, INPUT_SIZE, INPUT_SIZE, 3]);
  const outputOk = model.outputs.length === 1 && hasShape(model.outputs[0].shape, [null, BASE_MODEL.embeddingSize]);
  if (!inputOk || !outputOk) {
    model.dispose();
    throw new EngineError(
      'base-model/invalid',
      `model maps ${JSON.stringify(model.inputs[0]?.shape)} to ${JSON.stringify(model.outputs[0]?.shape)}`,
    );
  }
  return model;
}

/** `model` as tfjs saves it (the same form the cache stores), in memory. */
async function savedArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!saved) throw new EngineError('internal', 'the backbone could not be written out');
  return saved;
}

/**
 * What an export needs, whichever source answered: a layers topology mapping a picture to 1280 numbers, and the
 * weights the hash check accepted. Teachable Machine's layout is saved after truncation (its file ends before the cut).
 */
async function exportableArtifacts(
  model: tf.LayersModel,
  loaded: tf.io.ModelArtifacts,
  kind: BaseModelSource['kind'],
): Promise<BackboneArtifacts> {
  const artifacts = kind === 'no-top' ? await savedArtifacts(model) : loaded;
  const { modelTopology, weightSpecs, weightData } = artifacts;
  if (!modelTopology || !weightSpecs || !weightData) throw new EngineError('base-model/invalid', 'model has no topology or no weights');
  return { modelTopology, weightSpecs, weightData: tf.io.CompositeArrayBuffer.join(weightData) };
}

async function loadFrom(source: BaseModelSource, cacheUrl: string | undefined): Promise<LoadedBackbone> {
  const loaded = await loadArtifacts(source);
  const weightsSha256 = await checkWeights(loaded);
  const model = await buildModel(loaded, source.kind);
  let artifacts: BackboneArtifacts;
  try {
    artifacts = await exportableArtifacts(model, loaded, source.kind);
  } catch (error) {
    model.dispose();
    throw error;
  }
  if (source.kind !== 'cache' && cacheUrl) {
    // A full or private-mode storage must not stop a child who is online right now.
    await model.save(cacheUrl).catch(() => undefined);
  }
  return { model, source, weightsSha256, artifacts };
}

interface Failure {
  readonly source: BaseModelSource;
  readonly error: EngineError;
}

/**
 * One error for the whole attempt. A network source that answered with wrong or broken weights says more than
 * "unreachable" does; an empty or stale cache never hides why the network sources failed.
 */
function combinedError(failures: readonly Failure[]): EngineError {
  const detail = failures.map(({ source, error }) => `${source.kind} ${source.url}: ${error.message}`).join('; ');
  const answeredWrongly = failures.find(({ source, error }) => source.kind !== 'cache' && error.code !== 'base-model/unreachable');
  const code: EngineErrorCode = answeredWrongly?.error.code ?? 'base-model/unreachable';
  return new EngineError(code, detail || 'no base model source given');
}

/** Tries `sources` in order; rejects with one EngineError naming every failure when none works. */
export async function loadBackbone(sources: readonly BaseModelSource[], cacheUrl?: string): Promise<LoadedBackbone> {
  const failures: Failure[] = [];
  for (const source of sources) {
    try {
      return await loadFrom(source, cacheUrl);
    } catch (error) {
      failures.push({ source, error: isEngineError(error) ? error : new EngineError('base-model/invalid', String(error)) });
    }
  }
  throw combinedError(failures);
}
