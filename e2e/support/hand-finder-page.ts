// The page script of the hand finder's specs and bench (bundled by hand-finder-bundle.ts): the product's hand
// finder, for their evaluate() calls. Browser code.
import { startHandFinder } from '../../hands/hand-finder';

declare global {
  // Read by the spec's page functions.
  var startHandFinder: typeof import('../../hands/hand-finder').startHandFinder;
  /** The address the finder's worker is resolved against (the bundle's import.meta.url): the page's, unless a spec moves it. */
  var handFinderScriptUrl: string;
}

globalThis.startHandFinder = startHandFinder;
globalThis.handFinderScriptUrl ??= document.baseURI;
