// The Lab: looks at the trained model (how it does on pictures it did not learn from, on the test pictures and
// the inbox), shrinks it to 8-bit numbers, shows it "under the hood" and previews the extra practice copies.
import {
  type AugmentationKind,
  augmentVariants,
  type ClassInfo,
  DEFAULT_AUGMENTATION,
  EngineError,
  isEngineError,
  type Evaluation,
  type HeatmapProgress,
  type LayerLook,
  type ModelLayers,
  type RgbaImage,
  type SerializedModel,
  type ShrinkReport,
} from '../../engine';
import type { StoredPicture, TrainedVersion } from '../../store';
import { explanationOf, type PictureExplanation } from '../explanation';
import { pictureMapView, type PictureMapView } from '../picture-map-view';
import { newId } from '../ids';
import { labReport, type EvaluatedPictures, type LabExample, type LabReport } from '../lab-report';
import { engineKey, isTraining, requireTrained, trainedClasses } from '../session';
import { hasFeatures } from '../picture-features';
import type { FacetContext } from './context';

/** What the trained model says an inbox picture shows. */
export interface InboxGuess {
  readonly pictureId: string;
  readonly classId: string;
  /** How sure it is, whole percent. */
  readonly confidence: number;
}

/** "Shrink it": sizes and answers before and after rounding to 8-bit numbers. */
export interface ShrinkComparison {
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** The pictures both versions were checked on: those not learnt from when there are some, otherwise all. */
  readonly measuredOn: 'held-out' | 'practice';
  readonly classes: readonly ClassInfo[];
  readonly before: Evaluation;
  readonly after: Evaluation;
  /** Pictures whose answer changed, with both answers. */
  readonly changed: readonly { readonly pictureId: string; readonly beforeClassId: string; readonly afterClassId: string }[];
}

/** The trained model in 8-bit numbers and what that changes; nothing changes until it is kept. */
export interface ShrinkView extends ShrinkComparison {
  /** The trained version it was made from (keeping it is refused once another model was trained). */
  readonly fromVersion: string;
  readonly model: SerializedModel;
}

export interface CopyPreview {
  readonly kind: 'original' | AugmentationKind;
  readonly image: RgbaImage;
}

export interface LabFacet {
  /** The trained model's guess for each inbox picture; rejects with 'model/not-loaded' before any training. */
  guessInbox(): Promise<readonly InboxGuess[]>;
  /** How the trained model does on the test pictures (measuredOn 'test'); rejects with 'model/not-loaded' before training. */
  evaluateTestPictures(): Promise<LabReport>;
  /** A picture and every kind of copy that augmentation can make of it, for the Lab to show. */
  previewCopies(pictureId: string): Promise<readonly CopyPreview[]>;
  /**
   * The Lab's look at the trained model: accuracy on pictures it did not learn from and the pictures it gets
   * wrong, with the pictures' current labels. Rejects with EngineError 'model/not-loaded' before any training.
   */
  evaluateModel(): Promise<LabReport>;
  /** Makes an 8-bit copy of the trained model and compares the two; rejects with 'model/not-loaded' before training. */
  shrinkModel(): Promise<ShrinkView>;
  /**
   * The experiment of an 8-bit MobileNet: the trained model's answers on the pictures shrinkModel checks, with the
   * normal MobileNet and with an 8-bit copy; bytes are MobileNet's numbers. Nothing is kept (MobileNet is shared by
   * every model and not stored in the project). Pictures whose JPEG cannot be read are left out.
   */
  shrinkBackbone(): Promise<ShrinkComparison>;
  /** Uses and saves the small model instead of the trained one (false: a newer model was trained since). */
  keepShrunkModel(shrink: ShrinkView): Promise<boolean>;
  /** "Under the hood": every step of the trained model, backbone then head; rejects with 'model/not-loaded' before training. */
  describeModelLayers(): Promise<ModelLayers>;
  /** What step `layerIndex` of describeModelLayers makes of one of the pictures: feature maps and histograms. */
  lookAtLayer(pictureId: string, layerIndex: number): Promise<LayerLook>;
  /**
   * "What is it looking at?": where the trained model's answer for a picture comes from, one of the child's (class,
   * test or inbox picture) or one being tested; progress as covered copies are looked at.
   */
  explainPicture(
    picture: { readonly pictureId: string } | { readonly image: RgbaImage },
    onProgress?: (progress: HeatmapProgress) => void,
  ): Promise<PictureExplanation>;
  /** Every class picture on a 2-D map of what the backbone sees, marked where it sits among another class; needs no training. */
  mapPictures(): Promise<PictureMapView>;
}

/** The pictures the model learnt from and those it did not (held out for validation, or added since). */
function splitByPractice(version: TrainedVersion, examples: readonly LabExample[]) {
  const heldOut = new Set(version.model.metadata.validationPictureIds ?? []);
  const practisedIds = new Set(version.trainedOn.pictureIds.filter((pictureId) => !heldOut.has(pictureId)));
  return {
    practised: examples.filter((example) => practisedIds.has(example.pictureId)),
    unseen: examples.filter((example) => !practisedIds.has(example.pictureId)),
  };
}

function shrinkComparison(
  classes: readonly ClassInfo[],
  checked: readonly LabExample[],
  measuredOn: ShrinkComparison['measuredOn'],
  report: Pick<ShrinkReport, 'bytesBefore' | 'bytesAfter' | 'before' | 'after' | 'changedPictures'>,
): ShrinkComparison {
  return {
    bytesBefore: report.bytesBefore,
    bytesAfter: report.bytesAfter,
    measuredOn,
    classes,
    before: report.before,
    after: report.after,
    changed: report.changedPictures.map((i) => ({
      pictureId: checked[i].pictureId,
      beforeClassId: classes[report.before.pictures[i].predictedClass].id,
      afterClassId: classes[report.after.pictures[i].predictedClass].id,
    })),
  };
}

export function createLab(context: FacetContext, deps: { activate(version: TrainedVersion): Promise<void> }): LabFacet {
  const { session, decodePicture } = context;

  /** Every picture (of `from`) of the trained model's classes, labelled with the model's index of its current class. */
  function labExamples(classes: readonly ClassInfo[], from: readonly StoredPicture[] = session.pictures): LabExample[] {
    const classIndex = new Map(classes.map((info, index) => [info.id, index]));
    const current = new Set(session.draft.classes.map((info) => info.id));
    return from
      .filter((picture) => classIndex.has(picture.classId) && current.has(picture.classId) && hasFeatures(picture))
      .map((picture) => ({ classIndex: classIndex.get(picture.classId)!, embedding: picture.embedding, pictureId: picture.id }));
  }

  /** The pictures "Shrink it" checks: those the model did not learn from when there are some, otherwise all. */
  function shrinkPictures(version: TrainedVersion) {
    const classes = trainedClasses(session);
    const examples = labExamples(classes);
    // KNN keeps every picture it was given, so for it every picture is a practice picture.
    const { unseen } = version.model.metadata.head.kind === 'knn' ? { unseen: [] } : splitByPractice(version, examples);
    return unseen.length > 0
      ? { classes, checked: unseen, measuredOn: 'held-out' as const }
      : { classes, checked: examples, measuredOn: 'practice' as const };
  }

  /** A class picture's pixels, for the engine to look at. */
  async function pictureImage(pictureId: string): Promise<RgbaImage> {
    const { pictures, testPictures, inbox } = session;
    const picture = [...pictures, ...testPictures, ...inbox].find((candidate) => candidate.id === pictureId);
    if (!picture || !decodePicture) throw new EngineError('image/invalid', `no picture ${pictureId} to look at`);
    return decodePicture(picture.encoded);
  }

  return {
    async guessInbox() {
      requireTrained(session);
      const classes = trainedClasses(session);
      const waiting = session.inbox.filter(hasFeatures);
      const engine = await context.engine();
      const predictions = await engine.predictEmbeddings(
        engineKey(session),
        waiting.map((picture) => picture.embedding),
      );
      return predictions.map((prediction, i) => ({
        pictureId: waiting[i].id,
        classId: classes[prediction.classIndex].id,
        confidence: Math.round(prediction.confidences[prediction.classIndex] * 100),
      }));
    },
    async evaluateTestPictures() {
      const version = requireTrained(session);
      const classes = trainedClasses(session);
      const examples = labExamples(classes, session.testPictures);
      const base = { trainedAt: version.model.metadata.trainedAt, classes, measuredOn: 'test' as const };
      const engine = await context.engine();
      return labReport(base, { examples, evaluation: await engine.evaluate(engineKey(session), examples), practised: false });
    },
    async previewCopies(pictureId) {
      const image = await pictureImage(pictureId).catch((error: unknown) => {
        if (isEngineError(error) && error.code === 'image/invalid') return null;
        throw error;
      });
      if (!image) return [];
      return [{ kind: 'original', image }, ...augmentVariants(image, DEFAULT_AUGMENTATION)];
    },

    async evaluateModel() {
      const version = requireTrained(session);
      const { metadata } = version.model;
      const classes = trainedClasses(session);
      const base = { trainedAt: metadata.trainedAt, classes };
      const examples = labExamples(classes);
      const engine = await context.engine();
      if (metadata.head.kind === 'knn' && examples.length >= 2) {
        const evaluation = await engine.evaluateLeaveOneOut(examples, classes.length, metadata.head.k);
        return labReport({ ...base, measuredOn: 'leave-one-out' }, { examples, evaluation, practised: false });
      }
      const { practised, unseen } = splitByPractice(version, examples);
      const evaluated = async (group: readonly LabExample[], isPractice: boolean): Promise<EvaluatedPictures> => ({
        examples: group,
        evaluation: await engine.evaluate(engineKey(session), group),
        practised: isPractice,
      });
      if (unseen.length === 0) return labReport({ ...base, measuredOn: 'practice' }, await evaluated(practised, true));
      return labReport({ ...base, measuredOn: 'held-out' }, await evaluated(unseen, false), await evaluated(practised, true));
    },

    async shrinkModel() {
      const version = requireTrained(session);
      const { classes, checked, measuredOn } = shrinkPictures(version);
      const engine = await context.engine();
      const report = await engine.shrinkModel(version.model, checked);
      return { ...shrinkComparison(classes, checked, measuredOn, report), fromVersion: version.version, model: report.model };
    },
    async shrinkBackbone() {
      const version = requireTrained(session);
      if (!decodePicture) throw new EngineError('image/invalid', 'no picture decoder to read the pictures with');
      const { classes, checked, measuredOn } = shrinkPictures(version);
      const encodedOf = new Map(session.pictures.map((picture) => [picture.id, picture.encoded]));
      const decoded = await Promise.all(checked.map((example) => decodePicture(encodedOf.get(example.pictureId)!).catch(() => null)));
      const readable = checked.flatMap((example, i) => (decoded[i] ? [{ example, image: decoded[i] }] : []));
      const engine = await context.engine();
      const report = await engine.shrinkBackbone(
        engineKey(session),
        readable.map(({ example, image }) => ({ image, classIndex: example.classIndex })),
      );
      return shrinkComparison(
        classes,
        readable.map(({ example }) => example),
        measuredOn,
        report,
      );
    },
    async keepShrunkModel(shrink) {
      const version = session.trained;
      if (!version || version.version !== shrink.fromVersion || isTraining(session)) return false;
      const small: TrainedVersion = { version: newId(), model: shrink.model, trainedOn: version.trainedOn };
      try {
        await deps.activate(small);
      } catch (error) {
        context.report(error);
        return false;
      }
      context.saveDraft({ trainedVersion: small.version });
      const pointing = session.draft;
      context.persist((target) => target.saveTrained(pointing, small));
      return true;
    },

    async describeModelLayers() {
      requireTrained(session);
      const engine = await context.engine();
      return engine.describeLayers(engineKey(session));
    },
    async lookAtLayer(pictureId, layerIndex) {
      requireTrained(session);
      const image = await pictureImage(pictureId);
      const engine = await context.engine();
      return engine.lookAtLayer(engineKey(session), image, layerIndex);
    },
    async explainPicture(picture, onProgress) {
      requireTrained(session);
      const classes = trainedClasses(session);
      const image = 'image' in picture ? picture.image : await pictureImage(picture.pictureId);
      const engine = await context.engine();
      return explanationOf(await engine.explainPicture(engineKey(session), image, onProgress), classes);
    },
    async mapPictures() {
      const classes = session.draft.classes;
      const classIndex = new Map(classes.map((info, index) => [info.id, index]));
      const pictures = session.pictures.filter((picture) => classIndex.has(picture.classId) && hasFeatures(picture));
      const engine = await context.engine();
      const examples = pictures.map((picture) => ({ classIndex: classIndex.get(picture.classId)!, embedding: picture.embedding }));
      return pictureMapView(pictures, classes, await engine.mapPictures(examples, classes.length));
    },
  };
}
