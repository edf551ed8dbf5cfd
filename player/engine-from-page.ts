// The engine for the game page: its worker script, tfjs's WASM and the base model all come from the page's parts.
// The worker starts from a blob URL made here; the WASM and the base model go to it as data: URLs, the only
// addresses a worker can fetch from a file:// page (a blob URL made by such a page is refused inside its worker).
// The base model is still checked against its SHA-256 by the engine, whichever way it arrives.
import type { EngineApi, EngineInitOptions, WasmFiles } from '../engine';
import { createWorkerEngine } from '../worker/engine-client';
import { dataUrl, readPart } from './game-page-format';

/** The base model's model.json, pointing at its weights by a data: URL instead of the file name beside it. */
async function baseModelUrl(): Promise<string> {
  const [json, weights] = await Promise.all([readPart('base-model-json'), readPart('base-model-weights')]);
  const model = JSON.parse(new TextDecoder().decode(json)) as { weightsManifest: { paths: string[] }[] };
  const weightsUrl = await dataUrl(weights, 'application/octet-stream');
  // The base model is one weights file (engine/base-model.ts checks its hash as one piece).
  model.weightsManifest = model.weightsManifest.map((group, index) => ({ ...group, paths: index === 0 ? [weightsUrl] : [] }));
  return dataUrl(new TextEncoder().encode(JSON.stringify(model)), 'application/json');
}

/** The page carries the SIMD build only (every browser of the last years runs it; the threaded one needs an
 * isolated page, which a file is not); without SIMD the engine falls back to another backend. */
async function wasmFiles(): Promise<WasmFiles> {
  const simd = await dataUrl(await readPart('wasm'), 'application/wasm');
  return { 'tfjs-backend-wasm.wasm': simd, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': simd };
}

export async function startPageEngine(): Promise<{ api: EngineApi; init: EngineInitOptions }> {
  const script = URL.createObjectURL(new Blob([await readPart('engine')], { type: 'text/javascript' }));
  const api = createWorkerEngine(new Worker(script, { name: 'image-model-engine' }));
  const [url, wasmPath] = await Promise.all([baseModelUrl(), wasmFiles()]);
  return { api, init: { sources: [{ kind: 'backbone', url }], wasmPath } };
}
