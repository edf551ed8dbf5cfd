// Where a found hand's landmark is on the stage. Every picture the blocks recognise is the centre square of what
// the stage shows (video frames mirrored as the stage shows them, the stage itself, a costume drawn there), and
// that square is the stage's middle 360x360: landmark 0..1 across the square -> x -180..180, y 180..-180.
import { Axis } from '../blocks/block-specs';
import { type FoundHand, HAND_LANDMARK_NAMES, type HandLandmarkName } from '../engine';

const SQUARE_ON_STAGE = 360;

const isLandmarkName = (value: unknown): value is HandLandmarkName => (HAND_LANDMARK_NAMES as readonly unknown[]).includes(value);

/** The landmark's stage x or y (whole numbers, as a child compares them); 0 when there is no hand or no such landmark. */
export function landmarkOnStage(hand: FoundHand | null | undefined, landmark: unknown, axis: unknown): number {
  const point = hand && isLandmarkName(landmark) ? hand.landmarks[HAND_LANDMARK_NAMES.indexOf(landmark)] : undefined;
  if (!point) return 0;
  const onStage = axis === Axis.y ? (0.5 - point.y) * SQUARE_ON_STAGE : (point.x - 0.5) * SQUARE_ON_STAGE;
  return Number.isFinite(onStage) ? Math.round(onStage) : 0;
}
