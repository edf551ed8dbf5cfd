import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseEncoding, type ContentEncoding } from './content-encoding';

const both: ReadonlySet<ContentEncoding> = new Set(['br', 'gzip']);

test('brotli is preferred when the client accepts both, as browsers do', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd', both), 'br');
  assert.equal(chooseEncoding('br, gzip', both), 'br');
});

test('a client without brotli gets gzip, and one with neither gets the file as it is', () => {
  assert.equal(chooseEncoding('gzip, deflate', both), 'gzip');
  assert.equal(chooseEncoding('deflate', both), null);
  assert.equal(chooseEncoding('identity', both), null);
  assert.equal(chooseEncoding(undefined, both), null);
  assert.equal(chooseEncoding('', both), null);
});

test('q=0 refuses a coding, and a higher weight wins over our preference', () => {
  assert.equal(chooseEncoding('br;q=0, gzip', both), 'gzip');
  assert.equal(chooseEncoding('br; q=0.0, gzip;q=0', both), null);
  assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.8', both), 'gzip');
  assert.equal(chooseEncoding('BR;Q=1, GZIP', both), 'br');
});

test('* stands for the codings not named', () => {
  assert.equal(chooseEncoding('*', both), 'br');
  assert.equal(chooseEncoding('br;q=0, *', both), 'gzip');
  assert.equal(chooseEncoding('*;q=0', both), null);
  assert.equal(chooseEncoding('gzip;q=0, *;q=0.1', both), 'br');
});

test('only a copy the build wrote is chosen', () => {
  assert.equal(chooseEncoding('br, gzip', new Set(['gzip'])), 'gzip');
  assert.equal(chooseEncoding('br', new Set(['gzip'])), null);
  assert.equal(chooseEncoding('br, gzip', new Set()), null);
});

test('a malformed weight refuses that coding rather than guessing', () => {
  assert.equal(chooseEncoding('br;q=abc, gzip', both), 'gzip');
});
