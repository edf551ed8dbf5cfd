// Entry point of the hand finder's Web Worker (a classic worker: MediaPipe loads its scripts with importScripts).
// Pictures are looked at one at a time, in the order they came.
import type { FoundHand } from '../engine';
import { startHandsInWorker, type HandsInWorker } from './mediapipe-in-worker';
import { photoFrame, unframeHand } from './photo-frame';
import type { FromWorker, ToWorker } from './protocol';
import { HandFinderError, isHandFinderError, type HandFinderMode } from './types';

declare const self: DedicatedWorkerGlobalScope;

/** Smaller pictures hold no hand MediaPipe can find (and its palm detector needs a few pixels to scale). */
const MIN_SIDE = 16;

const post = (message: FromWorker) => self.postMessage(message);

let hands: Promise<HandsInWorker> | undefined;
let queue: Promise<void> = Promise.resolve();
/** The mode of the last picture: a photo after video frames (or the first frame after photos) starts afresh. */
let lastMode: HandFinderMode | undefined;

/** The one canvas photos are framed on (MediaPipe copies it into its own texture before send() returns). */
let frameCanvas: OffscreenCanvas | undefined;

function framed(picture: ImageBitmap): { canvas: OffscreenCanvas; unframe: (hand: FoundHand) => FoundHand } {
  const frame = photoFrame(picture.width, picture.height);
  frameCanvas ??= new OffscreenCanvas(frame.width, frame.height);
  frameCanvas.width = frame.width;
  frameCanvas.height = frame.height;
  const context = frameCanvas.getContext('2d');
  if (!context) throw new HandFinderError('hands/unsupported', 'no 2D OffscreenCanvas');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, frame.width, frame.height);
  context.drawImage(picture, frame.photo.x, frame.photo.y, frame.photo.width, frame.photo.height);
  return { canvas: frameCanvas, unframe: (hand) => unframeHand(hand, frame) };
}

async function find(picture: ImageBitmap, mode: HandFinderMode): Promise<FoundHand | null> {
  const solution = await (hands ?? Promise.reject(new HandFinderError('hands/failed', 'find before start')));
  if (picture.width < MIN_SIDE || picture.height < MIN_SIDE) return null;
  if (mode === 'photo' || lastMode !== mode) solution.reset();
  lastMode = mode;
  const framing = mode === 'photo' ? framed(picture) : undefined;
  let results;
  try {
    results = await solution.detect(framing?.canvas ?? picture);
  } catch (error) {
    throw new HandFinderError('hands/failed', String(error));
  }
  const landmarks = results?.multiHandLandmarks?.[0];
  const handedness = results?.multiHandedness?.[0]?.label;
  if (!landmarks || !handedness) return null;
  const hand: FoundHand = { handedness, landmarks: landmarks.map(({ x, y, z }) => ({ x, y, z })) };
  return framing ? framing.unframe(hand) : hand;
}

self.onmessage = ({ data }: MessageEvent<ToWorker>) => {
  if (data.type === 'start') {
    hands = startHandsInWorker(new URL(data.filesBase));
    hands.then(
      () => post({ type: 'ready' }),
      (error: unknown) => post({ type: 'error', ...asFinderError(error, 'hands/unreachable') }),
    );
    return;
  }
  const { id, picture, mode } = data;
  queue = queue.then(() =>
    find(picture, mode)
      .then(
        (hand) => post({ type: 'found', id, hand }),
        (error: unknown) => post({ type: 'error', id, ...asFinderError(error, 'hands/failed') }),
      )
      .finally(() => picture.close()),
  );
};

function asFinderError(error: unknown, otherwise: HandFinderError['code']): Pick<HandFinderError, 'code' | 'detail'> {
  return isHandFinderError(error) ? { code: error.code, detail: error.detail } : { code: otherwise, detail: String(error) };
}
