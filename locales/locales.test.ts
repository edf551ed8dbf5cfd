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

test("placeholders in every language match English: {name}, a block's [ARGUMENT] and a Blockly field's %1", () => {
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
  // @ts-expect-error a key English lacks fails the typecheck; at run time t() still shows the key, not nothing.
  assert.equal(t('no.such.key'), 'no.such.key');
});

test('a filled-in name cannot turn the message around: direction controls go, right-to-left names are isolated', () => {
  const refusal = t('trainer.fileProblem', { file: 'photo\u202Egpj.exe', reason: 'Not a picture.' }, 'en');
  assert.equal(refusal, 'photogpj.exe: Not a picture.', 'the file name reads as it is, the sentence as written');
  assert.equal(t('trainer.renameClass', { name: 'rock' }, 'en'), 'Rename rock', 'a left-to-right name is left as it is');
  assert.equal(t('trainer.renameClass', { name: 'חתול\u202C' }, 'en'), 'Rename \u2068חתול\u2069');
  assert.equal(t('trainer.hintMorePicturesOther', { count: 3, name: 'قط 2' }, 'en'), 'Add 3 more pictures to “\u2068قط 2\u2069”.');
});

/**
 * The one word each language uses for a picture (children meet it in the blocks, the trainer, the popup and the
 * menus), and the other words for the same thing that must not creep in beside it. The product's own name (the
 * block category, e.g. "Image Model") is a name, not a word for a picture, and is left out.
 */
const PICTURE_WORDS: Readonly<Record<string, { readonly word: RegExp; readonly others: readonly RegExp[] }>> = {
  en: { word: /\bpictures?\b/i, others: [/\bimages?\b/i, /\bphotos?\b/i, /\bsnapshots?\b/i, /\bsamples?\b/i, /\bexamples\b/i] },
  ko: { word: /사진/, others: [/이미지/, /그림/, /스냅샷/, /샘플/, /예시/, /예제/] },
  ja: { word: /写真/, others: [/画像/, /イメージ/, /スナップショット/, /サンプル/] },
  'zh-cn': { word: /图片/, others: [/图像/, /照片/, /相片/, /快照/, /样本/, /示例/] },
  'zh-tw': { word: /圖片/, others: [/影像/, /圖像/, /照片/, /相片/, /快照/, /樣本/, /範例/] },
  es: { word: /\bimagen(es)?\b|imágenes/i, others: [/\bfotos?\b/i, /fotograf/i, /\bejemplos\b/i] },
  fr: { word: /\bimages?\b/i, others: [/\bphotos?\b/i, /clichés?/i, /échantillons?/i, /\bexemples\b/i] },
  de: { word: /bild/i, others: [/foto/i, /schnappsch/i, /\bbeispielen?\b/i] },
  'pt-br': { word: /\bimage(m|ns)\b/i, others: [/\bfotos?\b/i, /fotograf/i, /\bamostras?\b/i, /\bexemplos\b/i] },
  vi: { word: /ảnh/, others: [/hình ảnh/i, /tấm hình/i, /bức hình/i, /\bví dụ của\b/i] },
};

test('one word for a picture in each language: no synonyms beside it', () => {
  assert.deepEqual(Object.keys(PICTURE_WORDS).sort(), Object.keys(catalogues).sort());
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    const { word, others } = PICTURE_WORDS[locale];
    const productName = catalogue['blocks.categoryName'];
    const texts = Object.entries(catalogue).map(([key, text]) => [key, text.split(productName).join(' ')] as const);
    assert.ok(texts.filter(([, text]) => word.test(text)).length >= 50, `${locale} says ${word} for a picture`);
    for (const [key, text] of texts) {
      for (const other of others) assert.doesNotMatch(text, other, `${locale}:${key} says ${other} where it says ${word} everywhere else`);
    }
  }
});
