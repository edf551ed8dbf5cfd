import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HAND_FEATURE_SIZE, HAND_LANDMARK_COUNT } from './hand-landmarks';
import { normaliseHand, type Landmark } from './normalise';

/** A made-up right hand: landmark i at a spread of points, the middle knuckle (9) 0.1 above the wrist. */
const hand: Landmark[] = Array.from({ length: HAND_LANDMARK_COUNT }, (_, i) => ({
  x: 0.5 + 0.01 * Math.sin(i),
  y: 0.6 - 0.012 * i,
  z: -0.002 * i,
}));
hand[9] = { x: 0.5, y: 0.5, z: 0 };
hand[0] = { x: 0.5, y: 0.6, z: 0 };

const moved = (points: Landmark[], dx: number, dy: number, scale: number) =>
  points.map(({ x, y, z }) => ({ x: 0.5 + (x - 0.5) * scale + dx, y: 0.5 + (y - 0.5) * scale + dy, z: z * scale }));

const close = (a: Float32Array, b: Float32Array) => a.every((value, i) => Math.abs(value - b[i]) < 1e-5);

test('the wrist is the origin and the palm is one unit long', () => {
  const features = normaliseHand({ landmarks: hand, handedness: 'Right' }, 1);
  assert.ok(features);
  assert.equal(features.length, HAND_FEATURE_SIZE);
  assert.deepEqual([...features.subarray(0, 3)], [0, 0, 0]);
  assert.ok(Math.abs(Math.hypot(...features.subarray(27, 30)) - 1) < 1e-6);
});

test('the same hand elsewhere in the picture and at another size gives the same numbers', () => {
  const here = normaliseHand({ landmarks: hand, handedness: 'Right' }, 1);
  const there = normaliseHand({ landmarks: moved(hand, 0.2, -0.1, 0.5), handedness: 'Right' }, 1);
  assert.ok(here && there && close(here, there));
});

test('a left hand is the mirror image of a right hand', () => {
  const right = normaliseHand({ landmarks: hand, handedness: 'Right' }, 1);
  const mirrored = hand.map(({ x, y, z }) => ({ x: 1 - x, y, z }));
  const left = normaliseHand({ landmarks: mirrored, handedness: 'Left' }, 1);
  assert.ok(right && left && close(right, left));
  // Without mirroring, the two differ: the test can fail.
  const unmirrored = normaliseHand({ landmarks: mirrored, handedness: 'Right' }, 1);
  assert.ok(unmirrored && !close(right, unmirrored));
});

test('a wide picture: x is measured in the same units as y', () => {
  // The same hand filmed in a picture twice as wide: its x coordinates (0..1 of the width) are half as far apart.
  const wide = hand.map(({ x, y, z }) => ({ x: 0.5 + (x - 0.5) / 2, y, z: z / 2 }));
  const square = normaliseHand({ landmarks: hand, handedness: 'Right' }, 1);
  const stretched = normaliseHand({ landmarks: wide, handedness: 'Right' }, 2);
  assert.ok(square && stretched && close(square, stretched));
});

test('landmarks that are no hand give nothing instead of made-up numbers', () => {
  assert.equal(normaliseHand({ landmarks: hand.slice(0, 20), handedness: 'Right' }, 1), undefined);
  assert.equal(normaliseHand({ landmarks: hand.map(() => ({ x: 0.3, y: 0.3, z: 0 })), handedness: 'Right' }, 1), undefined);
  assert.equal(
    normaliseHand({ landmarks: hand.map((p, i) => (i === 4 ? { ...p, x: Number.NaN } : p)), handedness: 'Right' }, 1),
    undefined,
  );
  assert.equal(normaliseHand({ landmarks: hand, handedness: 'Right' }, 0), undefined);
});
