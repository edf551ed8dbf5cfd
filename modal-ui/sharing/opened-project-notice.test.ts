// The opened-project notice's lines: a model that could not be opened is never stored, so the notice must say,
// in the child's language, that saving the project now leaves it out; a notice about pictures alone must not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from '../../locales/en/sharing.json';
import ko from '../../locales/ko/sharing.json';
import { t } from '../../locales';
import { nameChangeLines } from './name-changes';
import { openedProjectNoticeLines } from './opened-project-notice';

const broken = { id: 'm1', name: 'Pets', problem: 'too-large' as const, detail: 'weights declare 1099511627776 bytes' };

test('a broken model: its reason, then that saving now leaves it out (English and Korean)', () => {
  const lines = openedProjectNoticeLines({ broken: [broken], droppedPictures: 0, renamed: [] }, (key, vars) => t(key, vars, 'en'));
  assert.deepEqual(lines, [en.brokenModel.replace('{name}', 'Pets').replace('{reason}', en['problem.too-large']), en.brokenLeftOutOnSave]);
  const korean = openedProjectNoticeLines({ broken: [broken, { ...broken, name: '' }], droppedPictures: 2, renamed: [] }, (key, vars) =>
    t(key, vars, 'ko'),
  );
  assert.deepEqual(korean, [
    ko.brokenModel.replace('{name}', 'Pets').replace('{reason}', ko['problem.too-large']),
    ko['problem.too-large'],
    ko.brokenLeftOutOnSave,
    ko.droppedPictures.replace('{count}', '2'),
  ]);
});

test('only pictures left out: no warning about saving', () => {
  const lines = openedProjectNoticeLines({ broken: [], droppedPictures: 3, renamed: [] }, (key, vars) => t(key, vars, 'en'));
  assert.deepEqual(lines, [en.droppedPictures.replace('{count}', '3')]);
});

test('repaired names: why, then each name as it was and as it is now (English and Korean); nothing when none changed', () => {
  const renamed = [
    { kind: 'class', from: '', to: 'Class 1' },
    { kind: 'class', from: 'rock', to: 'rock (2)' },
    { kind: 'model', from: '', to: 'My image model' },
  ] as const;
  const fill = (text: string, from: string, to: string) => text.replace('{from}', from).replace('{to}', to);
  assert.deepEqual(
    nameChangeLines(renamed, (key, vars) => t(key, vars, 'en')),
    [
      en.namesChangedOther.replace('{count}', '3'),
      fill(en.classNamed, '', 'Class 1'),
      fill(en.classRenamed, 'rock', 'rock (2)'),
      fill(en.modelNamed, '', 'My image model'),
    ],
  );
  assert.deepEqual(
    nameChangeLines([{ kind: 'model', from: 'game', to: 'game (2)' }], (key, vars) => t(key, vars, 'ko')),
    [ko.namesChangedOne, fill(ko.modelRenamed, 'game', 'game (2)')],
  );
  assert.deepEqual(nameChangeLines([]), []);
  const twoModels = [
    { kind: 'class', from: 'rock', to: 'rock (2)', model: 'game' },
    { kind: 'class', from: '', to: 'Class 1', model: 'hands' },
  ] as const;
  assert.deepEqual(
    nameChangeLines(twoModels, (key, vars) => t(key, vars, 'en')).slice(1),
    [
      en.classRenamedIn.replace('{model}', 'game').replace('{from}', 'rock').replace('{to}', 'rock (2)'),
      en.classNamedIn.replace('{model}', 'hands').replace('{to}', 'Class 1'),
    ],
    'classes of several models say which model',
  );
  const lines = openedProjectNoticeLines({ broken: [], droppedPictures: 0, renamed }, (key, vars) => t(key, vars, 'en'));
  assert.deepEqual(lines, [], 'repaired names alone are not a broken model: no warning about saving');
});
