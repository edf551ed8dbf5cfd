// The state view: derives the trainer's snapshot (getState) from the session after every change, and tells the
// trainer (subscribe) and the blocks (when the active model or its classes change) about it.
import { buildModelCard, featureSourceOf } from '../../engine';
import type { StoredPicture, TrainedOn } from '../../store';
import { cleanChoice } from '../augmentation';
import { classesInTraining } from '../class-switches';
import { problemCode } from '../problems';
import { trainReadiness } from '../readiness';
import { hasFeatures } from '../picture-features';
import { trainedClasses, type Session } from '../session';
import type { ModelListItem, ModelServiceState, PictureView, TrainedView, UndoView } from '../state';

export interface StateFacet {
  getState(): ModelServiceState;
  /** For React's useSyncExternalStore: called after every change of getState(). */
  subscribe(listener: () => void): () => void;
  dismissProblem(): void;
}

export interface StateView {
  readonly api: StateFacet;
  commit(): void;
  report(error: unknown): void;
  /** Calls `listener` when another model becomes active, its trained classes change or a model is renamed. */
  onModelChange(listener: () => void): () => void;
}

/** Pictures moved to another class since training (versions saved before labels were recorded: none). */
function labelsChanged(trainedOn: TrainedOn, pictures: readonly StoredPicture[]): boolean {
  const labels = trainedOn.pictureClassIds;
  if (!labels) return false;
  const classOf = new Map(pictures.map((picture) => [picture.id, picture.classId]));
  return trainedOn.pictureIds.some((pictureId, i) => classOf.has(pictureId) && classOf.get(pictureId) !== labels[i]);
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

function undoView({ deleted, removed, draft }: Session): UndoView | null {
  if (deleted) return { kind: 'class', className: deleted.info.name };
  if (!removed) return null;
  const { classId, steps } = removed;
  const info = draft.classes.find((candidate) => candidate.id === classId);
  return info ? { kind: 'pictures', classId, className: info.name, count: steps.reduce((sum, step) => sum + step.length, 0) } : null;
}

function snapshot(session: Session): ModelServiceState {
  const { draft, pictures, trained, incoming } = session;
  const byClass = new Map<string, PictureView[]>(draft.classes.map((info) => [info.id, []]));
  for (const picture of pictures) byClass.get(picture.classId)?.push(picture);
  const used = new Set(classesInTraining(draft.classes, draft.classesOff).map((info) => info.id));
  const classes = draft.classes.map((info) => ({
    id: info.id,
    name: info.name,
    pictures: byClass.get(info.id) ?? [],
    inTraining: used.has(info.id),
  }));
  const trainable = classes.filter((view) => view.inTraining);
  let trainedView: TrainedView | null = null;
  if (trained) {
    const { metadata } = trained.model;
    const outOfDate =
      !sameMembers(
        trained.trainedOn.classIds,
        trainable.map((view) => view.id),
      ) ||
      !sameMembers(
        trained.trainedOn.pictureIds,
        trainable.flatMap((view) => view.pictures.filter(hasFeatures).map((picture) => picture.id)),
      ) ||
      labelsChanged(trained.trainedOn, pictures);
    const currentClasses = trainedClasses(session);
    trainedView = {
      versionId: trained.version,
      classes: currentClasses,
      method: metadata.head.kind,
      trainedAt: metadata.trainedAt,
      history: metadata.history,
      ...(metadata.stoppedEarly && { stoppedEarly: metadata.stoppedEarly }),
      small: metadata.weightSpecs.length > 0 && metadata.weightSpecs.every((spec) => spec.dtype === 'int8'),
      outOfDate,
      ...(metadata.head.kind === 'dense' && { headLayers: metadata.head.layers }),
      learnedFrom: { pictures: trained.trainedOn.pictureIds.length, classes: trained.trainedOn.classIds.length },
      card: buildModelCard({
        metadata,
        facts: trained.card,
        modelName: draft.name,
        classNames: currentClasses.map((info) => info.name),
        picturesTravel: session.includePictures,
      }),
    };
  }
  const modelList = [...session.models.values()].map((model): ModelListItem =>
    model.draft.id === draft.id
      ? { id: draft.id, name: draft.name, trained: (trained ?? session.pendingTrained) !== null, featureSource: featureSourceOf(draft) }
      : { id: model.draft.id, name: model.draft.name, trained: model.trained !== null, featureSource: featureSourceOf(model.draft) },
  );
  return {
    loaded: session.loaded,
    models: modelList,
    includePictures: session.includePictures,
    openedProject: session.openedProject,
    earlierModels: session.earlierModels,
    engine: session.engine,
    persistent: session.persistent,
    modelId: draft.id,
    name: draft.name,
    featureSource: featureSourceOf(draft),
    classes,
    settings: draft.settings,
    augmentation: cleanChoice(draft.augmentation),
    trained: trainedView,
    training: session.training,
    readiness: trainReadiness(
      trainable.map((view) => ({ name: view.name, pictureCount: view.pictures.filter(hasFeatures).length + incoming.of(view.id) })),
      draft.settings,
    ),
    addingPictures: session.adding + incoming.total(),
    undo: undoView(session),
    problem: session.problem,
    inbox: session.inbox,
    testPictures: session.testPictures.filter((picture) => byClass.has(picture.classId)),
  };
}

export function createStateView(session: Session): StateView {
  const listeners = new Set<() => void>();
  const modelListeners = new Set<() => void>();
  let modelSignature = '';
  let state = snapshot(session);

  function commit(): void {
    state = snapshot(session);
    for (const listener of [...listeners]) listener();
    const signature = JSON.stringify([state.modelId, state.trained?.classes ?? null, state.models.map((model) => model.name)]);
    if (signature !== modelSignature) {
      modelSignature = signature;
      for (const listener of [...modelListeners]) listener();
    }
  }

  return {
    api: {
      getState: () => state,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dismissProblem() {
        session.problem = null;
        commit();
      },
    },
    commit,
    report(error) {
      console.warn('[image-model]', error);
      session.problem = problemCode(error);
      commit();
    },
    onModelChange(listener) {
      modelListeners.add(listener);
      return () => modelListeners.delete(listener);
    },
  };
}
