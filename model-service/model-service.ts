// The main-thread owner of the child's model: the one place that changes it. It keeps the draft, pictures and
// trained model in memory, writes every change to the store, asks the engine (in its worker) for embeddings,
// training and predictions, and tells React (subscribe/getState) and the blocks (RecognizerApi) what changed.
//
// This file is the composition root: it makes the session (session.ts) and hands it to the facets in facets/,
// each with one job; ModelService is the sum of their interfaces.
import { DEFAULT_TRAINING_SETTINGS, type EngineApi, type RgbaImage, type TrainingSettings } from '../engine';
import { t } from '../locales';
import { createBrowserModelStore, type ModelStore } from '../store';
import { createCopyMaker } from './augmentation';
import { browserPictureDecoder } from '../pictures/picture-codec';
import type { FacetContext } from './facets/context';
import { createLab, type LabFacet } from './facets/lab';
import { createPersistence, type PersistenceFacet } from './facets/persistence';
import { createPictures, type PicturesFacet } from './facets/pictures';
import { createRecognizer, type RecognizerFacet } from './facets/recognizer';
import { createSharing, type SharingFacet } from './facets/sharing';
import { createStateView, type StateFacet } from './facets/state-view';
import { createTabSync } from './facets/tab-sync';
import { measureForCard } from './model-card-facts';
import { createTraining, type TrainingFacet } from './facets/training';
import { createWorkspace, newModelDraft, type WorkspaceFacet } from './facets/workspace';
import { problemCode } from './problems';
import { createFeatureMaker, type HandLooker } from './picture-features';
import { createSession } from './session';
import type { TabChannel } from './tab-channel';

export interface ModelService
  extends StateFacet, PersistenceFacet, WorkspaceFacet, SharingFacet, PicturesFacet, TrainingFacet, LabFacet, RecognizerFacet {}

export interface ModelServiceOptions {
  readonly engine: EngineApi;
  /** Defaults to the browser's IndexedDB store. */
  readonly store?: ModelStore;
  /** Settings of a new model; the engine's defaults when omitted. */
  readonly defaultSettings?: TrainingSettings;
  /** Settles when engine.init() has: nothing is sent to the engine before. Omit when it is already initialised. */
  readonly engineReady?: Promise<unknown>;
  /** Decodes a stored picture into pixels (to make extra copies); the browser's by default. */
  readonly decodePicture?: (encoded: Blob) => Promise<RgbaImage>;
  /** Other tabs of the same browser: told about this tab's writes, and heard so this tab reads theirs. */
  readonly tabs?: TabChannel;
  /** Empty classes ("Class 1", "Class 2") a new model starts with, ready to fill; none when omitted. */
  readonly newModelClasses?: number;
  /** Finds the hand in a picture, for Hands models; without it a Hands model's pictures are refused ('hands/unavailable'). */
  readonly findHand?: HandLooker;
}

export function createModelService(options: ModelServiceOptions): ModelService {
  const { engine, defaultSettings = DEFAULT_TRAINING_SETTINGS, tabs, newModelClasses = 0 } = options;
  const decodePicture = options.decodePicture ?? browserPictureDecoder();
  const session = createSession(
    options.store ?? createBrowserModelStore(),
    newModelDraft(t('trainer.defaultModelName'), defaultSettings, newModelClasses),
    options.engineReady !== undefined,
  );
  const view = createStateView(session);
  const persistence = createPersistence(session, view, tabs);

  const engineReady = Promise.resolve(options.engineReady);
  void engineReady.then(
    () => {
      session.engine = { status: 'ready' };
      view.commit();
    },
    (error) => {
      session.engine = { status: 'failed', problem: problemCode(error) };
      view.commit();
    },
  );
  // The one place that waits for the engine.
  const readyEngine = async () => {
    await engineReady;
    return engine;
  };
  const context: FacetContext = {
    session,
    engine: readyEngine,
    features: createFeatureMaker(readyEngine, options.findHand),
    defaultSettings,
    decodePicture,
    commit: view.commit,
    report: view.report,
    persist: persistence.persist,
    saveDraft: persistence.saveDraft,
  };

  const pictures = createPictures(context);
  const workspace = createWorkspace(context, newModelClasses, pictures);
  const tabSync = createTabSync(context, workspace, tabs, persistence.api.whenSaved);
  const lab = createLab(context, { activate: workspace.activate });
  const copyMaker = decodePicture && createCopyMaker(decodePicture, async (images) => (await context.engine()).embed(images));
  return {
    ...view.api,
    ...persistence.api,
    ...workspace.api,
    ...createSharing(context, workspace, persistence.api.whenSaved),
    ...pictures.api,
    ...createTraining(context, {
      copyMaker,
      getState: view.api.getState,
      activate: workspace.activate,
      takeInOtherTabs: tabSync.takeInOtherTabs,
      measure: () => measureForCard(lab),
    }),
    ...lab,
    ...createRecognizer(context, workspace, view.onModelChange),
  };
}
