import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from './backend';
import { isEngineError } from './errors';
import { imagesToTensor, imageToTensor } from './preprocess';
import type { RgbaImage } from './types';

before(async () => {
  assert.ok(await startBackend('wasm'));
});

/** width x height picture whose pixel (x, y) is colour(x, y) = [r, g, b, a]. */
function picture(width: number, height: number, colour: (x: number, y: number) => number[]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 4);
  return { width, height, data };
}

function values(image: RgbaImage): Float32Array {
  const tensor = imageToTensor(image);
  try {
    assert.deepEqual(tensor.shape, [1, 224, 224, 3]);
    return tensor.dataSync() as Float32Array;
  } finally {
    tensor.dispose();
  }
}

const at = (data: Float32Array, x: number, y: number, channel: number) => data[(y * 224 + x) * 3 + channel];

test('pixel values are scaled to [-1, 1] by x / 127.5 - 1, alpha is dropped', () => {
  const data = values(picture(50, 30, () => [255, 0, 51, 7]));
  for (let i = 0; i < data.length; i += 3) {
    assert.equal(data[i], 1);
    assert.equal(data[i + 1], -1);
    assert.ok(Math.abs(data[i + 2] - (51 / 127.5 - 1)) < 1e-6);
  }
});

test('a wide picture is centre-cropped: only its middle square is kept', () => {
  // 6x2: columns 0-1 red, 2-3 green, 4-5 blue; the centred 2x2 square is all green.
  const wide = values(picture(6, 2, (x) => (x < 2 ? [255, 0, 0, 255] : x < 4 ? [0, 255, 0, 255] : [0, 0, 255, 255])));
  assert.ok(wide.every((value, i) => value === (i % 3 === 1 ? 1 : -1)));
  // 2x6 the other way round: rows 2-3 are kept.
  const tall = values(picture(2, 6, (_, y) => (y >= 2 && y < 4 ? [0, 0, 255, 255] : [255, 255, 0, 255])));
  assert.ok(tall.every((value, i) => value === (i % 3 === 2 ? 1 : -1)));
});

test('resizing is bilinear with half-pixel centres (2x2 -> 224x224, known values)', () => {
  // Left column black, right column white: the horizontal ramp between the two pixel centres is linear.
  const data = values(picture(2, 2, (x) => (x === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255])));
  const expected = (x: number) => {
    const source = Math.min(Math.max((x + 0.5) * (2 / 224) - 0.5, 0), 1); // hand-derived sampling position
    return (source * 255) / 127.5 - 1;
  };
  assert.equal(at(data, 0, 0, 0), -1, 'left edge clamps to the black pixel');
  assert.equal(at(data, 55, 100, 1), -1, 'still black left of the first pixel centre (x = 55.5)');
  assert.ok(Math.abs(at(data, 111, 7, 2) - -0.0089286) < 1e-5, 'just left of the middle');
  assert.ok(Math.abs(at(data, 112, 7, 2) - 0.0089286) < 1e-5, 'just right of the middle');
  assert.equal(at(data, 223, 223, 0), 1, 'right edge clamps to the white pixel');
  for (let x = 0; x < 224; x++) assert.ok(Math.abs(at(data, x, 50, 0) - expected(x)) < 1e-5, `column ${x}`);
  for (let y = 0; y < 224; y++) assert.equal(at(data, 80, y, 0), at(data, 80, 0, 0), 'no vertical change');
});

test('a 224x224 picture passes through unresampled', () => {
  const image = picture(224, 224, (x, y) => [(x * 7 + y) % 256, (x * y) % 256, (x + y * 3) % 256, 255]);
  const data = values(image);
  for (let y = 0; y < 224; y += 13) {
    for (let x = 0; x < 224; x += 11) {
      for (let c = 0; c < 3; c++) assert.equal(at(data, x, y, c), Math.fround(image.data[(y * 224 + x) * 4 + c] / 127.5 - 1));
    }
  }
});

test('the batched variant stacks pictures of different sizes in order', () => {
  const red = picture(3, 5, () => [255, 0, 0, 255]);
  const grey = picture(400, 300, () => [100, 100, 100, 255]);
  const batch = imagesToTensor([red, grey]);
  try {
    assert.deepEqual(batch.shape, [2, 224, 224, 3]);
    const data = batch.dataSync();
    assert.deepEqual(data.subarray(0, 224 * 224 * 3), values(red));
    assert.deepEqual(data.subarray(224 * 224 * 3), values(grey));
  } finally {
    batch.dispose();
  }
});

test('input that is not an RGBA picture is rejected with image/invalid', () => {
  const bad: [string, unknown][] = [
    ['zero width', { width: 0, height: 2, data: new Uint8ClampedArray(0) }],
    ['fractional height', { width: 2, height: 1.5, data: new Uint8ClampedArray(12) }],
    ['short data', { width: 2, height: 2, data: new Uint8ClampedArray(15) }],
    ['RGB instead of RGBA', { width: 2, height: 2, data: new Uint8ClampedArray(12) }],
    ['plain array', { width: 1, height: 1, data: [0, 0, 0, 255] }],
    ['float data', { width: 1, height: 1, data: new Float32Array(4) }],
    ['null', null],
  ];
  const before = tf.memory().numTensors;
  for (const [label, image] of bad) {
    assert.throws(
      () => imageToTensor(image as RgbaImage),
      (error) => isEngineError(error) && error.code === 'image/invalid',
      label,
    );
  }
  assert.throws(
    () => imagesToTensor([]),
    (error) => isEngineError(error) && error.code === 'image/invalid',
    'no pictures',
  );
  assert.equal(tf.memory().numTensors, before, 'no tensor made for bad input');
});
