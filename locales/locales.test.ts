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

test('placeholders in every language match English: {name}, a block\'s [ARGUMENT] and a Blockly field\'s %1', () => {
  const names = (text: string) => [...text.matchAll(/\{(\w+)\}|\[([A-Z_0-9]+)\]|%(\d)/g)].map((m) => m[0]).sort();
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const key of Object.keys(catalogues.en)) {
      assert.deepEqual(names(catalogue[key]), names(catalogues.en[key]), `${locale}:${key} placeholders`);
    }
  }
});

test('the ten languages of the product have a catalogue each', () => {
  assert.deepEqual(Object.keys(catalogues).sort(), ['de', 'en', 'es', 'fr', 'ja', 'ko', 'pt-br', 'vi', 'zh-cn', 'zh-tw']);
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    if (locale !== 'en') assert.notEqual(catalogue['trainer.addClass'], catalogues.en['trainer.addClass'], `${locale} is not English`);
  }
});

test('Scratch locale codes resolve to a catalogue, unknown ones to English', () => {
  assert.equal(resolveLocale('ko'), 'ko');
  assert.equal(resolveLocale('ja-Hira'), 'ja');
  assert.equal(resolveLocale('zh-cn'), 'zh-cn');
  assert.equal(resolveLocale('zh-tw'), 'zh-tw');
  assert.equal(resolveLocale('pt-br'), 'pt-br');
  assert.equal(resolveLocale('pt'), 'pt-br');
  assert.equal(resolveLocale('es-419'), 'es');
  assert.equal(resolveLocale('zh-hk'), 'zh-tw');
  assert.equal(resolveLocale('en-GB'), 'en');
  assert.equal(resolveLocale('xx'), 'en');
  assert.equal(resolveLocale(undefined), 'en');
});

test('t fills placeholders and falls back to the key for unknown keys', () => {
  assert.equal(t('no.such.key'), 'no.such.key');
});
