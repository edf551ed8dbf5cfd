// What the page and the hand finder's worker share: the two ways pictures come, and the errors a finder gives.
// Errors cross the worker boundary as their code and detail, so they stay plain data.

/** photo: each picture on its own (tracking reset); video: tracks the hand from one frame to the next. */
export type HandFinderMode = 'photo' | 'video';

export type HandFinderErrorCode =
  | 'hands/unreachable' // MediaPipe's files did not load (offline and not cached yet, wrong path)
  | 'hands/unsupported' // this browser cannot run it (no Worker, OffscreenCanvas, WebGL or WebAssembly)
  | 'hands/failed'; // MediaPipe stopped working while it ran, or the finder was disposed

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
