// Choosing the tfjs backend by evidence, not by habit. Measured on a 2-core machine without a GPU
// (shared/docs/performance.md): WASM 24 ms per embedding, WebGL through the SwiftShader software renderer 159 ms,
// plain-JS CPU 439 ms. "WebGL first" would make such a machine 6.5x slower; a real GPU, though, can beat WASM,
// so a hardware WebGL is timed against WASM and the faster one kept.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { WasmFiles } from './engine-api';
import { EngineError } from './errors';
import { chooseWasmThreads } from './wasm-threads';

export type BackendName = 'wasm' | 'webgl' | 'cpu';

export interface BackendEvidence {
  /** A backend the caller insists on (tests, benchmarks, a choice remembered from an earlier visit). */
  readonly forced?: BackendName;
  /** Backends that could start on this machine. */
  readonly available: readonly BackendName[];
  /** WebGL's (unmasked) renderer string, when WebGL exists. */
  readonly webglRenderer?: string;
  /** Milliseconds one embedding took, for backends that were timed. */
  readonly embedMs?: Partial<Record<BackendName, number>>;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

function hasHardwareWebgl(evidence: BackendEvidence): boolean {
  return evidence.available.includes('webgl') && evidence.webglRenderer !== undefined && !isSoftwareRenderer(evidence.webglRenderer);
}

/**
 * Backends in the order to use them, best first (later ones are fallbacks when starting a better one fails).
 * WASM leads unless it was measured slower than a hardware WebGL: it is fast everywhere, while WebGL is fast only
 * on a GPU. A software WebGL is still faster than plain-JS CPU, so it stays ahead of it as a fallback.
 */
export function rankBackends(evidence: BackendEvidence): BackendName[] {
  const { available, embedMs = {} } = evidence;
  const webglWins = hasHardwareWebgl(evidence) && embedMs.webgl !== undefined && embedMs.wasm !== undefined && embedMs.webgl < embedMs.wasm;
  const preference: BackendName[] = webglWins ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'webgl', 'cpu'];
  if (evidence.forced) preference.unshift(evidence.forced);
  return [...new Set(preference)].filter((name) => available.includes(name));
}

/** Whether timing one embedding per backend could change the choice (only WASM vs a hardware WebGL can). */
export function needsTiming(evidence: BackendEvidence): boolean {
  if (evidence.forced && evidence.available.includes(evidence.forced)) return false;
  const { embedMs = {} } = evidence;
  return evidence.available.includes('wasm') && hasHardwareWebgl(evidence) && (embedMs.wasm === undefined || embedMs.webgl === undefined);
}

/** The renderer behind WebGL in this context, or undefined when there is no WebGL (Node, old workers). */
export function detectWebglRenderer(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return undefined;
  }
}

/** Starts `name` as tfjs's backend; false (never a throw) when this machine cannot run it. */
export async function startBackend(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * What this machine offers, before anything is timed. WASM and CPU are "available" until starting them fails;
 * WebGL only when a context can be made. `wasmPath` is where the browser fetches the .wasm files from
 * (Node reads them from node_modules).
 */
export function gatherEvidence(options: { forced?: BackendName; wasmPath?: string | WasmFiles }): BackendEvidence {
  if (options.wasmPath) setWasmPaths(typeof options.wasmPath === 'string' ? options.wasmPath : { ...options.wasmPath });
  chooseWasmThreads();
  const webglRenderer = detectWebglRenderer();
  const available: BackendName[] = webglRenderer === undefined ? ['wasm', 'cpu'] : ['wasm', 'webgl', 'cpu'];
  return { forced: options.forced, available, webglRenderer };
}

/**
 * Starts the best backend that really starts; the ones that fail are dropped from the evidence silently.
 * `start` is tfjs's own unless a test stands in for a machine where some backend cannot start.
 */
export async function startBestBackend(
  evidence: BackendEvidence,
  start: (name: BackendName) => Promise<boolean> = startBackend,
): Promise<{ backend: BackendName; evidence: BackendEvidence }> {
  let current = evidence;
  for (const name of rankBackends(evidence)) {
    if (await start(name)) return { backend: name, evidence: current };
    current = { ...current, available: current.available.filter((other) => other !== name) };
  }
  throw new EngineError('internal', 'no tfjs backend could start');
}

/**
 * Times one embedding on each contender (WASM and a hardware WebGL), then starts the faster one. The model's
 * weights follow the active backend on their own (tfjs moves tensor data when another backend reads it).
 */
export async function startFastestBackend(
  evidence: BackendEvidence,
  timeOneEmbedding: () => Promise<number>,
): Promise<{ backend: BackendName; evidence: BackendEvidence }> {
  const embedMs: Partial<Record<BackendName, number>> = {};
  for (const name of ['wasm', 'webgl'] as const) {
    if (!(await startBackend(name))) continue;
    try {
      embedMs[name] = await timeOneEmbedding();
    } catch {
      // A backend that cannot run the model gets no time, so it cannot win.
    }
  }
  return startBestBackend({ ...evidence, embedMs });
}
