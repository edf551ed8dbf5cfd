// Training: the active model's settings and extra practice pictures, and training its head on the current
// pictures (waiting first for pictures on their way); the previous model stays in use if it stops or fails.
import {
  type CardMeasure,
  EngineError,
  totalEpochs as totalEpochsOf,
  type EpochMetrics,
  type LabelledEmbedding,
  type TrainingSettings,
  featureSourceOf,
} from '../../engine';
import type { TrainedOn, TrainedVersion } from '../../store';
import { cleanChoice, copiesPerPicture, type AugmentationChoice, type CopyMaker } from '../augmentation';
import { classesInTraining, switchClass } from '../class-switches';
import { cardFacts } from '../model-card-facts';
import { newId } from '../ids';
import { hasFeatures } from '../picture-features';
import { problemCode } from '../problems';
import type { ModelServiceState } from '../state';
import { applySettingChanges, type SettingChanges } from '../settings';
import { trainingSeed } from '../training-seed';
import type { FacetContext } from './context';

export interface TrainingFacet {
  /** Switches extra practice pictures on or off; used when the method is the neural network. */
  setAugmentation(changes: Partial<AugmentationChoice>): void;
  /** Applies the valid changes (see settings.ts); invalid values are ignored. */
  updateSettings(changes: SettingChanges): void;
  /**
   * Switches a class on or off for the next training (it keeps its pictures). Refused (false) when switching it
   * off would leave fewer than 2 classes on.
   */
  setClassInTraining(classId: string, on: boolean): boolean;
  /**
   * Trains on the current pictures, first waiting for pictures still on their way (status 'waiting'); the previous
   * model stays in use if this is stopped or fails.
   */
  train(): Promise<void>;
  stopTraining(): void;
}

export interface TrainingDeps {
  readonly copyMaker: CopyMaker | undefined;
  getState(): ModelServiceState;
  /** Puts a trained version into the engine as the active model's, then uses it. */
  activate(version: TrainedVersion): Promise<void>;
  /** Reads what other tabs saved meanwhile (tab sync). */
  takeInOtherTabs(): Promise<unknown>;
  /** How well the active trained model does, for its model card (the Lab's evaluation). */
  measure(): Promise<CardMeasure | undefined>;
}

export function createTraining(context: FacetContext, deps: TrainingDeps): TrainingFacet {
  const { session, commit, saveDraft } = context;

  /** The embeddings of the chosen extra copies (neural network only), made before the first epoch. */
  async function copiesFor(examples: readonly LabelledEmbedding[], settings: TrainingSettings, controller: AbortController) {
    const choice = cleanChoice(session.draft.augmentation);
    // Copies are pictures for MobileNet: a Hands model learns the hand's shape, wherever it is and however lit.
    if (
      settings.head.kind !== 'dense' ||
      copiesPerPicture(choice) === 0 ||
      !deps.copyMaker ||
      featureSourceOf(session.draft) !== 'pictures'
    )
      return [];
    const byId = new Map(session.pictures.map((picture) => [picture.id, picture]));
    const sources = examples.map((example) => ({ pictureId: example.pictureId!, encoded: byId.get(example.pictureId!)!.encoded }));
    return deps.copyMaker.copies(sources, choice, {
      signal: controller.signal,
      onProgress(done, total) {
        if (session.training.status !== 'running' || session.abort !== controller) return;
        session.training = { ...session.training, copies: { done, total } };
        commit();
      },
    });
  }

  /** Waits for pictures still on their way; false when training was stopped meanwhile or another model became active. */
  async function waitForIncoming(): Promise<boolean> {
    const startedFor = session.generation;
    session.training = { status: 'waiting' };
    session.problem = null;
    commit();
    await session.incoming.whenSettled();
    if (session.training.status !== 'waiting' || startedFor !== session.generation) return false;
    session.training = { status: 'idle' };
    commit();
    return true;
  }

  return {
    setAugmentation(changes) {
      const current = cleanChoice(session.draft.augmentation);
      const choice = cleanChoice({ ...current, ...changes });
      if (JSON.stringify(choice) !== JSON.stringify(current)) saveDraft({ augmentation: choice });
    },
    updateSettings(changes) {
      const settings = applySettingChanges(session.draft.settings, changes);
      if (JSON.stringify(settings) !== JSON.stringify(session.draft.settings)) saveDraft({ settings });
    },
    setClassInTraining(classId, on) {
      const { classes, classesOff = [] } = session.draft;
      const next = switchClass(classes, classesOff, classId, on);
      if (!next) return false;
      if (next.join() !== classesOff.join()) saveDraft({ classesOff: next });
      return true;
    },

    async train() {
      if (session.training.status === 'running' || session.training.status === 'waiting') return;
      // Without pictures on their way it starts at once (the trainer sees 'running' as soon as Train is pressed).
      if (session.incoming.total() > 0 && !(await waitForIncoming())) return;
      const { readiness } = deps.getState();
      if (!readiness.ready) {
        if (readiness.need === 'head')
          context.report(new EngineError('train/invalid-head', 'the block stack has problems', readiness.problems));
        else
          context.report(new EngineError(readiness.need === 'classes' ? 'train/too-few-classes' : 'train/too-few-examples', 'not ready'));
        return;
      }
      const { settings } = session.draft;
      // Switched-off classes keep their pictures but are not in this model.
      const classes = classesInTraining(session.draft.classes, session.draft.classesOff);
      const classIndex = new Map(classes.map((info, index) => [info.id, index]));
      // In class order, each class's pictures in the order they were given: pictures of several classes arrive
      // interleaved when they are added at once, and the order must not change what the model learns.
      // A Hands model's pictures with no hand found have nothing to learn from.
      const examples: LabelledEmbedding[] = session.pictures
        .filter((picture) => classIndex.has(picture.classId) && hasFeatures(picture))
        .map((picture) => ({ classIndex: classIndex.get(picture.classId)!, embedding: picture.embedding, pictureId: picture.id }))
        .sort((a, b) => a.classIndex - b.classIndex);
      const trainedOn: TrainedOn = {
        classIds: classes.map((info) => info.id),
        pictureIds: examples.map((example) => example.pictureId!),
        pictureClassIds: examples.map((example) => classes[example.classIndex].id),
      };
      const controller = new AbortController();
      session.abort = controller;
      const history: EpochMetrics[] = [];
      const startedFor = session.generation;
      const totalEpochs = totalEpochsOf(settings.head);
      session.training = { status: 'running', method: settings.head.kind, epoch: 0, totalEpochs, history, stopping: false };
      session.problem = null;
      commit();
      try {
        const engine = await context.engine();
        const augmented = await copiesFor(examples, settings, controller);
        if (controller.signal.aborted) throw new EngineError('train/cancelled', 'training was stopped');
        const model = await engine.train(
          {
            modelName: session.draft.name,
            featureSource: featureSourceOf(session.draft),
            classes,
            examples,
            settings,
            seed: trainingSeed(examples),
            ...(augmented.length > 0 && { augmented }),
          },
          (progress) => {
            const { training } = session;
            if (training.status !== 'running' || session.abort !== controller) return;
            if (progress.metrics) history.push(progress.metrics);
            session.training = {
              ...training,
              epoch: progress.metrics ? progress.epoch : training.epoch,
              totalEpochs: progress.totalEpochs,
              history: [...history],
              copies: undefined,
            };
            commit();
          },
          controller.signal,
        );
        // Another model became active meanwhile (an opened project): this result is not for it.
        if (startedFor !== session.generation) throw new EngineError('train/cancelled', 'the active model changed');
        const trained: TrainedVersion = { version: newId(), model, trainedOn };
        // Saved onto what another tab wrote meanwhile (its new classes then show as "train again").
        await deps.takeInOtherTabs();
        await deps.activate(trained);
        // Measured once the engine has it; a measure that fails leaves the card saying "not measured yet".
        const measure = await deps.measure().catch((error: unknown) => {
          console.warn('[image-model] the model card could not be measured', error);
          return undefined;
        });
        if (startedFor !== session.generation || session.trained?.version !== trained.version)
          throw new EngineError('train/cancelled', 'the active model changed');
        const version: TrainedVersion = { ...trained, card: cardFacts(model, trainedOn, measure) };
        session.trained = version;
        session.training = { status: 'done' };
        saveDraft({ trainedVersion: version.version });
        const pointing = session.draft;
        context.persist((target) => target.saveTrained(pointing, version));
      } catch (error) {
        const code = problemCode(error);
        if (startedFor !== session.generation) return;
        session.training = code === 'train/cancelled' ? { status: 'stopped' } : { status: 'failed', problem: code };
        if (session.training.status === 'failed') console.warn('[image-model] training failed', error);
        commit();
      } finally {
        if (session.abort === controller) session.abort = null;
      }
    },
    stopTraining() {
      const { training, abort } = session;
      if (training.status === 'waiting') {
        session.training = { status: 'idle' };
        commit();
        return;
      }
      if (training.status !== 'running' || training.stopping || !abort) return;
      session.training = { ...training, stopping: true };
      commit();
      abort.abort();
    },
  };
}
