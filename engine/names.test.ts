// The one set of name rules (the trainer, an opened project and an imported model all use it): no blank names, no
// two that differ only by case or spaces, no direction controls, and repairs numbered as the trainer numbers them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_LIMITS } from './model-format/model-limits';
import { cleanName, nameChanges, nameProblem, repairNames, uniqueName, withoutDirectionControls } from './names';

const classN = (position: number) => `Class ${position}`;

test('a clean name has no direction controls and single spaces, none at either end', () => {
  assert.equal(cleanName('  big \t  rock \n'), 'big rock');
  assert.equal(cleanName('photo\u202Egpj.exe'), 'photogpj.exe');
  assert.equal(cleanName('\u2066\u202A\u202B\u202C\u202D\u202E\u2067\u2068\u2069'), '');
  assert.equal(withoutDirectionControls('a\u2068b\u2069'), 'ab');
  assert.equal(cleanName('가위 ✂️ שלום'), '가위 ✂️ שלום', 'letters of any script stay');
});

test("the trainer's refusal: blank, or taken ignoring case and surrounding spaces", () => {
  assert.equal(nameProblem('', ['rock']), 'empty');
  assert.equal(nameProblem('rock', ['Rock ']), 'taken');
  assert.equal(nameProblem('ROCK', [' rock']), 'taken');
  assert.equal(nameProblem('rock', ['\u202Erock']), 'taken', 'an override cannot make two names look different');
  assert.equal(nameProblem('rocks', ['rock']), null);
  assert.equal(nameProblem(cleanName('cafe\u0301'), ['café']), 'taken', 'one name however its accent was typed, as the blocks see it');
});

test('a unique name is numbered "(2)", "(3)"… and never longer than a model file allows', () => {
  assert.equal(uniqueName('rock', []), 'rock');
  assert.equal(uniqueName('rock', ['Rock']), 'rock (2)');
  assert.equal(uniqueName('rock', ['rock', 'rock (2)']), 'rock (3)');
  const long = 'x'.repeat(MODEL_LIMITS.textLength);
  const unique = uniqueName(long, [long]);
  assert.equal(unique.length, MODEL_LIMITS.textLength);
  assert.ok(unique.endsWith(' (2)'));
});

test('repair: blanks named by position, repeats numbered, in order, beside names already taken', () => {
  assert.deepEqual(repairNames(['', ' ', 'rock'], classN), ['Class 1', 'Class 2', 'rock']);
  assert.deepEqual(repairNames(['rock', 'rock', 'ROCK '], classN), ['rock', 'rock (2)', 'ROCK (3)']);
  assert.deepEqual(repairNames(['Rock', 'rock '], classN), ['Rock', 'rock (2)']);
  assert.deepEqual(repairNames(['', 'class 1'], classN), ['Class 1', 'class 1 (2)']);
  assert.deepEqual(repairNames(['\u202Ekcor'], classN), ['kcor']);
  assert.deepEqual(repairNames(['paper'], classN, ['Paper']), ['paper (2)']);
  assert.deepEqual(
    repairNames([' ', ''], () => 'My model'),
    ['My model', 'My model (2)'],
  );
});

test('changes list what a child would notice, not spaces or invisible controls', () => {
  const before = ['', ' rock', 'rock', '\u202Epaper'];
  const after = repairNames(before, classN);
  assert.deepEqual(after, ['Class 1', 'rock', 'rock (2)', 'paper']);
  assert.deepEqual(nameChanges('class', before, after), [
    { kind: 'class', from: '', to: 'Class 1' },
    { kind: 'class', from: 'rock', to: 'rock (2)' },
  ]);
});
