import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { picturesZip } from './pictures-zip';

test("a class's pictures become one folder of numbered JPEGs, in order, named safely after the class", async () => {
  const pictures = ['first', 'second', 'third'].map((text) => ({
    encoded: new Blob([text], { type: 'image/jpeg' }),
    mimeType: 'image/jpeg' as const,
  }));
  const { fileName, bytes } = await picturesZip('rock/paper: "mine"', pictures);
  assert.equal(fileName, 'rock paper mine.zip');
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  assert.deepEqual(names, ['rock paper mine/001.jpg', 'rock paper mine/002.jpg', 'rock paper mine/003.jpg']);
  assert.equal(await zip.file('rock paper mine/002.jpg')!.async('string'), 'second');
  assert.equal((await picturesZip('***', [])).fileName, 'pictures.zip');
});
