// The messages between the main thread (engine-client) and the engine's worker (serve-engine). One call of
// EngineApi is one 'call' message and ends with exactly one 'result' or 'error' with the same id; training may
// and explaining a picture send 'progress' messages before that, and the main thread may send 'cancel' for a call that is still running.
// Everything here survives structured cloning: errors travel as their code and detail, not as Error objects.
import type { EngineApi, EngineErrorCode, HeatmapProgress, StackProblem, TrainingProgress } from '../engine';

export type EngineMethod = keyof EngineApi;

/** What a call carries: the method's arguments, minus the callback and the signal, which become messages. */
export type CallArgs<M extends EngineMethod> = M extends 'train'
  ? [request: Parameters<EngineApi['train']>[0]]
  : M extends 'explainPicture'
    ? [key: string, image: Parameters<EngineApi['explainPicture']>[1]]
    : Parameters<EngineApi[M]>;
/** What the calls that report progress (train, explainPicture) report. */
export type Progress = TrainingProgress | HeatmapProgress;
export type CallResult<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

export type CallMessage = {
  [M in EngineMethod]: { readonly type: 'call'; readonly id: number; readonly method: M; readonly args: CallArgs<M> };
}[EngineMethod];

export interface CancelMessage {
  readonly type: 'cancel';
  /** The id of the call to stop (training). */
  readonly id: number;
}

export type RequestMessage = CallMessage | CancelMessage;

export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly value: CallResult<EngineMethod>;
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly id: number;
  readonly code: EngineErrorCode;
  readonly detail: string;
  /** 'train/invalid-head' only: the stack's problems, block by block. */
  readonly headProblems?: readonly StackProblem[];
}

export interface ProgressMessage {
  readonly type: 'progress';
  readonly id: number;
  readonly progress: Progress;
}

export type ResponseMessage = ResultMessage | ErrorMessage | ProgressMessage;

/**
 * Either end of the conversation: a Worker, the worker's own global scope, or a MessagePort (a MessageChannel
 * in tests and in Node's worker_threads).
 */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  /** MessagePorts deliver nothing until started; Workers have no start(). */
  start?(): void;
}
