import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPicturePrompt } from './picture-prompt';

const picture = (shade: number) => ({ width: 1, height: 1, data: new Uint8ClampedArray([shade, shade, shade, 255]) });

test('a request opens the popup; answering resolves it with the picture and closes the popup', async () => {
  const prompt = createPicturePrompt();
  assert.equal(prompt.getState().current, null);
  const answer = prompt.ask({ title: 'Cat' });
  assert.deepEqual(prompt.getState().current, { title: 'Cat' });
  const given = picture(10);
  prompt.answer(given);
  assert.equal(await answer, given);
  assert.equal(prompt.getState().current, null);
});

test('closing the popup resolves null', async () => {
  const prompt = createPicturePrompt();
  const answer = prompt.ask();
  prompt.answer(null);
  assert.equal(await answer, null);
});

test('requests wait in line, one popup at a time, each with a fresh ticket', async () => {
  const prompt = createPicturePrompt();
  const first = prompt.ask({ title: 'Cat' });
  const second = prompt.ask({ title: 'Dog' });
  const firstTicket = prompt.getState().ticket;
  assert.equal(prompt.getState().current?.title, 'Cat');
  assert.equal(prompt.getState().waiting, 1);
  const forCat = picture(1);
  prompt.answer(forCat);
  assert.equal(await first, forCat);
  assert.equal(prompt.getState().current?.title, 'Dog');
  assert.equal(prompt.getState().waiting, 0);
  assert.notEqual(prompt.getState().ticket, firstTicket);
  prompt.answer(null);
  assert.equal(await second, null);
});

test('stopping the project answers every waiting request with null', async () => {
  const prompt = createPicturePrompt();
  const answers = [prompt.ask(), prompt.ask(), prompt.ask()];
  let notified = 0;
  prompt.subscribe(() => {
    notified += 1;
  });
  prompt.cancelAll();
  assert.deepEqual(await Promise.all(answers), [null, null, null]);
  assert.equal(prompt.getState().current, null);
  assert.equal(notified, 1);
});

test('a reported error stays until dismissed and is cleared by the next answer', () => {
  const prompt = createPicturePrompt();
  prompt.reportError('base-model/unreachable');
  assert.equal(prompt.getState().error, 'base-model/unreachable');
  prompt.dismissError();
  assert.equal(prompt.getState().error, null);
  prompt.reportError('internal');
  void prompt.ask();
  prompt.answer(null);
  assert.equal(prompt.getState().error, null);
});

test('listeners hear every change and can unsubscribe', () => {
  const prompt = createPicturePrompt();
  const seen: (string | undefined)[] = [];
  const unsubscribe = prompt.subscribe(() => seen.push(prompt.getState().current?.title));
  void prompt.ask({ title: 'A' });
  prompt.answer(null);
  unsubscribe();
  void prompt.ask({ title: 'B' });
  assert.deepEqual(seen, ['A', undefined]);
});
