// The in-process engine: the backbone plus the loaded heads, behind EngineApi. The worker runs exactly this.
import * as tf from '@tensorflow/tfjs';
import { Backbone } from './backbone/backbone';
import { loadBackbone } from './backbone/load-backbone';
import { gatherEvidence, needsTiming, startBestBackend, startFastestBackend } from './backend';
import type { BackboneShrinkReport, EngineApi, EngineInfo, EngineInitOptions, LabelledImage, ShrinkReport } from './engine-api';
import { EngineError, isEngineError } from './errors';
import { featureSizeOf, featureSizeOfExamples, featureSourceOf } from './feature-source';
import type { BackboneArtifacts } from './interchange/export-model';
import { hiddenLayersOf } from './heads/dense-kind';
import { stackEmbeddings, topClass, type Head } from './heads/head';
import { totalEpochs as epochsOf } from './heads/kinds';
import { KNN_K_LIMIT } from './heads/knn-kind';
import { loadHead, trainHead } from './heads/runtimes';
import { withAugmentedCopies } from './lab/augmentation';
import { int8Backbone } from './lab/backbone-shrink';
import { changedAnswers, evaluatePredictions, leaveOneOutKnn, type Evaluation } from './lab/evaluation';
import { occlusionHeatmap } from './lab/occlusion';
import { mapPictures } from './lab/picture-map';
import { describeLayers, lookAtLayer } from './lab/under-the-hood';
import { encodeModel, MODEL_LIMITS, quantizeModel, readModel, writeModel, type ValidatedModel } from './model-format/model-format';
import { validateImage } from './picture';
import { seededRandom, splitExamples, validateEmbedding, validateExamples, validateTrainRequest } from './training-data';
import { isWithin } from './schema';
import type {
  Embedding,
  FeatureSource,
  LabelledEmbedding,
  Prediction,
  SerializedModel,
  TrainingProgress,
  TrainingSettings,
  TrainRequest,
} from './types';

/** A head in use; replacing or unloading it waits for predictions still running on it before disposing. */
interface LoadedHead {
  readonly head: Head;
  readonly classCount: number;
  readonly featureSource: FeatureSource;
  users: number;
  retired: boolean;
}

function release(loaded: LoadedHead): void {
  if (loaded.retired && loaded.users === 0) loaded.head.dispose();
}

function headFromModel(model: ValidatedModel): Head {
  return loadHead(model.metadata.head, model.tensors, model.metadata.baseModel.embeddingSize);
}

/** The settings as the model file records them: the head trained (a dense head with its actual stack), no other kinds'. */
function settingsUsed({ otherHeads: _notUsed, ...settings }: TrainingSettings): TrainingSettings {
  return settings.head.kind === 'dense'
    ? { ...settings, head: { ...settings.head, hiddenLayers: hiddenLayersOf(settings.head) } }
    : settings;
}

/** Pictures whose class is known, scored by `head` (which answers `classCount` classes). */
async function evaluateWith(
  head: Head,
  classCount: number,
  examples: readonly LabelledEmbedding[],
): Promise<{ evaluation: Evaluation; predictions: Prediction[] }> {
  const predictions = await predictWith(
    head,
    examples.map((example) => example.embedding),
  );
  return {
    evaluation: evaluatePredictions(
      examples.map((example) => example.classIndex),
      predictions,
      classCount,
    ),
    predictions,
  };
}

async function predictWith(head: Head, embeddings: readonly Embedding[]): Promise<Prediction[]> {
  if (embeddings.length === 0) return [];
  const input = stackEmbeddings(embeddings);
  try {
    const rows = await head.predict(input);
    return rows.map((confidences) => ({ classIndex: topClass(confidences), confidences }));
  } finally {
    input.dispose();
  }
}

/** Same promise, but anything that is not already an EngineError becomes 'internal' (the worker does the same). */
async function asEngineErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isEngineError(error) ? error : new EngineError('internal', error instanceof Error ? error.message : String(error));
  }
}

export function createEngine(): EngineApi {
  let ready: { backbone: Backbone; info: EngineInfo; artifacts: BackboneArtifacts } | undefined;
  let starting: Promise<EngineInfo> | undefined;
  const heads = new Map<string, LoadedHead>();

  const started = () => {
    if (!ready) throw new EngineError('base-model/not-loaded', 'init() has not finished');
    return ready;
  };
  const backbone = (): Backbone => started().backbone;

  async function start(options: EngineInitOptions): Promise<EngineInfo> {
    const evidence = gatherEvidence({ forced: options.backend, wasmPath: options.wasmPath });
    let chosen = await startBestBackend(evidence);
    const loaded = await loadBackbone(options.sources, options.cacheUrl);
    const model = Backbone.fromModel(loaded.model);
    if (needsTiming(chosen.evidence)) chosen = await startFastestBackend(chosen.evidence, () => model.timeOneEmbedding());
    const info: EngineInfo = { backend: chosen.backend, source: loaded.source.kind, weightsSha256: loaded.weightsSha256 };
    ready = { backbone: model, info, artifacts: loaded.artifacts };
    return info;
  }

  /** The fused graph the backbone runs; always there for the hash-checked MobileNetV2 this engine loads. */
  const graph = () => {
    const fused = backbone().graph;
    if (!fused) throw new EngineError('internal', 'the backbone runs as a layers model, which the layer view does not show');
    return fused;
  };

  /**
   * `anySource`: the work gets numbers the caller made (embeddings or landmarks, `features` each); otherwise it
   * looks at pictures through MobileNet, which only a Pictures model may do.
   */
  async function withHead<T>(
    key: string,
    use: (head: Head, classCount: number, features: number) => Promise<T>,
    anySource = false,
  ): Promise<T> {
    backbone();
    const loaded = heads.get(key);
    if (!loaded) throw new EngineError('model/not-loaded', `no model is loaded as ${JSON.stringify(key)}`);
    if (!anySource && loaded.featureSource !== 'pictures')
      throw new EngineError('model/wrong-base-model', `a ${loaded.featureSource} model does not look at MobileNet embeddings`);
    loaded.users++;
    try {
      return await use(loaded.head, loaded.classCount, featureSizeOf(loaded.featureSource));
    } finally {
      loaded.users--;
      release(loaded);
    }
  }

  function retire(key: string): void {
    const loaded = heads.get(key);
    if (!loaded) return;
    heads.delete(key);
    loaded.retired = true;
    release(loaded);
  }

  async function train(request: TrainRequest, onProgress?: (progress: TrainingProgress) => void, signal?: AbortSignal) {
    backbone();
    validateTrainRequest(request);
    const { settings, classes } = request;
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 32);
    const random = seededRandom(seed);
    const split = splitExamples(request.examples, classes.length, settings.validationRate, random);
    const { validation } = split;
    // After the split, so copies of held-out pictures never reach training (they would let the model peek at the test).
    const training = withAugmentedCopies(split.training, request.augmented ?? []);
    const hasPictureIds = request.examples.some((example) => example.pictureId !== undefined);
    const validationPictureIds = validation.flatMap((example) => (example.pictureId === undefined ? [] : [example.pictureId]));
    const totalEpochs = epochsOf(settings.head);
    const cancelled = () => new EngineError('train/cancelled', 'training was stopped');
    if (signal?.aborted) throw cancelled();
    onProgress?.({ epoch: 0, totalEpochs });
    const trained = await trainHead({
      training,
      validation,
      classCount: classes.length,
      settings: settings.head,
      stopAtAccuracy: settings.stopAtAccuracy,
      seed,
      random,
      signal,
      onEpoch: (metrics, stoppedEarly) =>
        onProgress?.({ epoch: metrics.epoch, totalEpochs, metrics, ...(stoppedEarly && { stoppedEarly }) }),
    });
    try {
      if (signal?.aborted) throw cancelled();
      return writeModel({
        name: request.modelName,
        ...(request.featureSource && { featureSource: request.featureSource }),
        classes,
        settings: settingsUsed(settings),
        history: trained.history,
        head: trained.head.describe(),
        weights: await trained.head.weights(),
        ...(trained.stoppedEarly && { stoppedEarly: trained.stoppedEarly }),
        ...(hasPictureIds && { validationPictureIds }),
      });
    } finally {
      trained.head.dispose();
    }
  }

  async function shrinkModel(model: SerializedModel, examples: readonly LabelledEmbedding[]): Promise<ShrinkReport> {
    backbone();
    const float = readModel(model);
    const classCount = float.metadata.classes.length;
    validateExamples(examples, classCount);
    const small = quantizeModel(model);
    const heads: Head[] = [];
    try {
      heads.push(headFromModel(float));
      heads.push(headFromModel(readModel(small)));
      const [before, after] = [await evaluateWith(heads[0], classCount, examples), await evaluateWith(heads[1], classCount, examples)];
      return {
        model: small,
        bytesBefore: encodeModel(model).byteLength,
        bytesAfter: encodeModel(small).byteLength,
        before: before.evaluation,
        after: after.evaluation,
        changedPictures: changedAnswers(before.predictions, after.predictions),
      };
    } finally {
      heads.forEach((head) => head.dispose());
    }
  }

  async function shrinkBackbone(key: string, examples: readonly LabelledImage[]): Promise<BackboneShrinkReport> {
    if (!Array.isArray(examples)) throw new EngineError('image/invalid', 'examples is not a list');
    examples.forEach((example, i) => validateImage(example?.image, `example ${i}'s image`));
    return withHead(key, async (head, classCount) => {
      const images = examples.map((example) => example.image);
      const labelled = (embeddings: readonly Embedding[]) =>
        embeddings.map((embedding, i) => ({ classIndex: examples[i].classIndex, embedding }));
      const floatExamples = labelled(await backbone().embed(images));
      validateExamples(floatExamples, classCount);
      const small = await int8Backbone(graph());
      const smallBackbone = Backbone.fromGraph(small.graph);
      try {
        const before = await evaluateWith(head, classCount, floatExamples);
        const after = await evaluateWith(head, classCount, labelled(await smallBackbone.embed(images)));
        return {
          bytesBefore: small.bytesBefore,
          bytesAfter: small.bytesAfter,
          before: before.evaluation,
          after: after.evaluation,
          changedPictures: changedAnswers(before.predictions, after.predictions),
        };
      } finally {
        smallBackbone.dispose();
      }
    });
  }

  return {
    init: (options) =>
      asEngineErrors(async () => {
        if (ready) return ready.info;
        // Concurrent callers share one start; a failed start can be retried (e.g. once the network is back).
        starting ??= start(options).finally(() => {
          starting = undefined;
        });
        return starting;
      }),

    embed: (images) => asEngineErrors(() => backbone().embed(images)),

    train: (request, onProgress, signal) => asEngineErrors(() => train(request, onProgress, signal)),

    loadModel: (key, model) =>
      asEngineErrors(async () => {
        backbone();
        const validated = readModel(model);
        const head = headFromModel(validated);
        retire(key);
        heads.set(key, {
          head,
          classCount: validated.metadata.classes.length,
          featureSource: featureSourceOf(validated.metadata),
          users: 0,
          retired: false,
        });
      }),

    unloadModel: (key) => asEngineErrors(async () => retire(key)),

    predict: (key, image) =>
      asEngineErrors(async () => {
        validateImage(image);
        return withHead(key, async (head) => {
          const [embedding] = await backbone().embed([image]);
          const [prediction] = await predictWith(head, [embedding]);
          return prediction;
        });
      }),

    predictEmbeddings: (key, embeddings) =>
      asEngineErrors(async () => {
        return withHead(
          key,
          (head, _classCount, features) => {
            embeddings.forEach((embedding, i) => validateEmbedding(embedding, `embedding ${i}`, features));
            return predictWith(head, embeddings);
          },
          true,
        );
      }),

    evaluate: (key, examples) =>
      asEngineErrors(() =>
        withHead(
          key,
          async (head, classCount, features) => {
            validateExamples(examples, classCount, features);
            return (await evaluateWith(head, classCount, examples)).evaluation;
          },
          true,
        ),
      ),

    evaluateLeaveOneOut: (examples, classCount, k) =>
      asEngineErrors(async () => {
        if (!Number.isInteger(classCount) || classCount < 2 || classCount > MODEL_LIMITS.classes) {
          throw new EngineError('train/too-few-classes', `${classCount} classes; leave-one-out needs 2 to ${MODEL_LIMITS.classes}`);
        }
        const { min, max } = KNN_K_LIMIT;
        if (!isWithin(KNN_K_LIMIT, k))
          throw new EngineError('train/invalid-settings', `k ${k} must be a whole number from ${min} to ${max}`);
        // Needs no model, so the numbers may be either source's (all of one size).
        validateExamples(examples, classCount, featureSizeOfExamples(examples));
        if (examples.length < 2) throw new EngineError('train/too-few-examples', 'leave-one-out needs at least 2 pictures');
        return evaluatePredictions(
          examples.map((example) => example.classIndex),
          leaveOneOutKnn(examples, classCount, k),
          classCount,
        );
      }),

    shrinkModel: (model, examples) => asEngineErrors(() => shrinkModel(model, examples)),

    shrinkBackbone: (key, examples) => asEngineErrors(() => shrinkBackbone(key, examples)),

    describeLayers: (key) =>
      asEngineErrors(() => withHead(key, async (head, classCount) => describeLayers(graph(), head.describe(), classCount))),

    lookAtLayer: (key, image, layerIndex) =>
      asEngineErrors(async () => {
        validateImage(image);
        return withHead(key, (head, classCount) => lookAtLayer(graph(), head, classCount, image, layerIndex));
      }),

    explainPicture: (key, image, onProgress) =>
      asEngineErrors(async () => {
        validateImage(image);
        return withHead(key, (head) => occlusionHeatmap(backbone(), head, image, onProgress));
      }),

    mapPictures: (examples, classCount) =>
      asEngineErrors(async () => {
        validateExamples(examples, classCount, featureSizeOfExamples(examples));
        return mapPictures(
          examples.map((example) => example.embedding),
          examples.map((example) => example.classIndex),
        );
      }),

    backboneArtifacts: () => asEngineErrors(async () => started().artifacts),

    memory: () =>
      asEngineErrors(async () => {
        backbone(); // before init no backend has started, and tf.memory() would start one of its own choosing
        const { numTensors, numBytes } = tf.memory();
        const wasm = tf.getBackend() === 'wasm' ? (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm : undefined;
        return { numTensors, numBytes, ...(wasm && { wasmHeapBytes: wasm.HEAPU8.buffer.byteLength }) };
      }),
  };
}
