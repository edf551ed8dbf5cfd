import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STACK_PROBLEM_CODES, stackProblems, type StackLayerSpec } from '../../../engine';
import { catalogues, t } from '../../../locales';
import { stackProblemKey, stackProblemText } from './problem-messages';

test('every reason a stack cannot train has its own message in English and Korean', () => {
  for (const locale of ['en', 'ko']) {
    const messages = STACK_PROBLEM_CODES.map((code) => catalogues[locale][stackProblemKey(code)]);
    messages.forEach((message, index) => assert.ok(message?.trim(), `${locale} has no message for ${STACK_PROBLEM_CODES[index]}`));
    assert.equal(new Set(messages).size, messages.length, `${locale}: two problems share a message`);
  }
});

test('each bad stack is explained with its own words, naming the block to fix and the limit', () => {
  const dense = (units: number, activation: 'relu' | 'softmax' = 'relu'): StackLayerSpec => ({ type: 'dense', units, activation });
  const bad: StackLayerSpec[][] = [
    [dense(0)],
    [dense(2.5)],
    [dense(5000)],
    [dense(10, 'softmax')],
    [{ type: 'dropout', rate: 1 }],
    [
      { type: 'dropout', rate: 0.2 },
      { type: 'dropout', rate: 0.2 },
    ],
    new Array(8).fill(dense(4)),
    [dense(1600)],
  ];
  const texts = bad.map((stack) => {
    const [problem] = stackProblems(stack, 3);
    return stackProblemText((key, vars) => t(key, vars, 'en'), problem, stack.length);
  });
  assert.equal(new Set(texts).size, texts.length);
  assert.equal(texts[0], 'Block 1: A dense layer needs at least 1 unit, or nothing gets through it.');
  assert.equal(texts[5], 'Block 2: Two dropout blocks in a row switch off more than you think. Use one dropout block instead.');
  assert.match(texts[2], /at most 4096 units/);
  assert.match(texts[6], /^Block 8: .*at most 7 blocks/);
  assert.match(texts[7], /^Block 1: .*more than 2,000,000 numbers/);
  for (const text of texts) assert.doesNotMatch(text, /[{}]|lab\./, text);
  // The answer layer is the block after the stack.
  assert.match(stackProblemText(t, { code: 'too-many-parameters', layerIndex: 1 }, 1), /^The answer block: /);
});
