import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelCard } from '../../engine';
import { t } from '../../locales';
import { modelCardPage, modelCardText } from './model-card-text';

const card: ModelCard = {
  modelName: '<img src=x onerror=alert(1)>',
  classes: [
    { name: 'rock & "roll"', pictures: 12 },
    { name: '</li><script>alert(2)</script>', pictures: null },
  ],
  measure: { measuredOn: 'practice', tested: 6, right: 5, shaky: true, mixUps: [{ really: 1, said: 0, count: 1 }] },
  method: 'knn',
  settings: { validationRate: 0.15, head: { kind: 'knn', k: 3 } },
  trainedAt: '2026-12-04T04:00:00.000Z',
  baseModel: 'mobilenet-v2-0.35-224',
  picturesTravel: false,
};
const english = (key: Parameters<typeof t>[0], vars?: Parameters<typeof t>[1]) => t(key, vars, 'en');

test('the card in words: counts, accuracy with its honesty notes, mix-ups, settings, pictures', () => {
  const text = modelCardText(card, english, 'en');
  const lines = text.sections.flatMap((section) => section.lines);
  assert.ok(lines.includes('rock & "roll": 12 pictures'));
  assert.ok(lines.includes('</li><script>alert(2)</script>: number of pictures not known'));
  assert.ok(lines.includes('Accuracy: 83% (5 of 6 right)'));
  assert.ok(lines.includes(english('lab.evaluation.practice')), 'the number that looks too good says so');
  assert.ok(lines.includes(english('lab.evaluation.shaky', { count: 6 })));
  assert.ok(lines.includes('It called </li><script>alert(2)</script> “rock & "roll"” 1 times.'));
  assert.ok(lines.includes('Method: KNN'));
  assert.ok(lines.includes(english('trainer.card.picturesStay')));
  const unmeasured = modelCardText({ ...card, measure: null }, english, 'en').sections.flatMap((section) => section.lines);
  assert.equal(unmeasured.filter((line) => line === 'Not measured yet.').length, 2, 'accuracy and mix-ups say so honestly');
});

test('the saved page escapes every name and runs nothing', () => {
  const page = modelCardPage(modelCardText(card, english, 'en'), 'en');
  assert.doesNotMatch(page, /<script|<img|onerror=alert\(1\)>/);
  assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(page, /rock &amp; &quot;roll&quot;: 12 pictures/);
  assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
});
