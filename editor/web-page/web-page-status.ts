// What the "Save as a web page" bar says: saving, saved (and that the pictures stayed behind), or why not.
// A tiny external store, like editor/overlays/save-notice.ts.
import type { MessageKey } from '../../locales';

export type WebPageStatusKind =
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'failed'; readonly message: MessageKey; readonly reason?: MessageKey };

export interface WebPageStatus {
  current(): WebPageStatusKind | null;
  set(next: WebPageStatusKind | null): void;
  subscribe(listener: () => void): () => void;
}

export function createWebPageStatus(): WebPageStatus {
  let status: WebPageStatusKind | null = null;
  const listeners = new Set<() => void>();
  return {
    current: () => status,
    set(next) {
      status = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
