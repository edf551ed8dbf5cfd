import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cameraDisplayName } from './chosen-camera';

test('a camera named by a file path shows its file name; a short name shows as it is', () => {
  assert.equal(cameraDisplayName('/check/work/main/.cache/fake-webcam/sign-digit-3.y4m'), 'sign-digit-3.y4m');
  assert.equal(cameraDisplayName('C:\\clips\\hand.y4m'), 'hand.y4m');
  assert.equal(cameraDisplayName('HD WebCam (04f2:b5d8)'), 'HD WebCam (04f2:b5d8)');
});

test('a long camera name is cut to fit the block with an ellipsis', () => {
  const shown = cameraDisplayName('Integrated Camera With A Very Long Vendor Name (0000:1111)');
  assert.equal(shown.length, 32);
  assert.ok(shown.endsWith('…'));
  assert.ok(shown.startsWith('Integrated Camera'));
});
