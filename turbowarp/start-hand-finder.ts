// The hand finder for the TurboWarp extension: hands/'s worker started from the extension file's folder (the page
// is TurboWarp's, on another origin), with MediaPipe's files found beside that folder.
import { connectHandFinder, type HandFinder, HANDS_FILES_PATH } from '../hands/hand-finder';
import { CrossOriginWorker } from './cross-origin-worker';
import { distRoot } from './start-engine';

export function startTurboWarpHandFinder(extensionFileUrl: string): HandFinder {
  const worker = new CrossOriginWorker(new URL('../hands/hand-finder-worker.ts', import.meta.url), { name: 'hand-finder' });
  return connectHandFinder(worker, { filesBase: new URL(HANDS_FILES_PATH, distRoot(extensionFileUrl)) });
}
