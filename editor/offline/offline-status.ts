// What the page shows about the offline copy: a new version waiting (shown only while no training runs, so a
// reload never interrupts one) or that the browser has no room for the copy. A small store for React.

/** The model service's training state, as far as the update prompt cares (null before the extension starts). */
export interface TrainingState {
  isTraining(): boolean;
  subscribe(listener: () => void): () => void;
}

export interface OfflineNoticeView {
  /** "A new version is ready: reload": a new build's worker is waiting and no training runs. */
  readonly updatePrompt: boolean;
  /** "Offline use is not available…": the browser's storage is too short for the offline copy. */
  readonly noRoom: boolean;
}

export interface OfflineStatus {
  getView(): OfflineNoticeView;
  subscribe(listener: () => void): () => void;
  /** The model service started: the prompt now waits while it trains. */
  watchTraining(training: TrainingState): void;
  updateWaiting(): void;
  noRoom(): void;
  dismissNoRoom(): void;
}

export function createOfflineStatus(): OfflineStatus {
  const listeners = new Set<() => void>();
  let training: TrainingState | null = null;
  let waiting = false;
  let noRoom = false;
  let view: OfflineNoticeView = { updatePrompt: false, noRoom: false };

  function refresh(): void {
    const next = { updatePrompt: waiting && !(training?.isTraining() ?? false), noRoom };
    if (next.updatePrompt === view.updatePrompt && next.noRoom === view.noRoom) return;
    view = next;
    for (const listener of listeners) listener();
  }

  return {
    getView: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    watchTraining(state) {
      training = state;
      state.subscribe(refresh);
      refresh();
    },
    updateWaiting() {
      waiting = true;
      refresh();
    },
    noRoom() {
      noRoom = true;
      refresh();
    },
    dismissNoRoom() {
      noRoom = false;
      refresh();
    },
  };
}
