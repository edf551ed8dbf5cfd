// Whether the trainer is open, as a tiny external store: the palette button, the picture popup and the
// dialog's close button change it; React reads it with useSyncExternalStore.
export interface OpenState {
  isOpen(): boolean;
  open(): void;
  close(): void;
  subscribe(listener: () => void): () => void;
}

export function createOpenState(): OpenState {
  let open = false;
  const listeners = new Set<() => void>();
  const set = (next: boolean) => {
    if (next === open) return;
    open = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    isOpen: () => open,
    open: () => set(true),
    close: () => set(false),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
