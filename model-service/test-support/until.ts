import type { ModelService } from '../model-service';

/** Waits until the service's state satisfies `done` (training and background writes finish asynchronously). */
export function until(service: ModelService, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const stop = service.subscribe(() => {
      if (done()) {
        stop();
        resolve();
      }
    });
  });
}
