// How the trainer's components reach the model service: the editor mounts one provider, and each component takes
// the service (for its actions) and selects the part of the state it shows.
import { createContext, useContext, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { ModelService, ModelServiceState } from '../../model-service';
import { sameView } from './same-view';

const ModelServiceContext = createContext<ModelService | null>(null);

export function ModelServiceProvider({ service, children }: { readonly service: ModelService; readonly children: ReactNode }) {
  return <ModelServiceContext.Provider value={service}>{children}</ModelServiceContext.Provider>;
}

export function useModelService(): ModelService {
  const service = useContext(ModelServiceContext);
  if (!service) throw new Error('useModelService() needs a ModelServiceProvider above it');
  return service;
}

/**
 * The part of the service's state that `select` picks, re-rendering only when it changes (by `isEqual`: by default
 * the same members, since every change of the service makes a whole new snapshot).
 */
export function useServiceState<T>(select: (state: ModelServiceState) => T, isEqual: (a: T, b: T) => boolean = sameView): T {
  const service = useModelService();
  const last = useRef<{ readonly state: ModelServiceState; readonly select: typeof select; readonly selected: T } | null>(null);
  // useSyncExternalStore needs the same value back while nothing changed: the last selection when it is equal.
  const getSelection = () => {
    const state = service.getState();
    const before = last.current;
    if (before && before.state === state && before.select === select) return before.selected;
    const fresh = select(state);
    const selected = before && isEqual(before.selected, fresh) ? before.selected : fresh;
    last.current = { state, select, selected };
    return selected;
  };
  return useSyncExternalStore(service.subscribe, getSelection);
}
