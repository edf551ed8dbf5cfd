// The files @mediapipe/hands loads at run time (model complexity 1: hand_landmark_full.tflite; the SIMD and the
// plain WASM build, the solution picks one), copied by the build into dist/mediapipe/hands/ so a Hands model works
// with no network. The page points the solution at them relative to itself:
// `new Hands({ locateFile: (file) => `${MEDIAPIPE_HANDS_DIR}/${file}` })`. bench/landmarks.ts serves exactly
// these files, so a file missing from the list shows there.
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

/** copy-webpack-plugin patterns for those files. */
export function mediapipeHandsCopyPatterns() {
  const from = mediapipeHandsSource();
  return MEDIAPIPE_HANDS_FILES.map((file) => ({ from: path.join(from, file), to: `${MEDIAPIPE_HANDS_DIR}/${file}` }));
}
