import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectModel } from '../../project-file/test-support/projects';
import { createSaveNotice, saveNoticeOf } from './save-notice';

const trained = projectModel('m1', 'dense');
const untrained = { ...projectModel('m2', 'knn'), trained: null };

test('a save says whether the pictures went with the trained model', () => {
  assert.equal(saveNoticeOf({ models: [untrained, trained], activeModelId: 'm2', includePictures: false }), 'without-pictures');
  assert.equal(saveNoticeOf({ models: [trained], activeModelId: 'm1', includePictures: true }), 'with-pictures');
  assert.equal(
    saveNoticeOf({ models: [untrained], activeModelId: 'm2', includePictures: false }),
    null,
    'no model to share: nothing to say',
  );
});

test('the notice changes with each save and goes when dismissed', () => {
  const notice = createSaveNotice();
  let changes = 0;
  notice.subscribe(() => changes++);
  notice.saved({ models: [trained], activeModelId: 'm1', includePictures: false });
  assert.equal(notice.current(), 'without-pictures');
  notice.saved({ models: [trained], activeModelId: 'm1', includePictures: true });
  assert.equal(notice.current(), 'with-pictures');
  notice.dismiss();
  assert.equal(notice.current(), null);
  assert.equal(changes, 3);
});
