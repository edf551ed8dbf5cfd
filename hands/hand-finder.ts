// Finds a hand's 21 landmarks in a picture with MediaPipe Hands, in a Web Worker of its own
// (hand-finder-worker.ts), so the editor's main thread only posts pictures and reads answers. The interface the
// trainer, the model service and the blocks use for Hands models. MediaPipe's files (22 MB, the build's
// dist/mediapipe/hands/) load from `filesBase` only when a finder starts: no page pays for them before a Hands model.
import type { FoundHand } from '../engine';
import type { FromWorker, ToWorker } from './protocol';
import { HandFinderError, type HandFinderMode } from './types';

export { HandFinderError, isHandFinderError, type HandFinderErrorCode, type HandFinderMode } from './types';

/** Where the build puts MediaPipe's files, relative to the page (editor/build/mediapipe-hands-files.mjs's MEDIAPIPE_HANDS_DIR). */
export const HANDS_FILES_PATH = 'mediapipe/hands/';

export interface HandFinder {
  /**
   * The most prominent hand in the picture, or null when none is found. Never blocks the main thread. The
   * picture is copied to the worker: the caller still owns (and closes) it. Photos get a white border first,
   * which helps the palm detector with close-ups; landmarks are in the picture's own 0..1 coordinates.
   */
  findHand(picture: ImageBitmap, mode: HandFinderMode): Promise<FoundHand | null>;
  /** Rejects with a HandFinderError when MediaPipe's files can't load (offline and not cached…). */
  ready(): Promise<void>;
  /** Stops the worker; calls still waiting, and any after this, reject with 'hands/failed'. */
  dispose(): void;
}

interface Waiting {
  resolve(hand: FoundHand | null): void;
  reject(error: HandFinderError): void;
}

/** A finder whose every call rejects with `error`. */
function failedFinder(error: HandFinderError): HandFinder {
  const fail = () => Promise.reject(error);
  return { findHand: fail, ready: fail, dispose: () => undefined };
}

/** Starts MediaPipe in its worker at once; `ready()` says when it can look (the first start fetches 16 MB of files, 9.5 MB as brotli). */
export function startHandFinder(options: { readonly filesBase: URL }): HandFinder {
  if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function' || typeof WebAssembly !== 'object')
    return failedFinder(new HandFinderError('hands/unsupported', 'no Worker, OffscreenCanvas or WebAssembly'));
  return connectHandFinder(new Worker(new URL('./hand-finder-worker.ts', import.meta.url), { name: 'hand-finder' }), options);
}

/**
 * The finder over a worker running hand-finder-worker.ts that someone else started: TurboWarp's extension starts
 * it with turbowarp/cross-origin-worker.ts, as its page is on another origin than its files.
 */
export function connectHandFinder(worker: Worker, options: { readonly filesBase: URL }): HandFinder {
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  /** Set once the finder cannot answer any more: every later call rejects with it. */
  let stopped: HandFinderError | undefined;
  let settleReady: { resolve(): void; reject(error: HandFinderError): void } | undefined;
  /** Whether MediaPipe has started: an error in the worker before that means its files did not load. */
  let started = false;
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  // Callers that never ask ready() still see the error from findHand.
  ready.catch(() => undefined);

  const stop = (error: HandFinderError) => {
    stopped ??= error;
    settleReady?.reject(stopped);
    for (const call of waiting.values()) call.reject(stopped);
    waiting.clear();
    worker.terminate();
  };
  const take = (id: number) => {
    const call = waiting.get(id);
    waiting.delete(id);
    return call;
  };
  worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
    if (data.type === 'ready') {
      started = true;
      settleReady?.resolve();
    } else if (data.type === 'found') take(data.id)?.resolve(data.hand);
    else if (data.id === undefined) stop(new HandFinderError(data.code, data.detail));
    else take(data.id)?.reject(new HandFinderError(data.code, data.detail));
  };
  // The worker's own script did not load (offline, wrong path), or it crashed (MediaPipe's WASM aborting).
  worker.onerror = (event) => {
    event.preventDefault();
    const detail = event.message || 'the hand finder worker did not start';
    stop(new HandFinderError(started ? 'hands/failed' : 'hands/unreachable', detail));
  };
  worker.postMessage({ type: 'start', filesBase: options.filesBase.href } satisfies ToWorker);

  return {
    async findHand(picture, mode) {
      await ready;
      if (stopped) throw stopped;
      const id = nextId++;
      return new Promise<FoundHand | null>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        try {
          worker.postMessage({ type: 'find', id, picture, mode } satisfies ToWorker);
        } catch (error) {
          // A picture that cannot be copied (closed, or not an ImageBitmap).
          waiting.delete(id);
          reject(new HandFinderError('hands/failed', `the picture could not be sent: ${String(error)}`));
        }
      });
    },
    ready: () => ready,
    dispose: () => stop(new HandFinderError('hands/failed', 'the hand finder was disposed')),
  };
}
