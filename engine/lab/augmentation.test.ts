import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEngineError } from '../errors';
import type { LabelledEmbedding, RgbaImage } from '../types';
import { augmentVariants, blur, changeBrightness, DEFAULT_AUGMENTATION, flipHorizontal, rotate, withAugmentedCopies } from './augmentation';

/** A grey, opaque picture from rows of values (red = green = blue = value). */
function grey(rows: number[][]): RgbaImage {
  const height = rows.length;
  const width = rows[0].length;
  const data = new Uint8ClampedArray(width * height * 4);
  rows.flat().forEach((value, i) => data.set([value, value, value, 255], i * 4));
  return { width, height, data };
}

/** The red channel back as rows. */
function rowsOf(image: RgbaImage): number[][] {
  return Array.from({ length: image.height }, (_, y) =>
    Array.from({ length: image.width }, (__, x) => image.data[(y * image.width + x) * 4]),
  );
}

const alphas = (image: RgbaImage) => image.data.filter((_, i) => i % 4 === 3);

const numbers = grey([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
]);

test('flip mirrors left and right, keeps each pixel whole (all four channels)', () => {
  const picture: RgbaImage = { width: 2, height: 1, data: Uint8ClampedArray.of(10, 20, 30, 40, 50, 60, 70, 80) };
  assert.deepEqual(flipHorizontal(picture).data, Uint8ClampedArray.of(50, 60, 70, 80, 10, 20, 30, 40));
  assert.deepEqual(rowsOf(flipHorizontal(numbers)), [
    [3, 2, 1],
    [6, 5, 4],
    [9, 8, 7],
  ]);
});

test('rotate: positive degrees turn clockwise, 90 and 180 degrees land exactly on pixels', () => {
  assert.deepEqual(rowsOf(rotate(numbers, 90)), [
    [7, 4, 1],
    [8, 5, 2],
    [9, 6, 3],
  ]);
  assert.deepEqual(rowsOf(rotate(numbers, -90)), [
    [3, 6, 9],
    [2, 5, 8],
    [1, 4, 7],
  ]);
  assert.deepEqual(rowsOf(rotate(numbers, 180)), [
    [9, 8, 7],
    [6, 5, 4],
    [3, 2, 1],
  ]);
  assert.deepEqual(rowsOf(rotate(numbers, 0)), rowsOf(numbers));
});

test('rotate by a small angle: known values on a gradient, corners filled from the edge, never black or transparent', () => {
  // value = 10 x; bilinear sampling of a straight ramp gives the ramp at the source point: 10 * sx.
  const ramp = grey(Array.from({ length: 5 }, () => [0, 10, 20, 30, 40]));
  const turned = rowsOf(rotate(ramp, 10));
  const s = Math.sin((10 * Math.PI) / 180);
  const c = Math.cos((10 * Math.PI) / 180);
  assert.equal(turned[2][2], 20, 'the centre stays put');
  assert.equal(turned[0][2], Math.round(10 * (2 - 2 * s))); // 17: top middle comes from left of centre
  assert.equal(turned[0][2], 17);
  assert.equal(turned[4][2], 23); // 10 * (2 + 2 sin 10)
  assert.equal(turned[0][4], Math.round(10 * (2 + 2 * c - 2 * s))); // 36: top-right corner, source row clamped to the edge
  assert.equal(turned[0][0], 0, 'top-left corner comes from beyond the left edge: the edge value, 0');
  assert.ok(alphas(rotate(ramp, 10)).every((a) => a === 255));
  const plain = grey(Array.from({ length: 6 }, () => new Array(7).fill(123)));
  assert.deepEqual(rotate(plain, 15).data, plain.data, 'a one-colour picture stays one colour: no black corners');
});

test('blur: a single white dot spreads as 1 2 1 / 2 4 2 / 1 2 1 over 16, a flat picture stays flat at the border', () => {
  const dot = grey([
    [0, 0, 0],
    [0, 255, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(rowsOf(blur(dot)), [
    [16, 32, 16],
    [32, 64, 32],
    [16, 32, 16],
  ]);
  assert.ok(alphas(blur(dot)).every((a) => a === 255));
  const flat = grey([
    [200, 200],
    [200, 200],
  ]);
  assert.deepEqual(blur(flat).data, flat.data);
});

test('brightness adds to red, green and blue, clips at 0 and 255, keeps transparency', () => {
  const pixel: RgbaImage = { width: 1, height: 1, data: Uint8ClampedArray.of(0, 100, 250, 128) };
  assert.deepEqual(changeBrightness(pixel, 40).data, Uint8ClampedArray.of(40, 140, 255, 128));
  assert.deepEqual(changeBrightness(pixel, -40).data, Uint8ClampedArray.of(0, 60, 210, 128));
  assert.throws(
    () => changeBrightness(pixel, 300),
    (error) => isEngineError(error),
  );
});

test('augmentVariants: one copy per asked change, in a fixed order, and the original is untouched', () => {
  const original = grey([
    [10, 20, 30],
    [40, 50, 60],
  ]);
  const before = Uint8ClampedArray.from(original.data);
  const copies = augmentVariants(original, DEFAULT_AUGMENTATION);
  assert.deepEqual(
    copies.map((copy) => copy.kind),
    ['flip', 'turn-left', 'turn-right', 'blur', 'brighter', 'darker'],
  );
  assert.deepEqual(copies[0].image, flipHorizontal(original));
  assert.deepEqual(copies[1].image, rotate(original, -15));
  assert.deepEqual(copies[2].image, rotate(original, 15));
  assert.deepEqual(copies[3].image, blur(original));
  assert.deepEqual(rowsOf(copies[4].image), [
    [50, 60, 70],
    [80, 90, 100],
  ]);
  assert.deepEqual(rowsOf(copies[5].image), [
    [0, 0, 0],
    [0, 10, 20],
  ]);
  for (const copy of copies) {
    assert.equal(copy.image.width, 3);
    assert.equal(copy.image.height, 2);
    assert.ok(copy.image.data instanceof Uint8ClampedArray, 'ready for new ImageData(...)');
  }
  assert.deepEqual(original.data, before);
  assert.deepEqual(
    augmentVariants(original, { blur: true }).map((copy) => copy.kind),
    ['blur'],
  );
  assert.deepEqual(augmentVariants(original, {}), []);
});

test('a broken picture is refused with image/invalid', () => {
  assert.throws(
    () => blur({ width: 2, height: 2, data: new Uint8ClampedArray(3) }),
    (error) => isEngineError(error) && error.code === 'image/invalid',
  );
});

test("only copies of training pictures join training, with their source picture's class", () => {
  const embedding = (value: number) => Float32Array.of(value);
  const training: LabelledEmbedding[] = [
    { classIndex: 0, embedding: embedding(1), pictureId: 'a' },
    { classIndex: 1, embedding: embedding(2), pictureId: 'b' },
  ];
  const copies = [
    { sourcePictureId: 'b', embedding: embedding(20) },
    { sourcePictureId: 'held-out', embedding: embedding(30) },
    { sourcePictureId: 'a', embedding: embedding(10) },
  ];
  assert.deepEqual(withAugmentedCopies(training, copies), [
    ...training,
    { classIndex: 1, embedding: embedding(20), pictureId: 'b' },
    { classIndex: 0, embedding: embedding(10), pictureId: 'a' },
  ]);
});
