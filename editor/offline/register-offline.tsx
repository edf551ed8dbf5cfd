// The page's side of the offline copy: registers the service worker with workbox-window, shows "A new version is
// ready: reload" when a new build's worker waits (never while a model trains), and says so when the browser has
// no room for the copy. The editor works online either way.
import { createRoot } from 'react-dom/client';
import { Workbox } from 'workbox-window';
import type { ModelService } from '../../model-service';
import { isNoRoomForOffline } from './messages';
import { OfflineNotice } from './offline-notice';
import { createOfflineStatus, type TrainingState } from './offline-status';
import { offlineWanted } from './offline-switch';

/** Set by the build (editor/build/precache-manifest-plugin.cjs): false when built with IMAGE_MODEL_OFFLINE=0. */
declare const IMAGE_MODEL_OFFLINE_BUILD: boolean;

/** Beside the page, so its scope is the page's folder under any path prefix. */
const SERVICE_WORKER_URL = './service-worker.js';

export interface Offline {
  /** The model service started: the update prompt waits for its training, and its writes, before a reload. */
  attachModelService(service: Pick<ModelService, 'getState' | 'subscribe' | 'whenSaved'>): void;
}

function trainingStateOf(service: Pick<ModelService, 'getState' | 'subscribe'>): TrainingState {
  return {
    // "waiting": Train was pressed and waits for pictures still going in.
    isTraining: () => ['running', 'waiting'].includes(service.getState().training.status),
    subscribe: (listener) => service.subscribe(listener),
  };
}

/** The longest the registration waits for an idle moment after the page's load. */
const IDLE_WAIT_MS = 10_000;

/**
 * After the page's load, at the browser's first idle moment: the copy's install reads and stores some 130 files,
 * which on 2 cores slowed the editor's first start by about a second (npm run bench: first visit, against plain
 * Scratch). Safari has no requestIdleCallback; a short timeout stands in.
 */
function afterLoadWhenIdle(): Promise<void> {
  const loaded =
    document.readyState === 'complete'
      ? Promise.resolve()
      : new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
  return loaded.then(
    () =>
      new Promise<void>((resolve) =>
        'requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS }) : setTimeout(resolve, 1000),
      ),
  );
}

/** Removes a worker an earlier visit registered, and reloads once so this page comes from the network. */
async function removeOfflineCopy(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((registration) => registration.unregister()));
  if (navigator.serviceWorker.controller) window.location.reload();
}

export function startOffline(search: string): Offline {
  const status = createOfflineStatus();
  let whenSaved: () => Promise<void> = () => Promise.resolve();
  const offline: Offline = {
    attachModelService(service) {
      status.watchTraining(trainingStateOf(service));
      whenSaved = () => service.whenSaved();
    },
  };
  // Plain http:// from another computer has no service workers: the editor simply works online.
  if (!('serviceWorker' in navigator)) return offline;
  if (!offlineWanted(search, IMAGE_MODEL_OFFLINE_BUILD)) {
    void removeOfflineCopy();
    return offline;
  }

  const slot = document.createElement('div');
  document.body.append(slot);
  const workbox = new Workbox(SERVICE_WORKER_URL);
  const reload = async () => {
    await whenSaved();
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  };
  createRoot(slot).render(<OfflineNotice status={status} onReload={() => void reload()} />);

  navigator.serviceWorker.addEventListener('message', (event) => {
    if (isNoRoomForOffline(event.data)) status.noRoom();
  });
  workbox.addEventListener('waiting', () => status.updateWaiting());
  void afterLoadWhenIdle().then(() =>
    workbox.register({ immediate: true }).catch((error: unknown) => {
      // Not a child's problem (a browser that refuses workers, a private window): the editor works online.
      console.warn('[image-model] the offline copy could not be set up', error);
    }),
  );
  return offline;
}
