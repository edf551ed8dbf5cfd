// The opened-project notice's lines: a model that could not be opened is never stored, so the notice must say,
// in the child's language, that saving the project now leaves it out; a notice about pictures alone must not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from '../../locales/en/sharing.json';
import ko from '../../locales/ko/sharing.json';
import { t } from '../../locales';
import { openedProjectNoticeLines } from './opened-project-notice';

const broken = { id: 'm1', name: 'Pets', problem: 'too-large' as const, detail: 'weights declare 1099511627776 bytes' };

test('a broken model: its reason, then that saving now leaves it out (English and Korean)', () => {
  const lines = openedProjectNoticeLines({ broken: [broken], droppedPictures: 0 }, (key, vars) => t(key, vars, 'en'));
  assert.deepEqual(lines, [
    en.brokenModel.replace('{name}', 'Pets').replace('{reason}', en['problem.too-large']),
    en.brokenLeftOutOnSave,
  ]);
  const korean = openedProjectNoticeLines({ broken: [broken, { ...broken, name: '' }], droppedPictures: 2 }, (key, vars) => t(key, vars, 'ko'));
  assert.deepEqual(korean, [
    ko.brokenModel.replace('{name}', 'Pets').replace('{reason}', ko['problem.too-large']),
    ko['problem.too-large'],
    ko.brokenLeftOutOnSave,
    ko.droppedPictures.replace('{count}', '2'),
  ]);
});

test('only pictures left out: no warning about saving', () => {
  const lines = openedProjectNoticeLines({ broken: [], droppedPictures: 3 }, (key, vars) => t(key, vars, 'en'));
  assert.deepEqual(lines, [en.droppedPictures.replace('{count}', '3')]);
});
