import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine';
import type { EngineApi } from '../engine-api';
import { isEngineError } from '../errors';
import { startModelServer, type ModelServer } from '../test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../test-support/shared-data';
import { seededRandom, shuffled } from '../training-data';
import { DEFAULT_TRAINING_SETTINGS } from '../training-settings';
import type { LabelledEmbedding, Prediction, SerializedModel } from '../types';
import { changedAnswers, evaluatePredictions } from './evaluation';
import { dequantize, quantize, weightSizes } from './quantization';

/** Largest |a - b| over two equally long arrays. */
const maxError = (a: Float32Array, b: Float32Array) => a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i])), 0);

/** The stated bound, scale / 2, plus float32's own rounding of the result (far below a step). */
const withinBound = (values: Float32Array, scale: number) => {
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return scale / 2 + largest * 2 ** -22;
};

test('round trip: every value comes back within scale / 2, and 0 stays exactly 0', () => {
  const random = seededRandom(9);
  const cases = [
    Float32Array.from({ length: 5000 }, () => (random() - 0.5) * 0.3),
    Float32Array.from({ length: 5000 }, () => random() * 4 + 1), // all positive: the range is widened to include 0
    Float32Array.from({ length: 5000 }, () => -random() * 1e-3),
    Float32Array.of(0, -2.5, 0, 7, 0.001),
  ];
  for (const values of cases) {
    const quantized = quantize(values);
    const back = dequantize(quantized);
    assert.ok(maxError(values, back) <= withinBound(values, quantized.scale), `max error ${maxError(values, back)} vs scale ${quantized.scale}`);
    values.forEach((value, i) => { if (value === 0) assert.equal(back[i], 0); });
  }
});

test('a known small case: exact steps, zero point and values', () => {
  const quantized = quantize(Float32Array.of(-1, 0, 0.5, 1.55));
  assert.equal(quantized.scale, Math.fround(2.55 / 255));
  assert.equal(quantized.zeroPoint, -28); // -128 - (-1 / 0.01)
  assert.deepEqual(Array.from(quantized.data), [-128, -28, 22, 127]);
  assert.deepEqual(Array.from(dequantize(quantized)).map((v) => Math.round(v * 1000) / 1000), [-1, 0, 0.5, 1.55]);
  assert.deepEqual(dequantize(quantize(new Float32Array(3))), new Float32Array(3));
  assert.throws(() => quantize(Float32Array.of(1, Number.NaN)), (error) => isEngineError(error) && error.code === 'model/invalid');
});

test('sizes: 4 bytes per weight before, 1 byte plus 8 per tensor after', () => {
  assert.deepEqual(weightSizes([1280 * 100, 100]), { floatBytes: 512_400, int8Bytes: 128_116 });
});

// ------------------------------------------------------------------------------------ on the shared photos

let server: ModelServer;
let engine: EngineApi;
let training: LabelledEmbedding[];
let heldOut: LabelledEmbedding[];

before(async () => {
  server = await startModelServer();
  engine = createEngine();
  await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  training = [];
  heldOut = [];
  // All 5 digits, 15 training photos per class (a classroom-sized set), the other 25 of each class held out.
  for (let digit = 0; digit < 5; digit++) {
    const embeddings = await engine.embed(signDigitPhotos(digit).map(decodeJpeg));
    const order = shuffled(embeddings, seededRandom(digit + 1));
    training.push(...order.slice(0, 15).map((embedding) => ({ classIndex: digit, embedding })));
    heldOut.push(...order.slice(15).map((embedding) => ({ classIndex: digit, embedding })));
  }
});

after(() => server.close());

/** The same model with every weight tensor squeezed through int8 and back (what loading a shrunk model gives). */
function int8RoundTrip(model: SerializedModel): { model: SerializedModel; maxErrorOverScale: number } {
  const packed = new Float32Array(model.weights);
  const out = new Float32Array(packed.length);
  let offset = 0;
  let maxErrorOverScale = 0;
  for (const spec of model.metadata.weightSpecs) {
    const size = spec.shape.reduce((product, d) => product * d, 1);
    const values = packed.subarray(offset, offset + size);
    const quantized = quantize(values);
    const back = dequantize(quantized);
    maxErrorOverScale = Math.max(maxErrorOverScale, maxError(values, back) / quantized.scale);
    out.set(back, offset);
    offset += size;
  }
  return { model: { metadata: model.metadata, weights: out.buffer }, maxErrorOverScale };
}

test('a dense head trained on the shared photos keeps its accuracy within 2 points after int8', async (t) => {
  const classes = [0, 1, 2, 3, 4].map((digit) => ({ id: `d${digit}`, name: String(digit) }));
  const model = await engine.train({
    modelName: 'hands', classes, examples: training, seed: 3,
    settings: { ...DEFAULT_TRAINING_SETTINGS, method: 'dense', validationRate: 0 },
  });
  const shrunk = int8RoundTrip(model);
  const tensorsBefore = (await engine.memory()).numTensors;
  const predict = async (key: string, serialized: SerializedModel): Promise<Prediction[]> => {
    await engine.loadModel(key, serialized);
    try {
      return await engine.predictEmbeddings(key, heldOut.map((e) => e.embedding));
    } finally {
      await engine.unloadModel(key);
    }
  };
  const floatPredictions = await predict('float', model);
  const int8Predictions = await predict('int8', shrunk.model);
  assert.equal((await engine.memory()).numTensors, tensorsBefore, 'loading and unloading leaks nothing');

  const truth = heldOut.map((e) => e.classIndex);
  const floatAccuracy = evaluatePredictions(truth, floatPredictions, 5).accuracy ?? 0;
  const int8Accuracy = evaluatePredictions(truth, int8Predictions, 5).accuracy ?? 0;
  const changed = changedAnswers(floatPredictions, int8Predictions);
  const sizes = weightSizes(model.metadata.weightSpecs.map((spec) => spec.shape.reduce((product, d) => product * d, 1)));
  t.diagnostic(`${heldOut.length} held-out photos: float ${(floatAccuracy * 100).toFixed(1)}%, int8 ${(int8Accuracy * 100).toFixed(1)}%, `
    + `${changed.length} answers changed; weights ${sizes.floatBytes} -> ${sizes.int8Bytes} bytes; `
    + `largest error ${shrunk.maxErrorOverScale.toFixed(3)} steps`);
  assert.ok(floatAccuracy >= 0.8, `the float head really learned the digits (${floatAccuracy})`);
  assert.ok(Math.abs(floatAccuracy - int8Accuracy) <= 0.02, `float ${floatAccuracy} vs int8 ${int8Accuracy}`);
  assert.ok(shrunk.maxErrorOverScale <= 0.5 + 1e-3);
  assert.ok(sizes.int8Bytes < sizes.floatBytes / 3.9);
});
