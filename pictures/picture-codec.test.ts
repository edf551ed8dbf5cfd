import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { signDigitPhotos } from '../engine/test-support/shared-data';
import { bytesMatchType, isPictureMimeType, pictureExtension } from './picture-codec';

test('the codec knows its types, names their files and tells their bytes from others', () => {
  assert.equal(isPictureMimeType('image/jpeg'), true);
  for (const other of ['image/png', 'text/plain', 'toString', '__proto__', 42, undefined])
    assert.equal(isPictureMimeType(other), false, String(other));
  assert.equal(pictureExtension('image/jpeg'), 'jpg');
  assert.equal(bytesMatchType(readFileSync(signDigitPhotos(0)[0]), 'image/jpeg'), true);
  assert.equal(bytesMatchType(PNG.sync.write(new PNG({ width: 1, height: 1 })), 'image/jpeg'), false);
  assert.equal(bytesMatchType(new TextEncoder().encode('not a picture'), 'image/jpeg'), false);
});
