import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOfflineStatus, type TrainingState } from './offline-status';
import { offlineWanted } from './offline-switch';

function fakeTraining(): TrainingState & { set(running: boolean): void } {
  let running = false;
  const listeners = new Set<() => void>();
  return {
    isTraining: () => running,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      running = next;
      for (const listener of listeners) listener();
    },
  };
}

test('the update prompt waits while a model trains and shows once training ends', () => {
  const status = createOfflineStatus();
  const training = fakeTraining();
  status.watchTraining(training);
  training.set(true);
  status.updateWaiting();
  assert.equal(status.getView().updatePrompt, false);
  training.set(false);
  assert.equal(status.getView().updatePrompt, true);
  // Training again hides it until the end, so a reload never interrupts it.
  training.set(true);
  assert.equal(status.getView().updatePrompt, false);
});

test('before the extension starts nothing trains: the prompt shows at once, and listeners hear each change', () => {
  const status = createOfflineStatus();
  let heard = 0;
  status.subscribe(() => heard++);
  status.updateWaiting();
  status.noRoom();
  assert.deepEqual(status.getView(), { updatePrompt: true, noRoom: true });
  status.dismissNoRoom();
  assert.equal(status.getView().noRoom, false);
  assert.equal(heard, 3);
});

test('?no-offline or a build without offline keeps the service worker away', () => {
  assert.equal(offlineWanted('', true), true);
  assert.equal(offlineWanted('?extension=image-model', true), true);
  assert.equal(offlineWanted('?no-offline', true), false);
  assert.equal(offlineWanted('?extension=image-model&no-offline=1', true), false);
  assert.equal(offlineWanted('', false), false);
});
