// A real model service (in-memory store) on the real in-process engine, trained on shared sign-digit
// photos: what the blocks see in the editor, minus IndexedDB and the worker.
import { readFileSync } from 'node:fs';
import { createEngine } from '../../engine/engine';
import type { EngineApi } from '../../engine/engine-api';
import { startModelServer, type ModelServer } from '../../engine/test-support/model-server';
import { decodeJpeg, signDigitPhotos } from '../../engine/test-support/shared-data';
import { DEFAULT_TRAINING_SETTINGS } from '../../engine/training-settings';
import type { RgbaImage } from '../../engine/types';
import { createModelService, type ModelService, type NewPicture } from '../../model-service';
import { createMemoryBackend, createModelStore } from '../../store';

export interface EngineFixture {
  readonly engine: EngineApi;
  close(): Promise<void>;
}

/** The engine with the shared backbone, loaded over HTTP from a local server as in the browser. */
export async function startEngine(): Promise<EngineFixture> {
  const server: ModelServer = await startModelServer();
  const engine = createEngine();
  try {
    await engine.init({ sources: [{ kind: 'backbone', url: server.backboneUrl }] });
  } catch (error) {
    await server.close();
    throw error;
  }
  return { engine, close: () => server.close() };
}

export function newModelService(engine: EngineApi): ModelService {
  return createModelService({ engine, store: createModelStore(createMemoryBackend()), defaultSettings: DEFAULT_TRAINING_SETTINGS });
}

export function photo(digit: number, index: number): RgbaImage {
  return decodeJpeg(signDigitPhotos(digit)[index]);
}

function newPicture(file: string): NewPicture {
  return { image: decodeJpeg(file), jpeg: new Blob([readFileSync(file)], { type: 'image/jpeg' }) };
}

/** Adds one class per entry (name -> sign digit) with the digit's first `perClass` photos, then trains. */
export async function trainClasses(
  service: ModelService,
  classes: Readonly<Record<string, number>>,
  perClass: number,
): Promise<void> {
  await service.whenLoaded();
  for (const [name, digit] of Object.entries(classes)) {
    const id = service.addClass(name);
    await service.addPictures(id, signDigitPhotos(digit).slice(0, perClass).map(newPicture));
  }
  await service.train();
  const { problem } = service.getState();
  if (!service.hasTrainedModel() || problem) throw new Error(`training failed: ${problem ?? 'no model'}`);
}
