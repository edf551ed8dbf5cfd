// The picture popup's state, apart from React: the blocks ask (and wait), the popup answers.
// Like Scratch's "ask and wait", several scripts may ask at once: they wait in line, one popup at a time.
import type { EngineErrorCode, RgbaImage } from '../../engine';
import type { PictureRequest } from '../../extension/contract';

export interface PromptState {
  /** The request the popup shows now; null when the popup is closed. */
  readonly current: PictureRequest | null;
  /** Changes with every request shown, so the popup starts fresh for each. */
  readonly ticket: number;
  /** Requests waiting behind the current one. */
  readonly waiting: number;
  /** A recognition that failed, shown until the child dismisses it. */
  readonly error: EngineErrorCode | null;
}

export interface PicturePrompt {
  /** For the blocks (ExtensionUi.askForPicture): resolves with the picture, or null when closed. */
  ask(request?: PictureRequest): Promise<RgbaImage | null>;
  /** For the blocks (ExtensionUi.cancelPictureRequests): every waiting request resolves null. */
  cancelAll(): void;
  /** For the blocks (ExtensionUi.reportError). */
  reportError(code: EngineErrorCode): void;

  /** For the popup: answers the current request (null = closed without a picture). */
  answer(picture: RgbaImage | null): void;
  dismissError(): void;
  subscribe(listener: () => void): () => void;
  getState(): PromptState;
}

interface Pending {
  readonly ticket: number;
  readonly request: PictureRequest;
  readonly resolve: (picture: RgbaImage | null) => void;
}

export function createPicturePrompt(): PicturePrompt {
  const queue: Pending[] = [];
  const listeners = new Set<() => void>();
  let error: EngineErrorCode | null = null;
  let tickets = 0;
  let state: PromptState = { current: null, ticket: 0, waiting: 0, error: null };

  const publish = () => {
    const first = queue[0];
    state = { current: first?.request ?? null, ticket: first?.ticket ?? 0, waiting: Math.max(0, queue.length - 1), error };
    for (const listener of [...listeners]) listener();
  };

  return {
    ask(request = {}) {
      return new Promise((resolve) => {
        tickets += 1;
        queue.push({ ticket: tickets, request, resolve });
        publish();
      });
    },
    cancelAll() {
      if (queue.length === 0) return;
      for (const pending of queue.splice(0)) pending.resolve(null);
      publish();
    },
    reportError(code) {
      error = code;
      publish();
    },
    answer(picture) {
      const pending = queue.shift();
      if (!pending) return;
      error = null;
      pending.resolve(picture);
      publish();
    },
    dismissError() {
      if (error === null) return;
      error = null;
      publish();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
  };
}
