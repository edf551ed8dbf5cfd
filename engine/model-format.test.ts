import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_MODEL } from './base-model';
import { isEngineError, type EngineErrorCode } from './errors';
import { denseLayersFor, expectedWeightSpecs } from './heads/weight-layout';
import { decodeModel, encodeModel, readModel, writeModel } from './model-format';
import { DEFAULT_TRAINING_SETTINGS } from './training-settings';
import type { ClassInfo, HeadDescription, ModelMetadata, SerializedModel } from './types';

const CLASSES: ClassInfo[] = [{ id: 'a', name: 'rock' }, { id: 'b', name: 'paper' }, { id: 'c', name: 'scissors' }];
const HISTORY = [{ epoch: 1, loss: 0.9, acc: 0.5, valLoss: 1, valAcc: 0.4, ms: 12 }, { epoch: 2, loss: 0.5, acc: 0.8, ms: 11 }];

/** A well-formed model with recognisable weights (value = position / 1e6), as the trainer would write it. */
function modelWith(head: HeadDescription): SerializedModel {
  const specs = expectedWeightSpecs(head);
  let position = 0;
  const values = specs.map((spec) => Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () => position++ / 1e6));
  const method = head.kind;
  return writeModel({
    name: 'hands', classes: CLASSES, settings: { ...DEFAULT_TRAINING_SETTINGS, method }, history: HISTORY, head,
    weights: { specs, values }, trainedAt: new Date('2024-05-01T10:00:00Z'),
  });
}

const dense = () => modelWith({ kind: 'dense', layers: denseLayersFor(3) });
const knn = () => modelWith({ kind: 'knn', k: 3, examplesPerClass: [2, 1, 0] });

/**
 * `model` with its metadata changed by `change` (a deep copy, so cases do not leak into each other). `any`
 * because the cases deliberately write values the types forbid.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
function altered(model: SerializedModel, change: (metadata: Loose) => void): SerializedModel {
  const metadata = structuredClone(model.metadata) as unknown as Loose;
  change(metadata);
  return { metadata: metadata as unknown as ModelMetadata, weights: model.weights };
}

function rejects(model: unknown, code: EngineErrorCode, detail: RegExp, label: string) {
  assert.throws(() => readModel(model), (error) => {
    assert.ok(isEngineError(error), `${label}: expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code, `${label}: ${error.message}`);
    assert.match(error.message, detail, label);
    return true;
  }, label);
}

test('the writer lays out metadata and one weights buffer that the reader accepts', () => {
  for (const model of [dense(), knn()]) {
    const read = readModel(model);
    assert.equal(read.metadata.formatVersion, 1);
    assert.deepEqual(read.metadata.baseModel, BASE_MODEL);
    assert.deepEqual(read.metadata.classes, CLASSES);
    assert.deepEqual(read.metadata.history, HISTORY);
    assert.equal(read.metadata.trainedAt, '2024-05-01T10:00:00.000Z');
    assert.equal(read.tensors.length, model.metadata.weightSpecs.length);
    assert.deepEqual(read.tensors.map((t) => t.length), model.metadata.weightSpecs.map((s) => s.shape.reduce((a, b) => a * b, 1)));
    assert.equal(read.tensors.at(-1)!.at(-1), Math.fround((model.weights.byteLength / 4 - 1) / 1e6), 'weights in spec order, back to back');
  }
  assert.deepEqual(dense().metadata.weightSpecs.map((s) => [s.name, s.shape]), [
    ['dense_0/kernel', [1280, 100]], ['dense_0/bias', [100]], ['dense_1/kernel', [100, 3]], ['dense_1/bias', [3]],
  ]);
  assert.deepEqual(knn().metadata.weightSpecs, [{ name: 'knn/examples', shape: [3, 1280], dtype: 'float32' }]);
});

test('bytes round trip: encode then decode gives the same metadata and weights', () => {
  for (const model of [dense(), knn()]) {
    const bytes = encodeModel(model);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), 'IMGMODEL');
    const decoded = decodeModel(bytes);
    assert.deepEqual(decoded.metadata, model.metadata);
    assert.deepEqual(new Uint8Array(decoded.weights), new Uint8Array(model.weights));
    // A Uint8Array that is a window into a larger buffer (as a zip entry or a file slice often is) works too.
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    assert.deepEqual(decodeModel(padded.subarray(8, 8 + bytes.length)).metadata, model.metadata);
  }
});

test('the reader keeps only known fields', () => {
  const model = altered(knn(), (m) => {
    m.extra = 'ignored';
    m.classes[0].colour = 'red';
  });
  const read = readModel(model);
  assert.equal('extra' in read.metadata, false);
  assert.deepEqual(read.metadata.classes[0], CLASSES[0]);
});

test('a newer format version is refused as unsupported; a nonsense version as invalid', () => {
  rejects(altered(dense(), (m) => { m.formatVersion = 2; }), 'model/unsupported-version', /version 2/, 'newer');
  rejects(altered(dense(), (m) => { m.formatVersion = '1'; }), 'model/invalid', /formatVersion/, 'text version');
  rejects(altered(dense(), (m) => { m.formatVersion = 0; }), 'model/invalid', /formatVersion/, 'zero');
});

test('a model trained on another backbone is refused', () => {
  rejects(altered(dense(), (m) => { m.baseModel.id = 'mobilenet-v1-0.25-224'; }), 'model/wrong-base-model', /mobilenet-v1/, 'other id');
  rejects(altered(dense(), (m) => { m.baseModel.weightsSha256 = '0'.repeat(64); }), 'model/wrong-base-model', /0000/, 'other weights');
  rejects(altered(dense(), (m) => { m.baseModel.embeddingSize = 1024; }), 'model/wrong-base-model', /trained on/, 'other size');
  rejects(altered(dense(), (m) => { delete m.baseModel; }), 'model/invalid', /baseModel/, 'missing');
});

test('each broken part of the metadata is refused with a detail naming the check', () => {
  const cases: [string, SerializedModel, RegExp][] = [
    ['name not text', altered(dense(), (m) => { m.name = 42; }), /name must be text/],
    ['one class', altered(dense(), (m) => { m.classes = m.classes.slice(0, 1); }), /classes must be a list of 2/],
    ['repeated class id', altered(dense(), (m) => { m.classes[2].id = 'a'; }), /classes\[2\]\.id "a" is repeated/],
    ['empty class id', altered(dense(), (m) => { m.classes[1].id = ''; }), /classes\[1\] needs a non-empty id/],
    ['class name not text', altered(dense(), (m) => { m.classes[0].name = null; }), /classes\[0\] needs/],
    ['settings', altered(dense(), (m) => { m.settings.epochs = -1; }), /settings: epochs/],
    ['head kind vs method', altered(dense(), (m) => { m.settings.method = 'knn'; }), /head\.kind "dense" differs/],
    ['head output vs classes', altered(dense(), (m) => { m.classes.push({ id: 'd', name: 'lizard' }); }), /answers 3 classes but the model lists 4/],
    ['not ending in softmax', altered(dense(), (m) => { m.head.layers[1].activation = 'relu'; }), /end with a softmax/],
    ['unknown activation', altered(dense(), (m) => { m.head.layers[0].activation = 'swish'; }), /activation "swish" is unknown/],
    ['unknown layer', altered(dense(), (m) => { m.head.layers[0].type = 'conv2d'; }), /neither dense nor dropout/],
    ['knn counts vs classes', altered(knn(), (m) => { m.head.examplesPerClass = [2, 1]; }), /one count per class \(3\)/],
    ['knn negative count', altered(knn(), (m) => { m.head.examplesPerClass = [2, 2, -1]; }), /not a whole number in range/],
    ['knn without examples', altered(knn(), (m) => { m.head.examplesPerClass = [0, 0, 0]; }), /totals 0/],
    ['knn k', altered(knn(), (m) => { m.head.k = 0; }), /head\.k/],
    ['history', altered(dense(), (m) => { m.history[1].loss = 'low'; }), /history\[1\]/],
    ['trainedAt', altered(dense(), (m) => { m.trainedAt = 'yesterday'; }), /trainedAt/],
    ['spec count', altered(dense(), (m) => { m.weightSpecs.pop(); }), /weightSpecs must list 4 tensors/],
    ['spec shape vs head', altered(dense(), (m) => { m.weightSpecs[2].shape = [100, 4]; }), /weightSpecs\[2\] should be dense_1\/kernel float32 \[100, 3\]/],
    ['spec dtype', altered(knn(), (m) => { m.weightSpecs[0].dtype = 'int8'; }), /weightSpecs\[0\] should be knn\/examples float32/],
  ];
  for (const [label, model, detail] of cases) rejects(model, 'model/invalid', detail, label);
});

test('gigantic declared sizes are refused before any allocation', () => {
  rejects(altered(dense(), (m) => { m.head.layers[0].units = 1e9; }), 'model/invalid', /layers\[0\]\.units must be 1 to 4096/, 'huge layer');
  rejects(altered(knn(), (m) => { m.head.examplesPerClass = [1e9, 1, 1]; }), 'model/invalid', /examplesPerClass holds a count/, 'huge count');
  rejects(altered(knn(), (m) => { m.head.examplesPerClass = [15_000, 15_000, 1]; }), 'model/invalid', /totals 30001/, 'huge total');
  rejects(altered(knn(), (m) => { m.weightSpecs[0].shape = [2 ** 40, 1280]; }), 'model/invalid', /weightSpecs\[0\]/, 'huge spec');
  rejects(altered(dense(), (m) => { m.classes = Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, name: '' })); }), 'model/invalid', /2 to 100 classes/, 'many classes');
});

test('weights must match the specs exactly and hold only finite numbers', () => {
  const model = dense();
  rejects({ metadata: model.metadata, weights: model.weights.slice(0, -4) }, 'model/invalid', /hold 513608 bytes but weightSpecs need 513612/, 'short');
  rejects({ metadata: model.metadata, weights: new ArrayBuffer(model.weights.byteLength + 4) }, 'model/invalid', /need 513612/, 'long');
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
    const weights = model.weights.slice(0);
    new Float32Array(weights)[128_000 + 5] = bad; // inside dense_0/bias
    rejects({ metadata: model.metadata, weights }, 'model/invalid', /weights of dense_0\/bias contain NaN or Infinity/, String(bad));
  }
  rejects({ metadata: model.metadata, weights: new Uint8Array(model.weights) }, 'model/invalid', /ArrayBuffer/, 'typed array');
  rejects({ metadata: null, weights: model.weights }, 'model/invalid', /metadata/, 'no metadata');
  rejects(undefined, 'model/invalid', /metadata/, 'nothing');
});

test('bytes that are not a model file are refused', () => {
  const bytes = encodeModel(knn());
  const decodeRejects = (input: Uint8Array, detail: RegExp, label: string) =>
    assert.throws(() => decodeModel(input), (e) => isEngineError(e) && e.code === 'model/invalid' && detail.test(e.message), label);
  decodeRejects(new TextEncoder().encode('PK\u0003\u0004 a zip file'), /no IMGMODEL header/, 'other file');
  decodeRejects(bytes.subarray(0, 10), /no IMGMODEL header/, 'cut in the header');
  decodeRejects(bytes.subarray(0, 40), /does not fit/, 'cut in the metadata');
  const hugeLength = bytes.slice();
  new DataView(hugeLength.buffer).setUint32(8, 0xffffffff, true);
  decodeRejects(hugeLength, /does not fit/, 'huge metadata length');
  const brokenJson = bytes.slice();
  brokenJson[12] = '['.charCodeAt(0);
  decodeRejects(brokenJson, /not UTF-8 JSON/, 'broken JSON');
  decodeRejects(bytes.subarray(0, bytes.length - 8), /bytes but weightSpecs need/, 'cut in the weights');
});
