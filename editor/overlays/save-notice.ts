// The one-line notice after a save of a project with a trained model: whether the pictures went with it, so a
// teacher sharing a class model knows to tick "Include my pictures" first. A tiny external store, like open-state.
import type { ProjectModels } from '../../project-file';

/** What the notice says; null: nothing to say (no trained model in the project). */
export type SaveNoticeKind = 'with-pictures' | 'without-pictures' | null;

export function saveNoticeOf(models: ProjectModels): SaveNoticeKind {
  if (!models.models.some((model) => model.trained)) return null;
  return models.includePictures ? 'with-pictures' : 'without-pictures';
}

export interface SaveNotice {
  current(): SaveNoticeKind;
  /** After a save: the notice for what was saved (replacing an earlier one). */
  saved(models: ProjectModels): void;
  dismiss(): void;
  subscribe(listener: () => void): () => void;
}

export function createSaveNotice(): SaveNotice {
  let kind: SaveNoticeKind = null;
  const listeners = new Set<() => void>();
  const set = (next: SaveNoticeKind) => {
    if (next === kind) return;
    kind = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    current: () => kind,
    saved: (models) => set(saveNoticeOf(models)),
    dismiss: () => set(null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
