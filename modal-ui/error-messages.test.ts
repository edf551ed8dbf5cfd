import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogues } from '../locales';
import type { ProblemCode } from '../model-service/problems';
import type { CameraProblem } from './camera/camera';
import type { PictureRejection } from './pictures/square-picture';

// Listing every code as a key of this object makes the compiler fail when a new code has no entry here.
const everyCode: Record<ProblemCode | CameraProblem | PictureRejection, true> = {
  'base-model/unreachable': true,
  'base-model/hash-mismatch': true,
  'base-model/invalid': true,
  'base-model/not-loaded': true,
  'image/invalid': true,
  'embedding/invalid': true,
  'train/too-few-classes': true,
  'train/too-few-examples': true,
  'train/invalid-settings': true,
  'train/invalid-classes': true,
  'train/invalid-head': true,
  'hands/unavailable': true,
  'hands/unreachable': true,
  'hands/unsupported': true,
  'hands/failed': true,
  'train/cancelled': true,
  'model/not-loaded': true,
  'model/invalid': true,
  'model/wrong-base-model': true,
  'model/unsupported-version': true,
  internal: true,
  'store/unavailable': true,
  'store/quota-exceeded': true,
  'store/failed': true,
  'picture/not-an-image': true,
  'picture/too-big': true,
  'picture/empty': true,
  'picture/unreadable': true,
  'picture/too-many-pixels': true,
  'picture/heic': true,
  'camera/denied': true,
  'camera/not-found': true,
  'camera/in-use': true,
  'camera/unsupported': true,
  'camera/failed': true,
};

test('every error code the trainer can show has a message in every language', () => {
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const code of Object.keys(everyCode)) {
      assert.ok(catalogue[`errors.${code}`]?.trim(), `${locale} has no message for ${code}`);
    }
  }
});
