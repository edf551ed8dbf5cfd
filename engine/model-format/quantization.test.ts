import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEngineError } from '../errors';
import { seededRandom } from '../training-data';
import { dequantize, quantize } from './quantization';

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
    assert.ok(
      maxError(values, back) <= withinBound(values, quantized.scale),
      `max error ${maxError(values, back)} vs scale ${quantized.scale}`,
    );
    values.forEach((value, i) => {
      if (value === 0) assert.equal(back[i], 0);
    });
  }
});

test('a known small case: exact steps, zero point and values', () => {
  const quantized = quantize(Float32Array.of(-1, 0, 0.5, 1.55));
  assert.equal(quantized.scale, Math.fround(2.55 / 255));
  assert.equal(quantized.zeroPoint, -28); // -128 - (-1 / 0.01)
  assert.deepEqual(Array.from(quantized.data), [-128, -28, 22, 127]);
  assert.deepEqual(
    Array.from(dequantize(quantized)).map((v) => Math.round(v * 1000) / 1000),
    [-1, 0, 0.5, 1.55],
  );
  assert.deepEqual(dequantize(quantize(new Float32Array(3))), new Float32Array(3));
  assert.throws(
    () => quantize(Float32Array.of(1, Number.NaN)),
    (error) => isEngineError(error) && error.code === 'model/invalid',
  );
});

// On the shared photos (int8 accuracy within 2 points of float) through the real path: engine/engine-lab.test.ts.
