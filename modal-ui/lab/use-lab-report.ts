import { useEffect, useState } from 'react';
import { problemCode, type LabReport, type ModelService, type ModelServiceState, type ProblemCode } from '../../model-service';

export type LabReportState =
  | { readonly status: 'none' }
  | { readonly status: 'checking'; readonly previous: LabReport | null }
  | { readonly status: 'ready'; readonly report: LabReport }
  | { readonly status: 'failed'; readonly problem: ProblemCode };

/** Changes whenever the report would: another trained model (or its shrunk copy), or a picture added, removed or moved. */
function reportKey(state: ModelServiceState): string | null {
  if (!state.trained) return null;
  const labels = state.classes.map((info) => `${info.id}:${info.pictures.map((picture) => picture.id).join(',')}`);
  return `${state.trained.trainedAt}|${state.trained.small}|${labels.join('|')}`;
}

/** The Lab's report on the trained model, checked again after every change of the model or the pictures. */
export function useLabReport(service: ModelService, state: ModelServiceState): LabReportState {
  const key = reportKey(state);
  const [result, setResult] = useState<LabReportState>({ status: 'none' });
  useEffect(() => {
    if (key === null) {
      setResult({ status: 'none' });
      return undefined;
    }
    let current = true;
    setResult((before) => ({ status: 'checking', previous: before.status === 'ready' ? before.report : before.status === 'checking' ? before.previous : null }));
    service.evaluateModel().then(
      (report) => { if (current) setResult({ status: 'ready', report }); },
      (error: unknown) => { if (current) setResult({ status: 'failed', problem: problemCode(error) }); },
    );
    return () => { current = false; };
  }, [service, key]);
  return result;
}

/** The report to show: the fresh one, or the last one while the next is being checked (no flicker). */
export function shownReport(result: LabReportState): LabReport | null {
  if (result.status === 'ready') return result.report;
  return result.status === 'checking' ? result.previous : null;
}
