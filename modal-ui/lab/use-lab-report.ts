import type { LabReport, ModelServiceState } from '../../model-service';
import { useModelQuery, useServiceState, type ModelQuery } from '../service';

/** Changes whenever the report would for the same trained version: a picture added, removed or moved. */
function picturesKey(state: ModelServiceState): string {
  return state.classes.map((info) => `${info.id}:${info.pictures.map((picture) => picture.id).join(',')}`).join('|');
}

/**
 * The Lab's report on the trained model, checked again after every change of the model or the pictures; while
 * the next is checked, the last one for the same version stays (no flicker).
 */
export function useLabReport(): ModelQuery<LabReport> {
  const key = useServiceState(picturesKey);
  return useModelQuery({ key, ask: (service) => service.evaluateModel() });
}
