import type { FoundHand } from '../../model-service';
import './hands.css';

/** MediaPipe Hands' connections between the 21 landmarks: each finger from the wrist out, and across the palm. */
const BONES: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 4],
  [0, 5],
  [5, 6],
  [6, 7],
  [7, 8],
  [5, 9],
  [9, 10],
  [10, 11],
  [11, 12],
  [9, 13],
  [13, 14],
  [14, 15],
  [15, 16],
  [13, 17],
  [0, 17],
  [17, 18],
  [18, 19],
  [19, 20],
];

/**
 * The hand found in a square picture, drawn over it (landmarks 0..1 across the square): what a Hands model
 * learns from. Decoration only: the picture's own label says whether a hand was found.
 */
export function HandSkeleton({ hand }: { readonly hand: FoundHand }) {
  const points = hand.landmarks;
  return (
    <svg className="imt-hand" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {BONES.map(([from, to]) => (
        <line
          key={`${from}-${to}`}
          className="imt-hand__bone"
          x1={points[from].x}
          y1={points[from].y}
          x2={points[to].x}
          y2={points[to].y}
          vectorEffect="non-scaling-stroke"
        />
      ))}
      {points.map((point, index) => (
        <circle key={index} className="imt-hand__joint" cx={point.x} cy={point.y} r={0.018} />
      ))}
    </svg>
  );
}
