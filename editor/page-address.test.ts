import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressAsksForImageModel } from './page-address';

test('?extension=image-model asks for Image Model, alone or among other parameters', () => {
  assert.equal(addressAsksForImageModel('?extension=image-model'), true);
  assert.equal(addressAsksForImageModel('?lang=ko&extension=Image-Model%20'), true);
  assert.equal(addressAsksForImageModel('?extension=pen&extension=image-model'), true);
});

test('other addresses do not', () => {
  for (const search of ['', '?', '?extension=pen', '?image-model', '?extension=', '?extensions=image-model']) {
    assert.equal(addressAsksForImageModel(search), false, search);
  }
});
