// The backbone's ONNX model on onnxruntime-web's CPU build (WASM SIMD; threads only where the engine gives tfjs
// threads too, 4 or more cores). Its .wasm is fetched from `wasmPath` in a browser and read from node_modules in Node.
import * as ort from 'onnxruntime-web/wasm';
import { wasmThreadsWorthIt } from '../../wasm-threads';
import { ONNX_INPUT, ONNX_OUTPUT } from './fused-graph-to-onnx';

export interface OnnxSession {
  /** Input values of shape `shape` ([n, h, w, c]) -> the n embeddings, back to back. */
  run(input: Float32Array, shape: readonly number[]): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface OnnxSessionOptions {
  /** Where ort-wasm-simd-threaded.{wasm,mjs} are served (a folder URL ending in '/'). */
  readonly wasmPath?: string;
  readonly cores?: number;
}

/** onnxruntime-web reads its WASM settings once, when the first session starts. */
export async function startOnnxSession(model: Uint8Array, options: OnnxSessionOptions = {}): Promise<OnnxSession> {
  const cores = options.cores ?? globalThis.navigator?.hardwareConcurrency ?? 1;
  if (options.wasmPath) ort.env.wasm.wasmPaths = options.wasmPath;
  ort.env.wasm.numThreads = wasmThreadsWorthIt(cores) ? cores : 1;
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return {
    async run(input, shape) {
      const results = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', input, [...shape]) });
      return results[ONNX_OUTPUT].data as Float32Array;
    },
    dispose: () => session.release(),
  };
}
