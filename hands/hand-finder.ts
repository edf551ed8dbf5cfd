// Finds a hand's 21 landmarks in a picture with MediaPipe Hands, off the editor's main thread. The interface the
// trainer, the model service and the blocks use for Hands models; MediaPipe's files are loaded from `filesBase`
// (the build's dist/mediapipe/hands/) only when a finder starts, so no page pays for them before a Hands model.
import type { FoundHand } from '../engine';

/** photo: each picture on its own (tracking reset); video: tracks the hand from one frame to the next. */
export type HandFinderMode = 'photo' | 'video';

export type HandFinderErrorCode =
  | 'hands/unreachable' // MediaPipe's files did not load (offline and not cached yet, wrong path)
  | 'hands/unsupported' // this browser cannot run it (no Worker, OffscreenCanvas or WebAssembly)
  | 'hands/failed'; // MediaPipe stopped working while it ran

/** A stable code for the UI to put into words (locales), and an English detail for logs and tests. */
export class HandFinderError extends Error {
  constructor(
    readonly code: HandFinderErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'HandFinderError';
  }
}

export function isHandFinderError(value: unknown): value is HandFinderError {
  return value instanceof Error && value.name === 'HandFinderError' && typeof (value as HandFinderError).code === 'string';
}

export interface HandFinder {
  /** The most prominent hand in the picture, or null when none is found. Never blocks the main thread. */
  findHand(picture: ImageBitmap, mode: HandFinderMode): Promise<FoundHand | null>;
  /** Rejects with a HandFinderError when MediaPipe's files can't load (offline and not cached…). */
  ready(): Promise<void>;
  /** Stops the finder; calls after this reject. */
  dispose(): void;
}

export function startHandFinder(options: { readonly filesBase: URL }): HandFinder {
  // Not working yet: the interface comes first so the trainer side can build on it.
  const notYet = () => Promise.reject(new HandFinderError('hands/unsupported', `not implemented yet (${options.filesBase.href})`));
  return { findHand: notYet, ready: notYet, dispose: () => undefined };
}
