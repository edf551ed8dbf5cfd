// The messages between startHandFinder (the page) and hand-finder-worker.ts. One 'find' ends with exactly one
// 'found' or 'error' with its id; 'start' ends with 'ready' or an 'error' without an id.
import type { FoundHand } from '../engine';
import type { HandFinderErrorCode, HandFinderMode } from './types';

export type ToWorker =
  | { readonly type: 'start'; readonly filesBase: string }
  | { readonly type: 'find'; readonly id: number; readonly picture: ImageBitmap; readonly mode: HandFinderMode };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'found'; readonly id: number; readonly hand: FoundHand | null }
  | { readonly type: 'error'; readonly id?: number; readonly code: HandFinderErrorCode; readonly detail: string };
