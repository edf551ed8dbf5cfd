import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_MODEL } from '../base-model';
import { isEngineError, type EngineErrorCode } from '../errors';
import { DEFAULT_HIDDEN_LAYERS, denseLayersFor } from '../heads/dense-kind';
import { expectedWeightSpecs } from '../heads/kinds';
import { decodeModel, encodeModel, quantizeModel, readModel, writeModel, type ModelContent } from './model-format';
import { settingsWith } from '../test-support/settings';
import type { DenseSettings } from '../heads/dense-kind';
import type { ClassInfo, HeadDescription, HeadLayerSpec, ModelMetadata, SerializedModel } from '../types';

const CLASSES: ClassInfo[] = [
  { id: 'a', name: 'rock' },
  { id: 'b', name: 'paper' },
  { id: 'c', name: 'scissors' },
];
const HISTORY = [
  { epoch: 1, loss: 0.9, acc: 0.5, valLoss: 1, valAcc: 0.4, ms: 12 },
  { epoch: 2, loss: 0.5, acc: 0.8, ms: 11 },
];

/** A well-formed model with recognisable weights (value = position / 1e6), as the trainer would write it. */
function modelWith(head: HeadDescription): SerializedModel {
  const specs = expectedWeightSpecs(head);
  let position = 0;
  const values = specs.map((spec) => Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () => position++ / 1e6));
  return writeModel({
    name: 'hands',
    classes: CLASSES,
    settings: settingsWith({ kind: head.kind }),
    history: HISTORY,
    head,
    weights: { specs, values },
    trainedAt: new Date('2024-05-01T10:00:00Z'),
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
  assert.throws(
    () => readModel(model),
    (error) => {
      assert.ok(isEngineError(error), `${label}: expected an EngineError, got ${String(error)}`);
      assert.equal(error.code, code, `${label}: ${error.message}`);
      assert.match(error.message, detail, label);
      return true;
    },
    label,
  );
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
    assert.deepEqual(
      read.tensors.map((t) => t.length),
      model.metadata.weightSpecs.map((s) => s.shape.reduce((a, b) => a * b, 1)),
    );
    assert.equal(read.tensors.at(-1)!.at(-1), Math.fround((model.weights.byteLength / 4 - 1) / 1e6), 'weights in spec order, back to back');
  }
  assert.deepEqual(
    dense().metadata.weightSpecs.map((s) => [s.name, s.shape]),
    [
      ['dense_0/kernel', [1280, 100]],
      ['dense_0/bias', [100]],
      ['dense_1/kernel', [100, 3]],
      ['dense_1/bias', [3]],
    ],
  );
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
  rejects(
    altered(dense(), (m) => {
      m.formatVersion = 2;
    }),
    'model/unsupported-version',
    /version 2/,
    'newer',
  );
  rejects(
    altered(dense(), (m) => {
      m.formatVersion = '1';
    }),
    'model/invalid',
    /formatVersion/,
    'text version',
  );
  rejects(
    altered(dense(), (m) => {
      m.formatVersion = 0;
    }),
    'model/invalid',
    /formatVersion/,
    'zero',
  );
});

test('a model trained on another backbone is refused', () => {
  rejects(
    altered(dense(), (m) => {
      m.baseModel.id = 'mobilenet-v1-0.25-224';
    }),
    'model/wrong-base-model',
    /mobilenet-v1/,
    'other id',
  );
  rejects(
    altered(dense(), (m) => {
      m.baseModel.weightsSha256 = '0'.repeat(64);
    }),
    'model/wrong-base-model',
    /0000/,
    'other weights',
  );
  rejects(
    altered(dense(), (m) => {
      m.baseModel.embeddingSize = 1024;
    }),
    'model/wrong-base-model',
    /trained on/,
    'other size',
  );
  rejects(
    altered(dense(), (m) => {
      delete m.baseModel;
    }),
    'model/invalid',
    /baseModel/,
    'missing',
  );
});

test('each broken part of the metadata is refused with a detail naming the check', () => {
  const cases: [string, SerializedModel, RegExp][] = [
    [
      'name not text',
      altered(dense(), (m) => {
        m.name = 42;
      }),
      /name must be text/,
    ],
    [
      'one class',
      altered(dense(), (m) => {
        m.classes = m.classes.slice(0, 1);
      }),
      /classes must be a list of 2/,
    ],
    [
      'repeated class id',
      altered(dense(), (m) => {
        m.classes[2].id = 'a';
      }),
      /classes\[2\]\.id "a" is repeated/,
    ],
    [
      'empty class id',
      altered(dense(), (m) => {
        m.classes[1].id = '';
      }),
      /classes\[1\] needs a non-empty id/,
    ],
    [
      'class name not text',
      altered(dense(), (m) => {
        m.classes[0].name = null;
      }),
      /classes\[0\] needs/,
    ],
    [
      'settings',
      altered(dense(), (m) => {
        m.settings.head.epochs = -1;
      }),
      /settings: head\.epochs/,
    ],
    [
      'head kind vs settings',
      altered(dense(), (m) => {
        m.settings.head = { kind: 'knn', k: 5 };
      }),
      /head\.kind "dense" differs/,
    ],
    [
      'head output vs classes',
      altered(dense(), (m) => {
        m.classes.push({ id: 'd', name: 'lizard' });
      }),
      /answers 3 classes but the model lists 4/,
    ],
    [
      'not ending in softmax',
      altered(dense(), (m) => {
        m.head.layers[1].activation = 'relu';
      }),
      /end with a softmax/,
    ],
    [
      'unknown activation',
      altered(dense(), (m) => {
        m.head.layers[0].activation = 'swish';
      }),
      /unknown-activation at layer 0/,
    ],
    [
      'unknown layer',
      altered(dense(), (m) => {
        m.head.layers[0].type = 'conv2d';
      }),
      /not a dense, dropout or batchNorm layer/,
    ],
    [
      'knn counts vs classes',
      altered(knn(), (m) => {
        m.head.examplesPerClass = [2, 1];
      }),
      /one count per class \(3\)/,
    ],
    [
      'knn negative count',
      altered(knn(), (m) => {
        m.head.examplesPerClass = [2, 2, -1];
      }),
      /not a whole number in range/,
    ],
    [
      'knn without examples',
      altered(knn(), (m) => {
        m.head.examplesPerClass = [0, 0, 0];
      }),
      /totals 0/,
    ],
    [
      'knn k',
      altered(knn(), (m) => {
        m.head.k = 0;
      }),
      /head\.k/,
    ],
    [
      'history',
      altered(dense(), (m) => {
        m.history[1].loss = 'low';
      }),
      /history\[1\]/,
    ],
    [
      'trainedAt',
      altered(dense(), (m) => {
        m.trainedAt = 'yesterday';
      }),
      /trainedAt/,
    ],
    [
      'spec count',
      altered(dense(), (m) => {
        m.weightSpecs.pop();
      }),
      /weightSpecs must list 4 tensors/,
    ],
    [
      'spec shape vs head',
      altered(dense(), (m) => {
        m.weightSpecs[2].shape = [100, 4];
      }),
      /weightSpecs\[2\] should be dense_1\/kernel float32 or int8 \[100, 3\]/,
    ],
    [
      'spec dtype',
      altered(knn(), (m) => {
        m.weightSpecs[0].dtype = 'int32';
      }),
      /weightSpecs\[0\] should be knn\/examples float32 or int8/,
    ],
    [
      'int8 without quantization',
      altered(knn(), (m) => {
        m.weightSpecs[0].dtype = 'int8';
      }),
      /weightSpecs\[0\] is int8 but its quantization/,
    ],
    [
      'float32 with quantization',
      altered(knn(), (m) => {
        m.weightSpecs[0].quantization = { scale: 1, zeroPoint: 0 };
      }),
      /is float32 but has a quantization/,
    ],
  ];
  for (const [label, model, detail] of cases) rejects(model, 'model/invalid', detail, label);
});

test('gigantic declared sizes are refused before any allocation', () => {
  rejects(
    altered(dense(), (m) => {
      m.head.layers[0].units = 1e9;
    }),
    'model/invalid',
    /layers\[0\]\.units must be 1 to 4096/,
    'huge layer',
  );
  rejects(
    altered(knn(), (m) => {
      m.head.examplesPerClass = [1e9, 1, 1];
    }),
    'model/invalid',
    /examplesPerClass holds a count/,
    'huge count',
  );
  rejects(
    altered(knn(), (m) => {
      m.head.examplesPerClass = [15_000, 15_000, 1];
    }),
    'model/invalid',
    /totals 30001/,
    'huge total',
  );
  rejects(
    altered(knn(), (m) => {
      m.weightSpecs[0].shape = [2 ** 40, 1280];
    }),
    'model/invalid',
    /weightSpecs\[0\]/,
    'huge spec',
  );
  rejects(
    altered(dense(), (m) => {
      m.classes = Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, name: '' }));
    }),
    'model/invalid',
    /2 to 100 classes/,
    'many classes',
  );
});

test('weights must match the specs exactly and hold only finite numbers', () => {
  const model = dense();
  rejects(
    { metadata: model.metadata, weights: model.weights.slice(0, -4) },
    'model/invalid',
    /hold 513608 bytes but weightSpecs need 513612/,
    'short',
  );
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
    assert.throws(
      () => decodeModel(input),
      (e) => isEngineError(e) && e.code === 'model/invalid' && detail.test(e.message),
      label,
    );
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

// ------------------------------------------------------------------------------------ Lab additions

const STACK: HeadLayerSpec[] = [
  { type: 'dense', units: 32, activation: 'relu' },
  { type: 'batchNorm' },
  { type: 'dropout', rate: 0.3 },
  { type: 'dense', units: 16, activation: 'tanh' },
];

/** A block-built dense model as the trainer writes it: the stack in the settings and in the head. */
function stacked(extra: Partial<ModelContent> = {}): SerializedModel {
  const head: HeadDescription = { kind: 'dense', layers: [...STACK, { type: 'dense', units: 3, activation: 'softmax' }] };
  const specs = expectedWeightSpecs(head);
  let position = 0;
  const values = specs.map((spec) =>
    Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () => (position++ % 997) / 1e3 - 0.4),
  );
  return writeModel({
    name: 'blocks',
    classes: CLASSES,
    history: HISTORY,
    head,
    weights: { specs, values },
    settings: settingsWith({ hiddenLayers: STACK, stopAtAccuracy: 0.9 }),
    ...extra,
  });
}

test('a block-built stack with batch normalisation and dropout round-trips through bytes with its weights', () => {
  const model = stacked({ stoppedEarly: { epoch: 2, watched: 'acc', accuracy: 0.8 }, validationPictureIds: ['p1', 'p7'] });
  assert.deepEqual(
    model.metadata.weightSpecs.map((s) => [s.name, s.shape]),
    [
      ['dense_0/kernel', [1280, 32]],
      ['dense_0/bias', [32]],
      ['batch_normalization_1/gamma', [32]],
      ['batch_normalization_1/beta', [32]],
      ['batch_normalization_1/moving_mean', [32]],
      ['batch_normalization_1/moving_variance', [32]],
      ['dense_3/kernel', [32, 16]],
      ['dense_3/bias', [16]],
      ['dense_4/kernel', [16, 3]],
      ['dense_4/bias', [3]],
    ],
  );
  const decoded = decodeModel(encodeModel(model));
  assert.deepEqual(decoded.metadata, model.metadata);
  assert.deepEqual((decoded.metadata.settings.head as DenseSettings).hiddenLayers, STACK);
  assert.equal(decoded.metadata.settings.stopAtAccuracy, 0.9);
  assert.deepEqual(decoded.metadata.stoppedEarly, { epoch: 2, watched: 'acc', accuracy: 0.8 });
  assert.deepEqual(decoded.metadata.validationPictureIds, ['p1', 'p7']);
  assert.deepEqual(new Uint8Array(decoded.weights), new Uint8Array(model.weights));
  // Settings saved before stacks and early stopping existed still read, without the new fields.
  const old = readModel(
    altered(dense(), (m) => {
      delete m.settings.head.hiddenLayers;
    }),
  );
  assert.equal('hiddenLayers' in old.metadata.settings.head, false);
  assert.equal('stopAtAccuracy' in old.metadata.settings, false);
  // Settings saved as one flat bag (before each head kind had settings of its own) read as today's, the other kind dropped.
  const flat = {
    method: 'dense',
    epochs: 30,
    batchSize: 8,
    learningRate: 0.01,
    validationRate: 0.2,
    knnK: 7,
    hiddenLayers: DEFAULT_HIDDEN_LAYERS,
    stopAtAccuracy: 0.9,
  };
  assert.deepEqual(
    readModel(
      altered(dense(), (m) => {
        m.settings = flat;
      }),
    ).metadata.settings,
    {
      validationRate: 0.2,
      stopAtAccuracy: 0.9,
      head: { kind: 'dense', epochs: 30, batchSize: 8, learningRate: 0.01, hiddenLayers: DEFAULT_HIDDEN_LAYERS },
    },
  );
  assert.deepEqual(
    readModel(
      altered(knn(), (m) => {
        m.settings = { ...flat, method: 'knn' };
      }),
    ).metadata.settings.head,
    { kind: 'knn', k: 7 },
  );
});

test('stacks, early stops and held-out ids that do not add up are refused', () => {
  const cases: [string, SerializedModel, RegExp][] = [
    [
      'target of 0',
      altered(stacked(), (m) => {
        m.settings.stopAtAccuracy = 0;
      }),
      /settings: stopAtAccuracy 0/,
    ],
    [
      'target above 1',
      altered(stacked(), (m) => {
        m.settings.stopAtAccuracy = 90;
      }),
      /settings: stopAtAccuracy 90/,
    ],
    [
      'stack not a list',
      altered(stacked(), (m) => {
        m.settings.head.hiddenLayers = 'dense';
      }),
      /hiddenLayers is not a list/,
    ],
    [
      'stack differs from head',
      altered(stacked(), (m) => {
        m.settings.head.hiddenLayers[0].units = 33;
      }),
      /hiddenLayers differ/,
    ],
    [
      'softmax inside the head',
      altered(dense(), (m) => {
        m.head.layers[0].activation = 'softmax';
        delete m.settings.head.hiddenLayers;
      }),
      /activation-cannot-train at layer 0/,
    ],
    [
      'two dropouts',
      altered(stacked(), (m) => {
        m.head.layers.splice(2, 0, { type: 'dropout', rate: 0.2 });
        m.settings.head.hiddenLayers.splice(2, 0, { type: 'dropout', rate: 0.2 });
      }),
      /dropout-twice at layer 3/,
    ],
    [
      'stopped after the last epoch',
      altered(stacked({ stoppedEarly: { epoch: 2, watched: 'acc', accuracy: 0.8 } }), (m) => {
        m.stoppedEarly.epoch = 5;
      }),
      /stoppedEarly/,
    ],
    [
      'stopped on an unknown accuracy',
      altered(stacked({ stoppedEarly: { epoch: 2, watched: 'acc', accuracy: 0.8 } }), (m) => {
        m.stoppedEarly.watched = 'loss';
      }),
      /stoppedEarly/,
    ],
    [
      'held-out ids not text',
      altered(stacked({ validationPictureIds: ['a'] }), (m) => {
        m.validationPictureIds = [1, 2];
      }),
      /validationPictureIds/,
    ],
  ];
  for (const [label, model, detail] of cases) rejects(model, 'model/invalid', detail, label);
});

test('int8: quantizeModel keeps the head, stores a byte per number, and the reader gives each back within half a step', () => {
  const model = stacked();
  const small = quantizeModel(model);
  assert.ok(
    small.metadata.weightSpecs.every(
      (spec) => spec.dtype === 'int8' && spec.quantization!.scale > 0 && Number.isInteger(spec.quantization!.zeroPoint),
    ),
  );
  assert.equal(small.weights.byteLength * 4, model.weights.byteLength);
  assert.deepEqual(small.metadata.head, model.metadata.head);
  assert.deepEqual(small.metadata.settings, model.metadata.settings);
  const float = readModel(model).tensors;
  const back = decodeModel(encodeModel(small)).tensors;
  back.forEach((values, i) => {
    const { scale } = small.metadata.weightSpecs[i].quantization!;
    const worst = values.reduce((m, value, j) => Math.max(m, Math.abs(value - float[i][j])), 0);
    assert.ok(worst <= scale / 2 + 1e-6, `${small.metadata.weightSpecs[i].name}: error ${worst} vs step ${scale}`);
  });
  assert.equal(quantizeModel(small), small, 'an int8 model is not squeezed twice');
});

test('int8: a corrupt quantisation field or size is refused before any tensor', () => {
  const small = quantizeModel(dense());
  const cases: [string, SerializedModel, RegExp][] = [
    [
      'scale 0',
      altered(small, (m) => {
        m.weightSpecs[1].quantization.scale = 0;
      }),
      /weightSpecs\[1\] is int8 but its quantization/,
    ],
    [
      'negative scale',
      altered(small, (m) => {
        m.weightSpecs[0].quantization.scale = -0.01;
      }),
      /weightSpecs\[0\] is int8 but its quantization/,
    ],
    [
      'scale not a number',
      altered(small, (m) => {
        m.weightSpecs[2].quantization.scale = null;
      }),
      /weightSpecs\[2\] is int8 but its quantization/,
    ],
    [
      'zero point outside int8',
      altered(small, (m) => {
        m.weightSpecs[3].quantization.zeroPoint = 200;
      }),
      /weightSpecs\[3\] is int8 but its quantization/,
    ],
    [
      'fractional zero point',
      altered(small, (m) => {
        m.weightSpecs[3].quantization.zeroPoint = 1.5;
      }),
      /weightSpecs\[3\] is int8 but its quantization/,
    ],
    [
      'quantization missing',
      altered(small, (m) => {
        delete m.weightSpecs[0].quantization;
      }),
      /weightSpecs\[0\] is int8 but its quantization/,
    ],
    [
      'scale that overflows',
      altered(small, (m) => {
        m.weightSpecs[0].quantization.scale = 1e308;
      }),
      /weights of dense_0\/kernel contain NaN or Infinity/,
    ],
  ];
  for (const [label, model, detail] of cases) rejects(model, 'model/invalid', detail, label);
  rejects(
    { metadata: small.metadata, weights: small.weights.slice(1) },
    'model/invalid',
    /weightSpecs need 128403/,
    'int8 weights cut short',
  );
});

test('int8 and float32 tensors may mix: a float32 tensor after an odd number of int8 bytes still reads', () => {
  const head: HeadDescription = {
    kind: 'dense',
    layers: [
      { type: 'dense', units: 5, activation: 'relu' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  };
  const specs = expectedWeightSpecs(head);
  const values = specs.map((spec, i) =>
    Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, (_, j) => (i + 1) * 0.01 * (j % 7)),
  );
  const settings = settingsWith({ hiddenLayers: head.layers.slice(0, -1) });
  const model = writeModel({ name: 'mixed', classes: CLASSES, settings, history: HISTORY, head, weights: { specs, values } });
  const small = quantizeModel(model);
  // dense_0/bias (5 numbers) as int8 from the shrunk model, everything else float32 from the original.
  const sizes = specs.map((spec) => spec.shape.reduce((a, b) => a * b, 1));
  const bytes = new Uint8Array(sizes[0] * 4 + sizes[1] + (sizes[2] + sizes[3]) * 4);
  bytes.set(new Uint8Array(model.weights, 0, sizes[0] * 4), 0);
  bytes.set(new Uint8Array(small.weights, sizes[0], sizes[1]), sizes[0] * 4);
  bytes.set(new Uint8Array(model.weights, (sizes[0] + sizes[1]) * 4), sizes[0] * 4 + sizes[1]);
  const metadata = {
    ...model.metadata,
    weightSpecs: model.metadata.weightSpecs.map((spec, i) => (i === 1 ? small.metadata.weightSpecs[1] : spec)),
  };
  const read = readModel({ metadata, weights: bytes.buffer });
  assert.deepEqual(read.tensors[2], values[2], 'the float32 tensor at an odd offset');
  assert.deepEqual(read.tensors[3], values[3]);
  assert.ok(
    read.tensors[1].every((value, j) => Math.abs(value - values[1][j]) <= small.metadata.weightSpecs[1].quantization!.scale / 2 + 1e-7),
  );
});
