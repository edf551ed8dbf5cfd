// Persistence: the write queue to the store. Every change is written in the background, in order; a failure
// keeps the work in memory and tells the child, and other tabs hear of each write.
import type { ModelDraft, ModelStore } from '../../store';
import type { Session } from '../session';
import type { TabChannel } from '../tab-channel';

export interface PersistenceFacet {
  /** Resolves once every change made so far is in storage (or was reported as a problem). */
  whenSaved(): Promise<void>;
}

export interface Persistence {
  readonly api: PersistenceFacet;
  persist(write: (target: ModelStore) => Promise<void>): void;
  saveDraft(changes: Partial<ModelDraft>): void;
}

export function createPersistence(
  session: Session,
  view: { commit(): void; report(error: unknown): void },
  tabs: TabChannel | undefined,
): Persistence {
  /** Settles when every write started so far has (for tests, and for hosts that want to know). */
  let allWritten: Promise<void> = Promise.resolve();

  function persist(write: (target: ModelStore) => Promise<void>): void {
    const written = write(session.store).then(() => tabs?.announce(), view.report);
    allWritten = allWritten.then(() => written);
  }

  return {
    api: { whenSaved: () => allWritten },
    persist,
    saveDraft(changes) {
      session.draft = { ...session.draft, ...changes, updatedAt: Date.now() };
      view.commit();
      const snapshotOfDraft = session.draft;
      persist((target) => target.saveDraft(snapshotOfDraft));
    },
  };
}
