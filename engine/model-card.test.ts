import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModelCard, cardMeasure, picturesPerClass, readModelCardFacts } from './model-card';
import type { ModelMetadata } from './types';

const metadata = {
  formatVersion: 1,
  name: 'Hands',
  baseModel: { id: 'mobilenet-v2-0.35-224', weightsSha256: 'x', embeddingSize: 1280 },
  head: { kind: 'knn', k: 3 },
  classes: [
    { id: 'a', name: 'rock' },
    { id: 'b', name: 'paper' },
    { id: 'c', name: 'scissors' },
  ],
  settings: { validationRate: 0, head: { kind: 'knn', k: 3 } },
  history: [],
  weightSpecs: [],
  trainedAt: '2026-12-04T04:00:00.000Z',
} as unknown as ModelMetadata;

const evaluation = {
  total: 12,
  right: 8,
  shaky: false,
  confusion: [
    [4, 0, 0],
    [3, 1, 0],
    [0, 1, 3],
  ],
};

test('the measure keeps the top mix-ups, most first, and never the right answers', () => {
  const measure = cardMeasure('held-out', evaluation);
  assert.deepEqual(measure, {
    measuredOn: 'held-out',
    tested: 12,
    right: 8,
    shaky: false,
    mixUps: [
      { really: 1, said: 0, count: 3 },
      { really: 2, said: 1, count: 1 },
    ],
  });
});

test('the card: the names as they are now, picture counts per class, what is not known says so', () => {
  const facts = { pictures: picturesPerClass(metadata, ['a', 'a', 'b', 'c', 'c', 'c']), measure: cardMeasure('practice', evaluation) };
  const card = buildModelCard({ metadata, facts, modelName: 'My hands', classNames: ['ROCK', 'paper', 'scissors'], picturesTravel: true });
  assert.deepEqual(card.classes, [
    { name: 'ROCK', pictures: 2 },
    { name: 'paper', pictures: 1 },
    { name: 'scissors', pictures: 3 },
  ]);
  assert.equal(card.modelName, 'My hands');
  assert.equal(card.method, 'knn');
  assert.equal(card.baseModel, 'mobilenet-v2-0.35-224');
  assert.equal(card.trainedAt, metadata.trainedAt);
  assert.equal(card.picturesTravel, true);
  const unknown = buildModelCard({ metadata, facts: undefined, modelName: 'x', classNames: [], picturesTravel: false });
  assert.equal(unknown.measure, null, 'not measured yet');
  assert.deepEqual(
    unknown.classes.map((info) => info.pictures),
    [null, null, null],
  );
});

test('facts read back from a file exactly as written', () => {
  const facts = { pictures: [2, 1, 3], measure: cardMeasure('held-out', evaluation) };
  assert.deepEqual(readModelCardFacts(JSON.parse(JSON.stringify(facts)), metadata), facts);
  assert.deepEqual(readModelCardFacts({}, metadata), {});
});

test('a hostile card is unreadable, never half-read', () => {
  const good = { pictures: [2, 1, 3], measure: cardMeasure('held-out', evaluation) };
  const hostile: unknown[] = [
    null,
    'card',
    [],
    { ...good, pictures: [2, 1] },
    { ...good, pictures: [2, 1, -3] },
    { ...good, pictures: [2, 1, 1e12] },
    { ...good, pictures: [2, 1, 0.5] },
    { ...good, extra: '<script>' },
    { ...good, measure: { ...good.measure, right: 13 } },
    { ...good, measure: { ...good.measure, measuredOn: 'test' } },
    { ...good, measure: { ...good.measure, mixUps: [{ really: 0, said: 9, count: 1 }] } },
    { ...good, measure: { ...good.measure, mixUps: [{ really: 1, said: 1, count: 1 }] } },
    { ...good, measure: { ...good.measure, mixUps: Array.from({ length: 4 }, () => ({ really: 0, said: 1, count: 1 })) } },
    { ...good, measure: { ...good.measure, shaky: 'no' } },
    JSON.parse('{"__proto__": {"polluted": true}, "pictures": [1, 1, 1]}'),
  ];
  for (const value of hostile) assert.equal(readModelCardFacts(value, metadata), 'unreadable', JSON.stringify(value));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
