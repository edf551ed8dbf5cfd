import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HAND_LANDMARK_NAMES, type FoundHand } from '../engine';
import { MEDIAPIPE_HANDS_DIR } from '../editor/build/mediapipe-hands-files.mjs';
import { HANDS_FILES_PATH } from './hand-finder';
import { PHOTO_BORDER, photoFrame, unframeHand } from './photo-frame';

test('a photo is drawn in the middle of its frame, with the border around it, whatever its size', () => {
  for (const [width, height] of [
    [100, 100],
    [640, 480],
    [480, 640],
    [4032, 3024],
  ]) {
    const { photo, ...frame } = photoFrame(width, height);
    assert.equal(Math.max(frame.width, frame.height), 256);
    assert.ok(Math.abs(photo.x / frame.width - PHOTO_BORDER) < 0.01);
    assert.ok(Math.abs(photo.y / frame.height - PHOTO_BORDER) < 0.01);
    assert.ok(Math.abs(photo.width / photo.height - width / height) < 0.02);
  }
  // A sliver still has a pixel to draw into.
  assert.equal(photoFrame(1, 5000).photo.width, 1);
});

test("a hand found in the frame comes back in the photo's own coordinates", () => {
  const frame = photoFrame(640, 480);
  const toFrame = (x: number, y: number) => ({
    x: (frame.photo.x + x * frame.photo.width) / frame.width,
    y: (frame.photo.y + y * frame.photo.height) / frame.height,
    z: (0.1 * frame.photo.width) / frame.width,
  });
  const hand: FoundHand = {
    handedness: 'Left',
    landmarks: Array.from({ length: HAND_LANDMARK_NAMES.length }, (_, i) => toFrame(i / 20, 1 - i / 20)),
  };
  const back = unframeHand(hand, frame);
  assert.equal(back.handedness, 'Left');
  back.landmarks.forEach(({ x, y, z }, i) => {
    assert.ok(Math.abs(x - i / 20) < 1e-9);
    assert.ok(Math.abs(y - (1 - i / 20)) < 1e-9);
    assert.ok(Math.abs(z - 0.1) < 1e-9);
  });
});

test('the finder looks for the files where the build puts them', () => {
  assert.equal(HANDS_FILES_PATH, `${MEDIAPIPE_HANDS_DIR}/`);
});
