// The Lab through the engine API, on the real backbone and the shared photos: early stopping, block-built heads,
// augmented copies, evaluation (held-out and leave-one-out) and int8 shrinking.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from './engine';
import type { EngineApi } from './engine-api';
import { isEngineError, type EngineErrorCode } from './errors';
import { augmentVariants } from './lab/augmentation';
import { earlyStop } from './lab/early-stopping';
import { evaluatePredictions } from './lab/evaluation';
import { decodeModel, encodeModel } from './model-format/model-format';
import { startModelServer, type ModelServer } from './test-support/model-server';
import { settingsWith, type SettingsPatch } from './test-support/settings';
import { decodeJpeg, signDigitPhotos } from './test-support/shared-data';
import { seededRandom, shuffled } from './training-data';
import type {
  AugmentedEmbedding,
  ClassInfo,
  HeadLayerSpec,
  LabelledEmbedding,
  RgbaImage,
  SerializedModel,
  TrainingProgress,
  TrainRequest,
} from './types';
import type { DenseSettings } from './heads/dense-kind';

const DIGITS = [0, 1, 2, 3, 4];
const CLASSES: ClassInfo[] = DIGITS.map((digit) => ({ id: `digit-${digit}`, name: `${digit} fingers` }));

let server: ModelServer;
let engine: EngineApi;
let images: RgbaImage[][]; // per class, in file order
let examples: LabelledEmbedding[][]; // per class, with picture ids `<digit>-<index>`

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  images = DIGITS.map((digit) => signDigitPhotos(digit).map(decodeJpeg));
  examples = [];
  for (const [classIndex, ofClass] of images.entries()) {
    const embeddings = await engine.embed(ofClass);
    examples.push(embeddings.map((embedding, i) => ({ classIndex, embedding, pictureId: `${classIndex}-${i}` })));
  }
});

after(() => server.close());

/** `perClass` photos of each of the first `classCount` classes, chosen by a seeded shuffle; the rest of those classes held out. */
function pick(perClass: number, seed: number, classCount = 3): { chosen: LabelledEmbedding[]; rest: LabelledEmbedding[] } {
  const chosen: LabelledEmbedding[] = [];
  const rest: LabelledEmbedding[] = [];
  examples.slice(0, classCount).forEach((ofClass, classIndex) => {
    const order = shuffled(ofClass, seededRandom(seed * 100 + classIndex));
    chosen.push(...order.slice(0, perClass));
    rest.push(...order.slice(perClass));
  });
  return { chosen, rest };
}

function request(chosen: readonly LabelledEmbedding[], settings: SettingsPatch, overrides: Partial<TrainRequest> = {}): TrainRequest {
  const classCount = Math.max(...chosen.map((e) => e.classIndex)) + 1;
  return {
    modelName: 'lab',
    classes: CLASSES.slice(0, classCount),
    examples: chosen,
    settings: settingsWith(settings),
    seed: 7,
    ...overrides,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: EngineErrorCode, detail?: RegExp) {
  await assert.rejects(promise, (error) => {
    assert.ok(isEngineError(error), `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (detail) assert.match(error.message, detail);
    return true;
  });
}

const floats = (model: SerializedModel) => new Float32Array(model.weights);

// ------------------------------------------------------------------------------------ early stopping

test('early stopping ends training after the first epoch whose validation accuracy reaches the target, and says so', async () => {
  const { chosen } = pick(12, 1);
  const settings = { epochs: 30, validationRate: 0.25 };
  // The full run, then the rule applied to its history: the same seed makes the stopped run follow it exactly.
  const full = await engine.train(request(chosen, settings));
  // The best validation accuracy of the run: the stopped run must end at the first epoch that reached it.
  const target = Math.max(...full.metadata.history.map((m) => m.valAcc!));
  const expected = full.metadata.history
    .map((_, i) => earlyStop(full.metadata.history.slice(0, i + 1), { targetAccuracy: target }))
    .find(Boolean);
  assert.ok(
    expected && expected.epoch > 1 && expected.epoch < 30,
    `the target is reached mid-run (${JSON.stringify(expected)}; ${full.metadata.history.map((m) => m.valAcc).join(' ')})`,
  );

  const progress: TrainingProgress[] = [];
  const stopped = await engine.train(request(chosen, { ...settings, stopAtAccuracy: target }), (p) => progress.push(p));
  assert.equal(progress.at(-1)!.epoch, expected.epoch, 'no epoch after the stop');
  assert.deepEqual(progress.at(-1)!.stoppedEarly, { epoch: expected.epoch, watched: 'valAcc', accuracy: target });
  assert.ok(progress.slice(0, -1).every((p) => p.stoppedEarly === undefined));
  assert.ok(progress.at(-1)!.metrics!.valAcc! >= target);
  assert.deepEqual(stopped.metadata.stoppedEarly, progress.at(-1)!.stoppedEarly);
  assert.equal(stopped.metadata.history.length, expected.epoch);
  assert.deepEqual(
    stopped.metadata.history.map((m) => m.valAcc),
    full.metadata.history.slice(0, expected.epoch).map((m) => m.valAcc),
  );
  assert.equal(stopped.metadata.settings.stopAtAccuracy, target);
  assert.equal(decodeModel(encodeModel(stopped)).metadata.stoppedEarly?.epoch, expected.epoch, 'the model file remembers it');
  assert.equal(full.metadata.stoppedEarly, undefined, 'without a target every epoch runs');

  // Without held-out pictures the training accuracy is watched; an impossible-to-miss target stops after epoch 1.
  const noValidation = await engine.train(request(chosen, { epochs: 30, validationRate: 0, stopAtAccuracy: 0.01 }));
  assert.deepEqual(noValidation.metadata.stoppedEarly, { epoch: 1, watched: 'acc', accuracy: noValidation.metadata.history[0].acc });
  await rejectsWith(engine.train(request(chosen, { stopAtAccuracy: 0 })), 'train/invalid-settings', /stopAtAccuracy/);
  await rejectsWith(engine.train(request(chosen, { stopAtAccuracy: 90 })), 'train/invalid-settings', /stopAtAccuracy/);
});

// ------------------------------------------------------------------------------------ block-built heads

const STACK: HeadLayerSpec[] = [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'batchNorm' }, { type: 'dropout', rate: 0.25 }];

test('a block-built head with batch normalisation and dropout trains, recognises held-out photos, and round-trips exactly', async () => {
  const { chosen, rest } = pick(10, 2);
  const model = await engine.train(request(chosen, { hiddenLayers: STACK, epochs: 50, validationRate: 0 }));
  assert.deepEqual(model.metadata.head, { kind: 'dense', layers: [...STACK, { type: 'dense', units: 3, activation: 'softmax' }] });
  assert.deepEqual(model.metadata.settings.head, settingsWith({ hiddenLayers: STACK, epochs: 50 }).head);
  assert.deepEqual(model.metadata.weightSpecs.map((s) => s.name).slice(2, 6), [
    'batch_normalization_1/gamma',
    'batch_normalization_1/beta',
    'batch_normalization_1/moving_mean',
    'batch_normalization_1/moving_variance',
  ]);
  // Training moved the running averages away from their start (0 and 1): storing them in the wrong place would show.
  const read = decodeModel(encodeModel(model));
  assert.ok(
    read.tensors[4].some((mean) => Math.abs(mean) > 1e-3),
    'moving mean was learned',
  );

  await engine.loadModel('blocks', model);
  await engine.loadModel('blocks-restored', read);
  const evaluation = await engine.evaluate('blocks', rest);
  console.log(
    `block-built head (dense 64, batch norm, dropout): ${(evaluation.accuracy! * 100).toFixed(1)}% of ${evaluation.total} held-out photos`,
  );
  assert.ok(evaluation.accuracy! >= 0.8, `accuracy ${evaluation.accuracy}`);
  const embeddings = rest.map((e) => e.embedding);
  assert.deepEqual(await engine.predictEmbeddings('blocks-restored', embeddings), await engine.predictEmbeddings('blocks', embeddings));
  await engine.unloadModel('blocks');
  await engine.unloadModel('blocks-restored');
});

test('a stack that cannot train is refused before training with every problem; KNN ignores the stack', async () => {
  const { chosen } = pick(5, 3);
  const { numTensors } = await engine.memory();
  const bad: HeadLayerSpec[] = [
    { type: 'dense', units: 0, activation: 'relu' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dropout', rate: 0.5 },
  ];
  const progress: TrainingProgress[] = [];
  await assert.rejects(
    engine.train(request(chosen, { hiddenLayers: bad }), (p) => progress.push(p)),
    (error) => {
      assert.ok(isEngineError(error) && error.code === 'train/invalid-head', String(error));
      assert.deepEqual(error.headProblems, [
        { code: 'units-too-few', layerIndex: 0 },
        { code: 'dropout-twice', layerIndex: 2 },
      ]);
      return true;
    },
  );
  assert.deepEqual(progress, [], 'nothing started');
  await rejectsWith(
    engine.train(request(chosen, { hiddenLayers: [{ type: 'dense', units: 1600, activation: 'relu' }] })),
    'train/invalid-head',
    /too-many-parameters/,
  );
  assert.equal((await engine.memory()).numTensors, numTensors);

  const knn = await engine.train({
    ...request(chosen, { kind: 'knn' }),
    settings: { ...settingsWith({ kind: 'knn' }), otherHeads: [settingsWith({ hiddenLayers: bad }).head] },
  });
  assert.equal(knn.metadata.head.kind, 'knn');
  assert.deepEqual(knn.metadata.settings, settingsWith({ kind: 'knn' }), 'a KNN model does not record a stack it never used');
  // Settings from before stacks existed train today's recipe, and the model records it.
  const { hiddenLayers: _unused, ...oldHead } = settingsWith({ epochs: 2 }).head as DenseSettings;
  const old = await engine.train({ ...request(chosen, { epochs: 2 }), settings: { ...settingsWith(), head: oldHead } });
  assert.deepEqual((old.metadata.settings.head as DenseSettings).hiddenLayers, [{ type: 'dense', units: 100, activation: 'relu' }]);
});

// ------------------------------------------------------------------------------------ augmentation + held-out ids

test('augmented copies: only copies of training pictures are used, and the model lists its held-out pictures', async () => {
  const { chosen } = pick(8, 4);
  // Real copies: each chosen photo mirrored, through the backbone like any picture.
  const sources = chosen.map((e) => images[e.classIndex][Number(e.pictureId!.split('-')[1])]);
  const flipped = await engine.embed(sources.map((image) => augmentVariants(image, { flip: true })[0].image));
  const copies: AugmentedEmbedding[] = flipped.map((embedding, i) => ({ sourcePictureId: chosen[i].pictureId!, embedding }));
  const settings = { kind: 'knn' as const, validationRate: 0.25 };

  const plain = await engine.train(request(chosen, settings));
  const heldOut = plain.metadata.validationPictureIds!;
  assert.equal(heldOut.length, 6, 'round(8 x 0.25) = 2 of each of 3 classes');
  assert.ok(heldOut.every((id) => chosen.some((e) => e.pictureId === id)));
  // A KNN head stores every example it trained on plus the held-out ones: exactly one more per training picture.
  const augmented = await engine.train(request(chosen, settings, { augmented: copies }));
  assert.deepEqual(augmented.metadata.validationPictureIds, heldOut, 'the same seed holds out the same pictures');
  const total = (model: SerializedModel) =>
    model.metadata.head.kind === 'knn' ? model.metadata.head.examplesPerClass.reduce((a, b) => a + b) : 0;
  assert.equal(total(plain), 24);
  assert.equal(total(augmented), 24 + 24 - heldOut.length, 'copies of the 6 held-out pictures were left out');

  // Dense: copies of held-out pictures alone change nothing at all (bit-identical weights), copies of training ones do.
  const dense = { kind: 'dense' as const, epochs: 5, validationRate: 0.25 };
  const reference = await engine.train(request(chosen, dense));
  const onlyHeldOut = copies.filter((copy) => heldOut.includes(copy.sourcePictureId));
  assert.deepEqual(floats(await engine.train(request(chosen, dense, { augmented: onlyHeldOut }))), floats(reference));
  assert.notDeepEqual(floats(await engine.train(request(chosen, dense, { augmented: copies }))), floats(reference));

  await rejectsWith(
    engine.train(request(chosen, dense, { augmented: [{ sourcePictureId: '0-0', embedding: new Float32Array(3) }] })),
    'embedding/invalid',
    /augmented copy 0/,
  );
  const withoutIds = await engine.train(
    request(
      chosen.map(({ classIndex, embedding }) => ({ classIndex, embedding })),
      settings,
    ),
  );
  assert.equal(withoutIds.metadata.validationPictureIds, undefined, 'no ids given, none recorded');
});

// ------------------------------------------------------------------------------------ evaluation

test('evaluate on the held-out pictures the model lists: the same accuracy training reported, a confusion matrix that adds up', async () => {
  const { chosen } = pick(12, 5);
  const model = await engine.train(request(chosen, { epochs: 15, validationRate: 0.25 }));
  const byId = new Map(chosen.map((e) => [e.pictureId, e]));
  const heldOut = model.metadata.validationPictureIds!.map((id) => byId.get(id)!);
  await engine.loadModel('evaluate', model);
  const evaluation = await engine.evaluate('evaluate', heldOut);
  assert.equal(evaluation.total, 9);
  assert.equal(evaluation.accuracy, model.metadata.history.at(-1)!.valAcc, 'the figure the chart showed');
  assert.equal(evaluation.shaky, true, '9 pictures are too few to trust');
  assert.deepEqual(
    evaluation.confusion.map((row) => row.reduce((a, b) => a + b)),
    [3, 3, 3],
  );
  const predictions = await engine.predictEmbeddings(
    'evaluate',
    heldOut.map((e) => e.embedding),
  );
  assert.deepEqual(
    evaluation,
    evaluatePredictions(
      heldOut.map((e) => e.classIndex),
      predictions,
      3,
    ),
  );

  await rejectsWith(engine.evaluate('nobody', heldOut), 'model/not-loaded');
  await rejectsWith(engine.evaluate('evaluate', [{ classIndex: 3, embedding: heldOut[0].embedding }]), 'train/invalid-classes', /class 3/);
  await rejectsWith(engine.evaluate('evaluate', [{ classIndex: 0, embedding: new Float32Array(5) }]), 'embedding/invalid');
  assert.equal((await engine.evaluate('evaluate', [])).accuracy, undefined);
  await engine.unloadModel('evaluate');
});

test('leave-one-out for KNN predicts each picture exactly as a KNN trained on all the others does', async () => {
  const { chosen } = pick(6, 6);
  const evaluation = await engine.evaluateLeaveOneOut(chosen, 3, 5);
  assert.equal(evaluation.total, 18);
  assert.equal(evaluation.shaky, false);
  for (const left of [0, 7, 17]) {
    const others = chosen.filter((_, i) => i !== left);
    await engine.loadModel('loo', await engine.train(request(others, { kind: 'knn', validationRate: 0, k: 5 })));
    const [prediction] = await engine.predictEmbeddings('loo', [chosen[left].embedding]);
    assert.equal(evaluation.pictures[left].predictedClass, prediction.classIndex, `picture ${left}`);
  }
  await engine.unloadModel('loo');
  console.log(`KNN leave-one-out on 3 x 6 photos: ${(evaluation.accuracy! * 100).toFixed(1)}%`);
  await rejectsWith(engine.evaluateLeaveOneOut(chosen, 3, 0), 'train/invalid-settings');
  await rejectsWith(engine.evaluateLeaveOneOut(chosen.slice(0, 1), 3, 5), 'train/too-few-examples');
  await rejectsWith(engine.evaluateLeaveOneOut(chosen, 1, 5), 'train/too-few-classes');
  await rejectsWith(engine.evaluateLeaveOneOut(chosen, 2, 5), 'train/invalid-classes');
});

// ------------------------------------------------------------------------------------ int8

test('int8 on the shared photos: a quarter of the size, accuracy within 2 points of float, changed answers listed', async (t) => {
  const { chosen, rest } = pick(15, 8, 5);
  const model = await engine.train(request(chosen, { validationRate: 0 }));
  const { numTensors } = await engine.memory();
  const report = await engine.shrinkModel(model, rest);
  assert.equal((await engine.memory()).numTensors, numTensors, 'the temporary heads are freed');
  t.diagnostic(
    `${rest.length} held-out photos: float ${(report.before.accuracy! * 100).toFixed(1)}%, int8 ${(report.after.accuracy! * 100).toFixed(1)}%, ` +
      `${report.changedPictures.length} answers changed; model file ${report.bytesBefore} -> ${report.bytesAfter} bytes`,
  );
  assert.ok(report.before.accuracy! >= 0.8, `the float head learned the digits (${report.before.accuracy})`);
  assert.ok(Math.abs(report.before.accuracy! - report.after.accuracy!) <= 0.02);
  assert.ok(report.bytesAfter < report.bytesBefore / 3.5);
  assert.deepEqual(
    report.changedPictures,
    report.before.pictures.flatMap((p, i) => (p.predictedClass === report.after.pictures[i].predictedClass ? [] : [i])),
  );
  assert.ok(report.model.metadata.weightSpecs.every((spec) => spec.dtype === 'int8'));

  // The small model is a model like any other: it loads, and evaluates exactly as the report said.
  await engine.loadModel('small', decodeModel(encodeModel(report.model)));
  assert.deepEqual(await engine.evaluate('small', rest), report.after);
  const broken = structuredClone(report.model.metadata) as unknown as { weightSpecs: { quantization: { zeroPoint: number } }[] };
  broken.weightSpecs[0].quantization.zeroPoint = 300;
  await rejectsWith(
    engine.loadModel('small', { metadata: broken as never, weights: report.model.weights }),
    'model/invalid',
    /quantization/,
  );
  assert.deepEqual(await engine.evaluate('small', rest), report.after, 'the good small model is still loaded');
  await engine.unloadModel('small');
  await rejectsWith(engine.shrinkModel(model, [{ classIndex: 7, embedding: rest[0].embedding }]), 'train/invalid-classes');
});
