// The service worker (its own webpack entry, dist/service-worker.js): after one visit the editor, our extension,
// tfjs's WASM and the base model come from the browser's cache, so a class keeps working when the Wi-Fi drops.
// The build writes the list of files and their SHA-256 into it (editor/build/precache-manifest-plugin.cjs).
// Every URL is relative to the worker's own folder, so it works under any path prefix.
import { clientsClaim } from 'workbox-core';
import { PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import mediapipeHands from '@mediapipe/hands/package.json';
import { NO_ROOM_FOR_OFFLINE, type NoRoomForOffline } from './messages';
import { verifiedResponse } from './precache-integrity';

interface PrecacheList {
  /** Every file of the offline copy, with its revision and `sha256-…` integrity. */
  readonly entries: readonly (PrecacheEntry & { readonly integrity: string })[];
  /** What those files weigh together, as stored (decoded). */
  readonly bytes: number;
}

declare const self: ServiceWorkerGlobalScope & { readonly __IMAGE_MODEL_PRECACHE__: PrecacheList };

/** Head room above the offline copy's own weight: the child's models and pictures share the same quota. */
const ROOM_FACTOR = 1.2;

const precache = self.__IMAGE_MODEL_PRECACHE__;
const scope = new URL(self.registration.scope);

/** Stores a good copy of a damaged entry again (the strategy itself repairs only requests made in cors mode). */
async function repair(cacheName: string, cacheKey: string, integrity: string): Promise<void> {
  try {
    const fresh = await fetch(cacheKey, { integrity, cache: 'reload', credentials: 'same-origin' });
    if (fresh.ok) await (await caches.open(cacheName)).put(cacheKey, fresh);
  } catch {
    // Offline, or the server changed the file: the next install stores the new build's copy.
  }
}

const controller: PrecacheController = new PrecacheController({
  plugins: [
    {
      // A cached file that no longer matches the build's digest (cut short, overwritten) counts as missing, so
      // the strategy fetches it from the network (never a broken editor), and a good copy is stored again.
      cachedResponseWillBeUsed: async ({ cacheName, request, cachedResponse, event }): Promise<Response | null> => {
        const integrity = controller.getIntegrityForCacheKey(request.url);
        if (!cachedResponse || !integrity) return cachedResponse ?? null;
        const verified = await verifiedResponse(cachedResponse, integrity);
        if (!verified) event?.waitUntil(repair(cacheName, request.url, integrity));
        return verified;
      },
    },
  ],
});
controller.addToCacheList([...precache.entries]);

async function tellPages(message: NoRoomForOffline): Promise<void> {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage(message);
}

/** Whether the browser's quota leaves room for the whole copy (a first install; an update reuses most files). */
async function roomForFirstCopy(): Promise<boolean> {
  if (self.registration.active) return true;
  const { quota, usage } = await navigator.storage.estimate();
  return quota === undefined || usage === undefined || quota - usage >= precache.bytes * ROOM_FACTOR;
}

async function install(event: ExtendableEvent): Promise<void> {
  if (!(await roomForFirstCopy())) {
    await tellPages({ type: NO_ROOM_FOR_OFFLINE });
    throw new Error(`Not enough storage for the offline copy (${precache.bytes} bytes)`);
  }
  try {
    await controller.install(event);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') await tellPages({ type: NO_ROOM_FOR_OFFLINE });
    throw error;
  }
}

self.addEventListener('install', (event) => event.waitUntil(install(event)));
self.addEventListener('activate', (event) => void controller.activate(event));
// The page that registered the worker is served by it at once (its later chunks, the engine, the model).
clientsClaim();
// workbox-window's messageSkipWaiting(), sent only when the child presses "reload".
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The editor's page for its address with any query (?extension=image-model, a project link): the precached page.
const pageHandler = controller.createHandlerBoundToURL('index.html');
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && [scope.pathname, `${scope.pathname}index.html`].includes(url.pathname),
  pageHandler,
);
registerRoute(new PrecacheRoute(controller, { ignoreURLParametersMatching: [/.*/] }));

// Files outside the precache, kept once fetched: a base model the server sends later, the GUI's tutorials and
// library pictures a child has opened. Served from the cache, refreshed in the background.
const KEPT_FOLDERS = ['models/', 'static/', 'chunks/', 'libraries/'];
registerRoute(
  ({ request, url }) =>
    request.method === 'GET' &&
    url.origin === scope.origin &&
    KEPT_FOLDERS.some((folder) => url.pathname.startsWith(scope.pathname + folder)),
  new StaleWhileRevalidate({ cacheName: 'image-model-kept-files' }),
);

// MediaPipe Hands (dist/mediapipe/hands/: the 7 files, 16 MB, a browser uses), stored the first time a Hands
// model uses it: not precached, as most children never make one. Its names carry no content hash, so its cache is named after its version (a new
// version starts a new cache) and its files never change within it: served from the cache, never re-fetched.
const HANDS_FOLDER = `${scope.pathname}mediapipe/hands/`;
registerRoute(
  ({ request, url }) => request.method === 'GET' && url.origin === scope.origin && url.pathname.startsWith(HANDS_FOLDER),
  new CacheFirst({ cacheName: `image-model-mediapipe-hands-${mediapipeHands.version}` }),
);
