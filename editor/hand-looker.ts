// The model service's hand finder for Hands models: MediaPipe Hands off the main thread (hands/), started the
// first time a Hands model needs it, so a page without Hands models never fetches MediaPipe's files.
import { type HandFinder, startHandFinder } from '../hands/hand-finder';
import type { HandLooker } from '../model-service';

/** MediaPipe's files, relative to dist/'s root (the build copies them there). */
export const HANDS_FILES_PATH = './mediapipe/hands/';

export function lazyHandLooker(filesBase: URL): HandLooker {
  let finder: HandFinder | undefined;
  return async (image, mode) => {
    finder ??= startHandFinder({ filesBase });
    // A copy of its own: the pixels may be a view of a shared or larger buffer.
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height));
    return finder.findHand(bitmap, mode);
  };
}
