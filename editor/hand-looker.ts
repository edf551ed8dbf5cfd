// The model service's hand finder for Hands models: MediaPipe Hands off the main thread (hands/), started the
// first time a Hands model needs it, so a page without Hands models never fetches MediaPipe's files.
import { type HandFinder, HANDS_FILES_PATH, startHandFinder } from '../hands/hand-finder';
import type { HandLooker } from '../model-service';

/** `start` makes the finder (the editor's, or TurboWarp's worker from the extension's folder) on first use. */
export function lazyHandLooker(start: () => HandFinder): HandLooker {
  let finder: HandFinder | undefined;
  return async (image, mode) => {
    finder ??= start();
    // A copy of its own: the pixels may be a view of a shared or larger buffer.
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height));
    try {
      return await finder.findHand(bitmap, mode);
    } finally {
      // The finder copied it to its worker.
      bitmap.close();
    }
  };
}

/** The editor's finder: MediaPipe's files beside the page. */
export const startEditorHandFinder = (): HandFinder => startHandFinder({ filesBase: new URL(HANDS_FILES_PATH, document.baseURI) });
