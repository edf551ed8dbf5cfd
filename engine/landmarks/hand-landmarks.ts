// The 21 hand landmarks MediaPipe Hands finds, in its order (index 0 is the wrist, then 4 per finger from the
// palm outwards), and the landmark model a Hands model is trained on. Plain data, no DOM.
import type { BaseModelRef } from '../types';

export const HAND_LANDMARK_NAMES = [
  'wrist',
  'thumbCmc',
  'thumbMcp',
  'thumbIp',
  'thumbTip',
  'indexMcp',
  'indexPip',
  'indexDip',
  'indexTip',
  'middleMcp',
  'middlePip',
  'middleDip',
  'middleTip',
  'ringMcp',
  'ringPip',
  'ringDip',
  'ringTip',
  'pinkyMcp',
  'pinkyPip',
  'pinkyDip',
  'pinkyTip',
] as const;

export type HandLandmarkName = (typeof HAND_LANDMARK_NAMES)[number];

export const HAND_LANDMARK_COUNT = HAND_LANDMARK_NAMES.length;

/** x, y and z of every landmark. */
export const HAND_FEATURE_SIZE = HAND_LANDMARK_COUNT * 3;

/**
 * The landmark model a Hands model's features come from (@mediapipe/hands 0.4.1675469240, model complexity 1, so
 * hand_landmark_full.tflite), named in its model file the way a Pictures model names MobileNet: another landmark
 * model would give other numbers for the same hand.
 */
export const HAND_LANDMARK_MODEL: BaseModelRef = {
  id: 'mediapipe-hands-0.4.1675469240-full',
  weightsSha256: '8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68',
  embeddingSize: HAND_FEATURE_SIZE,
};
