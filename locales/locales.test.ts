import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogues, t, resolveLocale } from './index';

test('every language has exactly the keys English has, none empty', () => {
  const english = Object.keys(catalogues.en).sort();
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    assert.deepEqual(Object.keys(catalogue).sort(), english, `locale ${locale} keys differ from English`);
    for (const [key, text] of Object.entries(catalogue)) assert.ok(text.trim().length > 0, `${locale}:${key} is empty`);
  }
});

test('placeholders in every language match English', () => {
  const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const key of Object.keys(catalogues.en)) {
      assert.deepEqual(names(catalogue[key]), names(catalogues.en[key]), `${locale}:${key} placeholders`);
    }
  }
});

test('Scratch locale codes resolve to a catalogue, unknown ones to English', () => {
  assert.equal(resolveLocale('ko'), 'ko');
  assert.equal(resolveLocale('en-GB'), 'en');
  assert.equal(resolveLocale('xx'), 'en');
  assert.equal(resolveLocale(undefined), 'en');
});

test('t fills placeholders and falls back to the key for unknown keys', () => {
  assert.equal(t('no.such.key'), 'no.such.key');
});
