// Pictures: the active model's classes and their pictures (with undo of deletions), the Lab's inbox of unsorted
// pictures and its test pictures. New pictures are embedded here, batch by batch, before they are kept.
import type { EncodedPicture } from '../../pictures/picture-codec';
import { type ClassInfo, cleanName, featureSourceOf, nameProblem, type NameProblem, type RgbaImage, uniqueName } from '../../engine';
import { t } from '../../locales';
import type { PictureSet, StoredPicture } from '../../store';
import { withoutDuplicates } from '../duplicates';
import { newId } from '../ids';
import { nextCreatedAt, type Removal } from '../session';
import type { FacetContext } from './context';

/** How many pictures go to the engine at once: they appear in the trainer batch by batch. */
export const EMBED_BATCH = 8;

/** How pictures are added: with `onDuplicates`, pictures already in the class are skipped and counted to it. */
export interface AddOptions {
  /** Uploads only: a webcam showing a still scene may rightly give the same frame twice. */
  readonly onDuplicates?: (count: number) => void;
}

/** A picture to add: 224x224 RGBA for the engine plus its encoding (what squareFromSource / pictureFromFile make). */
export interface NewPicture extends EncodedPicture {
  readonly image: RgbaImage;
}

/** Pictures announced to a class, delivered in batches as they are read. */
export interface PictureIntake {
  add(pictures: readonly NewPicture[]): Promise<void>;
  /** No more will come (the rest were refused): Train stops waiting for them. Safe to call more than once. */
  finish(): void;
}

export interface PicturesFacet {
  /** Returns the new class's id. */
  addClass(name: string): string;
  renameClass(classId: string, name: string): NameProblem | null;
  deleteClass(classId: string): void;
  /** Brings back what state.undo says: the class just deleted, or the pictures just removed. */
  undoDelete(): void;
  /** Makes the last deletion final (its pictures are removed from storage). */
  dismissUndo(): void;

  /** Embeds and stores the pictures; problems are reported in state.problem. */
  addPictures(classId: string, pictures: readonly NewPicture[], options?: AddOptions): Promise<void>;
  /**
   * Announces `count` pictures for a class before they are ready (files still being read): they count for
   * readiness at once, and Train waits for them. Deliver them through the intake, then finish() it.
   */
  expectPictures(classId: string, count: number, options?: AddOptions): PictureIntake;
  /** Removes a picture at once, with an undo; removals in a row from one class are undone together. */
  removePicture(pictureId: string): void;
  /** Removes every picture of the class ("Remove all"), with an undo. */
  removeAllPictures(classId: string): void;
  /** Moves a picture to another class (fixing its label); the trained model stays until the next training. */
  movePicture(pictureId: string, classId: string): void;

  /** Embeds and keeps pictures in the inbox, unlabelled, until the child sorts them; problems go to state.problem. */
  addToInbox(pictures: readonly NewPicture[]): Promise<void>;
  /** Moves an inbox picture into a class, where it becomes a training picture. */
  labelInboxPicture(pictureId: string, classId: string): void;
  discardInboxPicture(pictureId: string): void;
  /** Embeds and keeps test pictures of a class: never trained on, only used by evaluateTestPictures(). */
  addTestPictures(classId: string, pictures: readonly NewPicture[]): Promise<void>;
  removeTestPicture(pictureId: string): void;
}

export interface Pictures {
  readonly api: PicturesFacet;
  /** Makes a pending deletion final: a deleted class's pictures leave memory and storage (removed pictures already have). */
  finishDeletion(): void;
}

export function createPictures(context: FacetContext): Pictures {
  const { session, commit, persist, saveDraft } = context;

  /** Takes pictures of one class out of it and out of storage at once, keeping them for undoDelete(). */
  function removePictures(gone: readonly StoredPicture[]): void {
    if (gone.length === 0) return;
    const { classId } = gone[0];
    if (session.removed?.classId !== classId) finishDeletion();
    const goneIds = new Set(gone.map((picture) => picture.id));
    const step = session.pictures.flatMap((picture, index) => (goneIds.has(picture.id) ? [{ picture, index }] : []));
    session.removed = { classId, steps: [...(session.removed?.steps ?? []), step] };
    session.pictures = session.pictures.filter((picture) => !goneIds.has(picture.id));
    commit();
    const modelId = session.draft.id;
    persist((target) => target.deletePictures(modelId, [...goneIds]));
  }

  /** Puts removed pictures back where they were: the last removal first, each in the order it had. */
  function restoreRemoved(steps: readonly Removal[]): void {
    const restored = [...session.pictures];
    for (const step of [...steps].reverse()) {
      for (const { picture, index } of step) restored.splice(Math.min(index, restored.length), 0, picture);
    }
    session.pictures = restored;
    commit();
    for (const step of steps) for (const { picture } of step) persist((target) => target.putPicture(picture));
  }

  function finishDeletion(): void {
    session.removed = null;
    if (!session.deleted) return;
    const classId = session.deleted.info.id;
    const gone = session.pictures.filter((picture) => picture.classId === classId).map((picture) => picture.id);
    session.pictures = session.pictures.filter((picture) => picture.classId !== classId);
    session.deleted = null;
    const modelId = session.draft.id;
    if (gone.length > 0) persist((target) => target.deletePictures(modelId, gone));
    const goneTests = session.testPictures.filter((picture) => picture.classId === classId).map((picture) => picture.id);
    session.testPictures = session.testPictures.filter((picture) => picture.classId !== classId);
    if (goneTests.length > 0) persist((target) => target.deleteSetPictures('test', modelId, goneTests));
  }

  /**
   * Embeds new pictures batch by batch (or finds their hands, for a Hands model) and hands each batch to `keep` as stored pictures of `classId` ('' for the
   * inbox), unless that class (or the model) is gone by then; problems are reported. `settle` hears how many of
   * the pictures (already counted as on their way) are done, kept or not.
   */
  async function embedNew(
    newPictures: readonly NewPicture[],
    classId: string,
    keep: (stored: StoredPicture[]) => void,
    settle: (count: number) => void,
  ): Promise<void> {
    let waiting = newPictures.length;
    commit();
    const startedFor = session.generation;
    const source = featureSourceOf(session.draft);
    try {
      for (let start = 0; start < newPictures.length; start += EMBED_BATCH) {
        const batch = newPictures.slice(start, start + EMBED_BATCH);
        const features = await context.features.featuresOf(
          source,
          batch.map((picture) => picture.image),
        );
        waiting -= batch.length;
        const { draft, deleted } = session;
        const stillThere =
          classId === ''
            ? startedFor === session.generation
            : draft.classes.some((info) => info.id === classId) || deleted?.info.id === classId;
        if (stillThere) {
          keep(
            batch.map((picture, index): StoredPicture => ({
              id: newId(),
              modelId: draft.id,
              classId,
              encoded: picture.encoded,
              mimeType: picture.mimeType,
              ...features[index],
              createdAt: nextCreatedAt(session),
            })),
          );
        }
        // Settled after keeping, so the count readiness sees never dips between the two.
        settle(batch.length);
      }
    } catch (error) {
      context.report(error);
    } finally {
      settle(waiting);
      commit();
    }
  }

  /** Inbox and test pictures: counted in `adding` while they are embedded. */
  function embedIntoSet(newPictures: readonly NewPicture[], classId: string, keep: (stored: StoredPicture[]) => void): Promise<void> {
    session.adding += newPictures.length;
    return embedNew(newPictures, classId, keep, (count) => {
      session.adding -= count;
    });
  }

  function keepInClass(stored: StoredPicture[]): void {
    session.pictures = [...session.pictures, ...stored];
    commit();
    for (const picture of stored) persist((target) => target.putPicture(picture));
  }

  /** keepInClass for uploads: pictures already in their class (by content) are left out and counted. */
  function keepNewInClass(onDuplicates: (count: number) => void) {
    return (stored: StoredPicture[]) => {
      const classId = stored[0]?.classId;
      const { kept, skipped } = withoutDuplicates(
        stored,
        session.pictures.filter((picture) => picture.classId === classId),
      );
      if (skipped > 0) onDuplicates(skipped);
      keepInClass(kept);
    };
  }

  /** Keeps embedded pictures in the inbox or the test pictures, and stores them. */
  function keepInSet(set: PictureSet) {
    const field = set === 'inbox' ? 'inbox' : 'testPictures';
    return (stored: StoredPicture[]) => {
      session[field] = [...session[field], ...stored];
      commit();
      for (const picture of stored) persist((target) => target.putSetPicture(set, picture));
    };
  }

  /** Takes a picture out of the inbox or the test pictures, and out of storage; nothing when absent. */
  function removeSetPicture(set: PictureSet, pictureId: string): void {
    const field = set === 'inbox' ? 'inbox' : 'testPictures';
    const picture = session[field].find((candidate) => candidate.id === pictureId);
    if (picture) {
      persist((target) => target.deleteSetPictures(set, picture.modelId, [pictureId]));
      session[field] = session[field].filter((candidate) => candidate.id !== pictureId);
    }
    commit();
  }

  const hasClass = (classId: string) => session.draft.classes.some((info) => info.id === classId);

  const api: PicturesFacet = {
    addClass(name) {
      finishDeletion();
      const { classes } = session.draft;
      const fallback = t('trainer.defaultClassName', { number: classes.length + 1 });
      const info: ClassInfo = {
        id: newId(),
        name: uniqueName(
          cleanName(name) || fallback,
          classes.map((other) => other.name),
        ),
      };
      saveDraft({ classes: [...classes, info] });
      return info.id;
    },
    renameClass(classId, name) {
      const clean = cleanName(name);
      const { classes } = session.draft;
      const problemWithName = nameProblem(
        clean,
        classes.filter((info) => info.id !== classId).map((info) => info.name),
      );
      if (problemWithName) return problemWithName;
      saveDraft({ classes: classes.map((info) => (info.id === classId ? { ...info, name: clean } : info)) });
      return null;
    },
    deleteClass(classId) {
      const index = session.draft.classes.findIndex((info) => info.id === classId);
      if (index < 0) return;
      finishDeletion();
      session.deleted = { info: session.draft.classes[index], index };
      // The pictures stay (in memory and storage) until the undo is dismissed; a reload drops them.
      saveDraft({ classes: session.draft.classes.filter((info) => info.id !== classId) });
    },
    undoDelete() {
      if (session.removed) {
        const { steps } = session.removed;
        session.removed = null;
        restoreRemoved(steps);
        return;
      }
      if (!session.deleted) return;
      const { info, index } = session.deleted;
      session.deleted = null;
      const classes = [...session.draft.classes];
      classes.splice(Math.min(index, classes.length), 0, info);
      saveDraft({ classes });
    },
    dismissUndo() {
      finishDeletion();
      commit();
    },

    async addPictures(classId, newPictures, options) {
      const intake = api.expectPictures(classId, newPictures.length, options);
      try {
        await intake.add(newPictures);
      } finally {
        intake.finish();
      }
    },
    expectPictures(classId, count, options = {}) {
      const { incoming } = session;
      incoming.expect(classId, count);
      commit();
      let announced = count;
      return {
        async add(newPictures) {
          // More than announced (a caller that miscounted) still counts while on its way.
          incoming.expect(classId, Math.max(0, newPictures.length - announced));
          announced = Math.max(0, announced - newPictures.length);
          const keep = options.onDuplicates ? keepNewInClass(options.onDuplicates) : keepInClass;
          await embedNew(newPictures, classId, keep, (settled) => incoming.settle(classId, settled));
        },
        finish() {
          if (announced === 0) return;
          incoming.settle(classId, announced);
          announced = 0;
          commit();
        },
      };
    },
    removePicture(pictureId) {
      removePictures(session.pictures.filter((picture) => picture.id === pictureId));
    },
    removeAllPictures(classId) {
      removePictures(session.pictures.filter((picture) => picture.classId === classId));
    },
    movePicture(pictureId, classId) {
      const picture = session.pictures.find((candidate) => candidate.id === pictureId);
      if (!picture || picture.classId === classId || !hasClass(classId)) return;
      const moved: StoredPicture = { ...picture, classId };
      session.pictures = session.pictures.map((candidate) => (candidate.id === pictureId ? moved : candidate));
      commit();
      persist((target) => target.putPicture(moved));
    },

    addToInbox: (newPictures) => embedIntoSet(newPictures, '', keepInSet('inbox')),
    labelInboxPicture(pictureId, classId) {
      const picture = session.inbox.find((candidate) => candidate.id === pictureId);
      if (!picture || !hasClass(classId)) return;
      // Last in its class, as a picture just added there.
      const labelled: StoredPicture = { ...picture, classId, createdAt: nextCreatedAt(session) };
      session.inbox = session.inbox.filter((candidate) => candidate.id !== pictureId);
      session.pictures = [...session.pictures, labelled];
      commit();
      persist((target) => target.labelInboxPicture(labelled));
    },
    discardInboxPicture: (pictureId) => removeSetPicture('inbox', pictureId),
    addTestPictures: (classId, newPictures) => embedIntoSet(newPictures, classId, keepInSet('test')),
    removeTestPicture: (pictureId) => removeSetPicture('test', pictureId),
  };

  return { api, finishDeletion };
}
