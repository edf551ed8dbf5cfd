// Two tabs of the editor share one IndexedDB. Each tells the others when it has written, and a tab that hears it
// reads the store again, so a class added in one tab is not erased by the other tab's next (stale) save.

export interface TabChannel {
  /** Tells the other tabs that this one has written. */
  announce(): void;
  /** Calls `listener` when another tab has written; returns the unsubscribe. */
  onAnnouncement(listener: () => void): () => void;
  /** Stops listening (a page never needs to; tests and Node do). */
  close(): void;
}

export const TAB_CHANNEL_NAME = 'image-model-blocks/changes';

/** The browser's (and Node's) BroadcastChannel; none where it does not exist (every tab then works alone). */
export function createBroadcastTabChannel(name: string = TAB_CHANNEL_NAME): TabChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  const listeners = new Set<() => void>();
  channel.onmessage = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    announce: () => channel.postMessage('changed'),
    onAnnouncement(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}
