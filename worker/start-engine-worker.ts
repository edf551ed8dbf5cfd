// The one place that creates the engine's Web Worker. Webpack 5 recognises exactly this
// `new Worker(new URL('./file.ts', import.meta.url))` form and bundles engine-worker.ts (with tfjs) into a
// chunk of its own, so the editor's main bundle never contains tfjs (scripts/check-main-chunk.ts checks it).
import type { EngineApi } from '../engine';
import { createWorkerEngine } from './engine-client';

export function startEngineWorker(): { engine: EngineApi; worker: Worker } {
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { name: 'image-model-engine' });
  return { engine: createWorkerEngine(worker), worker };
}
