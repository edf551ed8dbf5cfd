import { useSyncExternalStore } from 'react';
import type { ModelService, ModelServiceState } from '../../model-service';

/** Re-renders whenever the model service changes. */
export function useServiceState(service: ModelService): ModelServiceState {
  return useSyncExternalStore(service.subscribe, service.getState);
}
