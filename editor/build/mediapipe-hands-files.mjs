// The files @mediapipe/hands loads at run time (model complexity 1: hand_landmark_full.tflite; the SIMD and the
// plain WASM build, the solution picks one). The build copies exactly these to MEDIAPIPE_HANDS_DIR (22 MB that no
// page loads until a hand finder starts, hands/); bench/landmarks.ts serves exactly these, so a file missing from
// the list shows there.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const MEDIAPIPE_HANDS_DIR = 'mediapipe/hands';

export const MEDIAPIPE_HANDS_FILES = [
  'hands.js',
  'hands.binarypb',
  'hand_landmark_full.tflite',
  'hands_solution_packed_assets_loader.js',
  'hands_solution_packed_assets.data',
  'hands_solution_simd_wasm_bin.js',
  'hands_solution_simd_wasm_bin.wasm',
  'hands_solution_wasm_bin.js',
  'hands_solution_wasm_bin.wasm',
];

/** Where the package's files are on this machine. */
export const mediapipeHandsSource = () => path.dirname(require.resolve('@mediapipe/hands/hands.js'));
