// The engine worker for the TurboWarp extension: the editor's worker entry (worker/engine-worker.ts), started
// from the extension file's folder, with the base model and WASM files found beside that folder (relative URLs
// resolved against the file's address, since the page is TurboWarp's).
import type { EngineApi, EngineInitOptions } from '../engine';
import { ENGINE_INIT_OPTIONS } from '../editor/engine-init-options';
import { createWorkerEngine } from '../worker/engine-client';
import { CrossOriginWorker } from './cross-origin-worker';

/** dist/'s root: the extension file is dist/turbowarp/image-model.js. */
export function distRoot(extensionFileUrl: string): URL {
  return new URL('../', extensionFileUrl);
}

/** The editor's sources and WASM folder, as absolute URLs (an absolute one, like the cache's, stays as it is). */
export function engineInitOptions(extensionFileUrl: string): EngineInitOptions {
  const root = distRoot(extensionFileUrl);
  const absolute = (url: string) => new URL(url, root).href;
  return {
    ...ENGINE_INIT_OPTIONS,
    sources: ENGINE_INIT_OPTIONS.sources.map((source) => ({ ...source, url: absolute(source.url) })),
    ...(typeof ENGINE_INIT_OPTIONS.wasmPath === 'string' && { wasmPath: absolute(ENGINE_INIT_OPTIONS.wasmPath) }),
  };
}

export function startTurboWarpEngine(): EngineApi {
  const worker = new CrossOriginWorker(new URL('../worker/engine-worker.ts', import.meta.url), { name: 'image-model-engine' });
  return createWorkerEngine(worker);
}
