// The page script of e2e/hand-finder.spec.ts (bundled by the spec): the product's hand finder, for the spec's
// evaluate() calls. Browser code.
import { startHandFinder } from '../../hands/hand-finder';

declare global {
  // Read by the spec's page functions.
  var startHandFinder: typeof import('../../hands/hand-finder').startHandFinder;
}

globalThis.startHandFinder = startHandFinder;
