// Whether tfjs's WASM backend may use its threaded build. In a cross-origin isolated page it would, and that build
// starts a pool of 8 helper workers whatever the machine (17 MB each: 138 MB of the engine's worker on a 2-core
// laptop, measured with performance.measureUserAgentSpecificMemory in `npm run bench`). Below 4 cores, where threads
// have little to share out, the single-threaded SIMD build is used; its embeddings are bit for bit the same.
import * as tf from '@tensorflow/tfjs';
// Registers the WASM backend and its flags.
import '@tensorflow/tfjs-backend-wasm';

export const MIN_CORES_FOR_WASM_THREADS = 4;

export function wasmThreadsWorthIt(cores: number): boolean {
  return cores >= MIN_CORES_FOR_WASM_THREADS;
}

/** Call before the WASM backend starts (tfjs reads the flag once, when it picks the .wasm file). */
export function chooseWasmThreads(cores = globalThis.navigator?.hardwareConcurrency ?? 1): void {
  if (!wasmThreadsWorthIt(cores)) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}
