// What the model service's tests share: the real engine (tfjs on WASM, the shared MobileNet weights served over
// a local HTTP server, as the browser loads them) and shared photos as the trainer hands them over.
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { createEngine } from '../../engine/runtime';
import type { EngineApi } from '../../engine';
import { startModelServer } from '../../engine/test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../../engine/test-support/shared-data';
import type { NewPicture } from '../facets/pictures';

export interface RealEngine {
  readonly engine: EngineApi;
  /** Settled: the engine has loaded the backbone. */
  readonly engineReady: Promise<unknown>;
  readonly backboneUrl: string;
  close(): Promise<void>;
}

export async function startRealEngine(): Promise<RealEngine> {
  const server = await startModelServer();
  const engine = createEngine();
  const engineReady = engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }], backend: 'wasm' });
  await engineReady;
  return { engine, engineReady, backboneUrl: server.backboneUrl, close: () => server.close() };
}

/** Starts the real engine before this test file's tests and stops it after them; read its fields inside tests. */
export function useRealEngine(): RealEngine {
  let started: RealEngine | undefined;
  before(async () => {
    started = await startRealEngine();
  });
  after(() => started?.close());
  const get = (): RealEngine => {
    if (!started) throw new Error('the real engine is started by before(): use it inside a test');
    return started;
  };
  return {
    get engine() {
      return get().engine;
    },
    get engineReady() {
      return get().engineReady;
    },
    get backboneUrl() {
      return get().backboneUrl;
    },
    close: () => get().close(),
  };
}

/**
 * The engine with every training seeded by the test (instead of the seed the service takes from the pictures):
 * the same split, start weights and order on every run, so a test's accuracy check cannot flake.
 */
export function withTrainingSeed(engine: EngineApi, seed: number): EngineApi {
  return { ...engine, train: (request, onProgress, signal) => engine.train({ ...request, seed }, onProgress, signal) };
}

/** A shared photo of a hand showing `digit` (index 0-39), as a picture the trainer adds. */
export function photo(digit: number, index: number): NewPicture {
  const file = signDigitPhotos(digit)[index];
  return { image: decodeJpeg(file), encoded: new Blob([readFileSync(file)], { type: 'image/jpeg' }), mimeType: 'image/jpeg' };
}

export const photos = (digit: number, from: number, count: number): NewPicture[] =>
  Array.from({ length: count }, (_, index) => photo(digit, from + index));
