// Tab sync: two tabs of the editor share one store. When another tab has written, this one reads the store again
// once the writes pause, so its next (stale) save does not erase the other tab's work.
import type { TrainedVersion } from '../../store';
import { isTraining } from '../session';
import type { TabChannel } from '../tab-channel';
import type { FacetContext } from './context';
import type { Workspace } from './workspace';

/** Another tab's writes come in bursts (a drop of pictures): read the store again once they pause. */
const REREAD_DELAY_MS = 250;

export interface TabSync {
  /**
   * Reads what other tabs saved: the project's models and, when the active model is among them, its classes,
   * pictures and trained version (this tab's training state and pending undo stay). Reads without tidying, so a
   * tab half-way through a save loses nothing. Does not commit; returns the trained version another tab saved
   * for the active model, for the engine, if it changed.
   */
  takeInOtherTabs(): Promise<TrainedVersion | null>;
}

export function createTabSync(
  context: FacetContext,
  workspace: Workspace,
  tabs: TabChannel | undefined,
  whenSaved: () => Promise<void>,
): TabSync {
  const { session } = context;
  /** Another tab wrote since this tab last read the store. */
  let changedElsewhere = false;
  let rereadTimer: ReturnType<typeof setTimeout> | undefined;

  async function takeInOtherTabs(): Promise<TrainedVersion | null> {
    if (!changedElsewhere || !session.loaded) return null;
    changedElsewhere = false;
    await whenSaved();
    const saved = await session.store.loadWorkspace({ tidy: false });
    if (!saved) return null;
    session.models = new Map(saved.models.map((model) => [model.draft.id, model]));
    session.includePictures = saved.includePictures;
    session.earlierModels = saved.setAsideCount;
    const latest = session.models.get(session.draft.id);
    if (!latest) {
      workspace.stash(); // another tab opened a project: this tab keeps its model
      return null;
    }
    workspace.takeModel(latest);
    const current = session.trained ?? session.pendingTrained;
    if (latest.trained?.version === current?.version) return null;
    session.trained = null;
    session.pendingTrained = latest.trained;
    return latest.trained;
  }

  tabs?.onAnnouncement(() => {
    changedElsewhere = true;
    clearTimeout(rereadTimer);
    rereadTimer = setTimeout(() => {
      // While training, the result is saved onto what the other tab wrote (see training's train()).
      if (!isTraining(session)) {
        void takeInOtherTabs()
          .then((changedTrained) => {
            context.commit();
            return changedTrained && workspace.activateTrained(changedTrained);
          })
          .catch(context.report);
      }
    }, REREAD_DELAY_MS);
  });

  return { takeInOtherTabs };
}
