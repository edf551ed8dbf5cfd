// One found hand -> the numbers a head trains on: where the hand is in the picture, how big it is and whether it
// is a left or a right hand are taken out, so only its shape is left. Plain data, no DOM.
import { HAND_FEATURE_SIZE, HAND_LANDMARK_COUNT } from './hand-landmarks';

/** One landmark as MediaPipe gives it: x and y from 0 to 1 across the picture's width and height, z in x's scale. */
export interface Landmark {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface FoundHand {
  readonly landmarks: readonly Landmark[];
  /** MediaPipe's guess of which hand it is. */
  readonly handedness: 'Left' | 'Right';
}

const WRIST = 0;
const MIDDLE_MCP = 9;

/**
 * The hand's 21 landmarks as HAND_FEATURE_SIZE numbers (x, y, z of each): relative to the wrist, in units of the
 * palm's length (wrist to the middle finger's knuckle, which stays the same whatever the fingers do), with left
 * hands mirrored so a sign made with either hand gives the same numbers. `aspect` (width / height of the picture)
 * turns MediaPipe's 0..1 coordinates into square units first. Undefined when the landmarks do not describe a
 * hand (wrong count, not finite, or all in one point).
 */
export function normaliseHand({ landmarks, handedness }: FoundHand, aspect: number): Float32Array | undefined {
  if (landmarks.length !== HAND_LANDMARK_COUNT || !(aspect > 0) || !Number.isFinite(aspect)) return undefined;
  const mirror = handedness === 'Left' ? -1 : 1;
  const wrist = landmarks[WRIST];
  const relative = landmarks.map(({ x, y, z }) => [(x - wrist.x) * aspect * mirror, y - wrist.y, (z - wrist.z) * aspect]);
  const palm = Math.hypot(...relative[MIDDLE_MCP]);
  if (!Number.isFinite(palm) || palm < 1e-6) return undefined;
  const features = new Float32Array(HAND_FEATURE_SIZE);
  relative.forEach((point, i) => point.forEach((value, j) => (features[i * 3 + j] = value / palm)));
  return features.every(Number.isFinite) ? features : undefined;
}
