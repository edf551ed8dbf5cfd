// The worker's side of the protocol: answers each call with the engine's result or its error code, relays
// training progress, and turns a 'cancel' into an abort of that call's signal.
import { EngineError, isEngineError, type EngineApi, type HeatmapProgress, type TrainingProgress } from '../engine';
import type { CallMessage, CallResult, EngineMethod, MessageEndpoint, Progress, RequestMessage, ResponseMessage } from './protocol';

/**
 * Buffers the engine made fresh for this answer, handed over instead of copied. Buffers that came from the
 * caller (pictures, a stored model) are never transferred: the caller still owns them.
 */
function transferablesOf(method: EngineMethod, value: CallResult<EngineMethod>): Transferable[] {
  if (method === 'embed') return (value as CallResult<'embed'>).map((embedding) => embedding.buffer);
  if (method === 'train') return [(value as CallResult<'train'>).weights];
  if (method === 'shrinkModel') return [(value as CallResult<'shrinkModel'>).model.weights];
  if (method === 'lookAtLayer') {
    const maps = (value as CallResult<'lookAtLayer'>).featureMaps;
    return maps ? [maps.pixels.buffer] : [];
  }
  return [];
}

function run(
  engine: EngineApi,
  message: CallMessage,
  onProgress: (progress: Progress) => void,
  signal: AbortSignal,
): Promise<CallResult<EngineMethod>> {
  switch (message.method) {
    case 'init':
      return engine.init(...message.args);
    case 'embed':
      return engine.embed(...message.args);
    case 'train':
      return engine.train(message.args[0], onProgress as (progress: TrainingProgress) => void, signal);
    case 'loadModel':
      return engine.loadModel(...message.args);
    case 'unloadModel':
      return engine.unloadModel(...message.args);
    case 'predict':
      return engine.predict(...message.args);
    case 'predictEmbeddings':
      return engine.predictEmbeddings(...message.args);
    case 'memory':
      return engine.memory();
    case 'evaluate':
      return engine.evaluate(...message.args);
    case 'evaluateLeaveOneOut':
      return engine.evaluateLeaveOneOut(...message.args);
    case 'shrinkModel':
      return engine.shrinkModel(...message.args);
    case 'shrinkBackbone':
      return engine.shrinkBackbone(...message.args);
    case 'describeLayers':
      return engine.describeLayers(...message.args);
    case 'lookAtLayer':
      return engine.lookAtLayer(...message.args);
    case 'explainPicture':
      return engine.explainPicture(message.args[0], message.args[1], onProgress as (progress: HeatmapProgress) => void);
    case 'mapPictures':
      return engine.mapPictures(...message.args);
    case 'backboneArtifacts':
      return engine.backboneArtifacts();
    default: {
      const unknown: never = message;
      return Promise.reject(new EngineError('internal', `unknown engine method ${JSON.stringify((unknown as CallMessage).method)}`));
    }
  }
}

/** Serves `engine` on `endpoint` (the worker's global scope, or a MessagePort in tests). */
export function serveEngine(endpoint: MessageEndpoint, engine: EngineApi): void {
  const running = new Map<number, AbortController>();
  const reply = (message: ResponseMessage, transfer: Transferable[] = []) => endpoint.postMessage(message, transfer);

  endpoint.addEventListener('message', async (event: MessageEvent) => {
    const message = event.data as RequestMessage;
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const { id, method } = message;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const value = await run(engine, message, (progress) => reply({ type: 'progress', id, progress }), controller.signal);
      reply({ type: 'result', id, value }, transferablesOf(method, value));
    } catch (error) {
      const known = isEngineError(error) ? error : new EngineError('internal', error instanceof Error ? error.message : String(error));
      reply({ type: 'error', id, code: known.code, detail: known.detail, ...(known.headProblems && { headProblems: known.headProblems }) });
    } finally {
      running.delete(id);
    }
  });
  endpoint.start?.();
}
