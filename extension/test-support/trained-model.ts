// A real model service (in-memory store) on the real in-process engine, trained on shared sign-digit
// photos: what the blocks see in the editor, minus IndexedDB and the worker.
import { DEFAULT_TRAINING_SETTINGS, type EngineApi, type RgbaImage } from '../../engine';
import { decodeJpeg, signDigitPhotos } from '../../engine/test-support/shared-data';
import { createModelService, type ModelService } from '../../model-service';
import { photos, startRealEngine, withTrainingSeed, type RealEngine } from '../../model-service/test-support/real-engine';
import { createMemoryBackend, createModelStore } from '../../store';

export type EngineFixture = RealEngine;

/** The engine with the shared backbone, loaded over HTTP from a local server as in the browser. */
export const startEngine = startRealEngine;

/** Trainings are seeded, so what the blocks answer for a held-out photo is the same on every run. */
export function newModelService(engine: EngineApi): ModelService {
  return createModelService({
    engine: withTrainingSeed(engine, 20261201),
    store: createModelStore(createMemoryBackend()),
    defaultSettings: DEFAULT_TRAINING_SETTINGS,
  });
}

export function photo(digit: number, index: number): RgbaImage {
  return decodeJpeg(signDigitPhotos(digit)[index]);
}

/** Adds one class per entry (name -> sign digit) with the digit's first `perClass` photos, then trains. */
export async function trainClasses(service: ModelService, classes: Readonly<Record<string, number>>, perClass: number): Promise<void> {
  await service.whenLoaded();
  for (const [name, digit] of Object.entries(classes)) {
    const id = service.addClass(name);
    await service.addPictures(id, photos(digit, 0, perClass));
  }
  await service.train();
  const { problem } = service.getState();
  if (!service.hasTrainedModel() || problem) throw new Error(`training failed: ${problem ?? 'no model'}`);
}
