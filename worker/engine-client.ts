// The main thread's EngineApi: every call becomes a message to the engine's worker, with the same semantics
// as the in-process engine (same results, same EngineError codes, progress callbacks, AbortSignal to stop).
import { EngineError, type EngineApi, type EngineInitOptions } from '../engine';
import type { CallArgs, CallResult, EngineMethod, MessageEndpoint, Progress, RequestMessage, ResponseMessage } from './protocol';

interface PendingCall {
  resolve(value: CallResult<EngineMethod>): void;
  reject(error: EngineError): void;
  onProgress?(progress: Progress): void;
}

/**
 * Relative addresses mean "relative to this page", as they would for the in-process engine; inside the worker
 * they would resolve against the worker script's address instead, so they are made absolute before sending.
 */
function resolveAgainstPage(options: EngineInitOptions): EngineInitOptions {
  const page = (globalThis as { document?: { baseURI: string } }).document?.baseURI;
  if (!page) return options;
  const absolute = (url: string) => new URL(url, page).href;
  return {
    ...options,
    sources: options.sources.map((source) => (source.kind === 'cache' ? source : { ...source, url: absolute(source.url) })),
    ...(typeof options.wasmPath === 'string' && { wasmPath: absolute(options.wasmPath) }),
  };
}

export function createWorkerEngine(endpoint: MessageEndpoint): EngineApi {
  let nextId = 1;
  const pending = new Map<number, PendingCall>();
  const send = (message: RequestMessage) => endpoint.postMessage(message, []);

  endpoint.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as ResponseMessage;
    const call = pending.get(message.id);
    if (!call) return;
    if (message.type === 'progress') {
      call.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.type === 'result') call.resolve(message.value);
    else call.reject(new EngineError(message.code, message.detail, message.headProblems));
  });
  // A worker whose script failed to load or crashed answers nothing more: fail what is waiting, never hang.
  const failAll = (event: Event) => {
    const detail = `the engine worker stopped: ${(event as ErrorEvent).message ?? event.type}`;
    for (const call of pending.values()) call.reject(new EngineError('internal', detail));
    pending.clear();
  };
  endpoint.addEventListener('error', failAll);
  endpoint.addEventListener('messageerror', failAll);
  endpoint.start?.();

  /** `onProgress` gets the progress of the method called (each method reports one kind). */
  function call<M extends EngineMethod, P extends Progress = never>(
    method: M,
    args: CallArgs<M>,
    options: { onProgress?: (progress: P) => void; signal?: AbortSignal } = {},
  ): Promise<CallResult<M>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new EngineError('train/cancelled', 'training was stopped'));
    const id = nextId++;
    return new Promise<CallResult<M>>((resolve, reject) => {
      const cancel = () => send({ type: 'cancel', id });
      const settle = () => signal?.removeEventListener('abort', cancel);
      pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value as CallResult<M>);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        onProgress: options.onProgress as ((progress: Progress) => void) | undefined,
      });
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        send({ type: 'call', id, method, args } as RequestMessage);
      } catch (error) {
        // Arguments that cannot be cloned (a function, a DOM object) never reach the worker.
        pending.delete(id);
        settle();
        reject(new EngineError('internal', `${method} could not be sent to the engine worker: ${(error as Error).message}`));
      }
    });
  }

  return {
    init: (options) => {
      let resolved = options;
      try {
        resolved = resolveAgainstPage(options);
      } catch {
        // Malformed options go as they are: the worker then refuses them exactly as the in-process engine would.
      }
      return call('init', [resolved]);
    },
    embed: (images) => call('embed', [images]),
    train: (request, onProgress, signal) => call('train', [request], { onProgress, signal }),
    loadModel: (key, model) => call('loadModel', [key, model]),
    unloadModel: (key) => call('unloadModel', [key]),
    predict: (key, image) => call('predict', [key, image]),
    predictEmbeddings: (key, embeddings) => call('predictEmbeddings', [key, embeddings]),
    memory: () => call('memory', []),
    evaluate: (key, examples) => call('evaluate', [key, examples]),
    evaluateLeaveOneOut: (examples, classCount, k) => call('evaluateLeaveOneOut', [examples, classCount, k]),
    shrinkModel: (model, examples) => call('shrinkModel', [model, examples]),
    shrinkBackbone: (key, examples) => call('shrinkBackbone', [key, examples]),
    describeLayers: (key) => call('describeLayers', [key]),
    lookAtLayer: (key, image, layerIndex) => call('lookAtLayer', [key, image, layerIndex]),
    explainPicture: (key, image, onProgress) => call('explainPicture', [key, image], { onProgress }),
    mapPictures: (examples, classCount) => call('mapPictures', [examples, classCount]),
    backboneArtifacts: () => call('backboneArtifacts', []),
  };
}
