// The backbone on the two runtimes the bench compares (bench/runtimes.ts): tfjs running the fused graph, as the
// engine does, and onnxruntime-web running the same graph converted to ONNX at load time. No Node API: it runs in
// the bench's Chromium page.
import * as tf from '@tensorflow/tfjs';
import { gatherEvidence, startBackend } from '../backend';
import { Backbone } from '../backbone/backbone';
import { loadBackbone } from '../backbone/load-backbone';
import { fusedGraphToOnnx } from '../backbone/onnx/fused-graph-to-onnx';
import { startOnnxSession } from '../backbone/onnx/onnx-session';
import { imagesToInput, imagesToTensor } from '../preprocess';
import { INPUT_SIZE, type RgbaImage } from '../types';

/** Pictures -> their embeddings back to back, preprocessing included. */
export type EmbedAll = (images: readonly RgbaImage[]) => Promise<Float32Array>;

export interface BackboneRuntimes {
  readonly tfjs: EmbedAll;
  readonly onnx: EmbedAll;
  /** Fused graph -> ONNX bytes. */
  readonly convertMs: number;
  /** onnxruntime-web's start (its .wasm fetched and compiled) and the session's. */
  readonly sessionMs: number;
  readonly onnxBytes: number;
  dispose(): Promise<void>;
}

export async function startBackboneRuntimes(options: {
  readonly modelUrl: string;
  readonly tfjsWasmPath: string;
  readonly onnxWasmPath: string;
}): Promise<BackboneRuntimes> {
  gatherEvidence({ forced: 'wasm', wasmPath: options.tfjsWasmPath });
  if (!(await startBackend('wasm'))) throw new Error("tfjs's WASM backend did not start");
  const backbone = Backbone.fromModel((await loadBackbone([{ kind: 'backbone', url: options.modelUrl }])).model);
  if (!backbone.graph) throw new Error('the backbone did not compile to a fused graph');
  let started = performance.now();
  const model = await fusedGraphToOnnx(backbone.graph);
  const convertMs = performance.now() - started;
  started = performance.now();
  const session = await startOnnxSession(model, { wasmPath: options.onnxWasmPath });
  const sessionMs = performance.now() - started;
  return {
    tfjs: async (images) => {
      const output = tf.tidy(() => backbone.embedInput(imagesToTensor(images)));
      try {
        return await output.data<'float32'>();
      } finally {
        output.dispose();
      }
    },
    onnx: (images) => session.run(imagesToInput(images), [images.length, INPUT_SIZE, INPUT_SIZE, 3]),
    convertMs,
    sessionMs,
    onnxBytes: model.length,
    dispose: async () => {
      backbone.dispose();
      await session.dispose();
    },
  };
}
