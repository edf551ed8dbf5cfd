// What the Lab shows about a trained model: how well it does on pictures it did not learn from and which pictures
// it gets wrong. Built from the child's pictures *with the labels they have now*, so moving a mislabelled picture
// to its right class shows at once (the model's guess was right all along; the label was wrong). The engine (in its
// worker) does the predicting and counting; this only arranges its evaluations for the Lab.
import type { ClassInfo, Evaluation, LabelledEmbedding } from '../engine';

/**
 * Which pictures the accuracy is measured on:
 * - 'held-out': pictures the model never learnt from (held out for validation, or added after training);
 * - 'leave-one-out': KNN, each picture checked against all the others (a KNN keeps every picture, so nothing is
 *   really held out);
 * - 'practice': nothing was held out, so only the practice pictures are left, and the number looks too good;
 * - 'test': the child's test pictures, kept apart and never trained on.
 */
export type MeasuredOn = 'held-out' | 'leave-one-out' | 'practice' | 'test';

export interface Mistake {
  readonly pictureId: string;
  /** The class the picture is in now (its label). */
  readonly labelClassId: string;
  /** The class the model answers. */
  readonly guessClassId: string;
  /** How sure the model is of its guess, whole percent. */
  readonly confidence: number;
  /** The model learnt from this picture (a mistake on a practice picture often means a wrong label). */
  readonly practised: boolean;
}

export interface LabReport {
  /** The trained model this is about (its trainedAt). */
  readonly trainedAt: string;
  /** The model's classes (current names), the order of the evaluation's rows and columns. */
  readonly classes: readonly ClassInfo[];
  readonly measuredOn: MeasuredOn;
  readonly evaluation: Evaluation;
  /** The picture of each of `evaluation.pictures` (same order). */
  readonly pictureIds: readonly string[];
  /** Pictures not learnt from first, then practice pictures; the surest wrong guesses first within each. */
  readonly mistakes: readonly Mistake[];
}

/** A picture of the child's, labelled with the model's index of its current class. */
export type LabExample = LabelledEmbedding & { readonly pictureId: string };

/** Some pictures and the engine's evaluation of them (same order). */
export interface EvaluatedPictures {
  readonly examples: readonly LabExample[];
  readonly evaluation: Evaluation;
  readonly practised: boolean;
}

function mistakesOf(classes: readonly ClassInfo[], { examples, evaluation, practised }: EvaluatedPictures): Mistake[] {
  return evaluation.pictures.flatMap((result, i): Mistake[] =>
    result.correct
      ? []
      : [
          {
            pictureId: examples[i].pictureId,
            labelClassId: classes[result.trueClass].id,
            guessClassId: classes[result.predictedClass].id,
            confidence: result.percentages[result.predictedClass],
            practised,
          },
        ],
  );
}

/**
 * The report from the evaluation the accuracy is measured on, plus (for a neural network that held pictures out)
 * the evaluation of its practice pictures, whose mistakes come after.
 */
export function labReport(
  base: { readonly trainedAt: string; readonly classes: readonly ClassInfo[]; readonly measuredOn: MeasuredOn },
  measured: EvaluatedPictures,
  others?: EvaluatedPictures,
): LabReport {
  const byConfidence = (a: Mistake, b: Mistake) => b.confidence - a.confidence;
  return {
    ...base,
    evaluation: measured.evaluation,
    pictureIds: measured.examples.map((example) => example.pictureId),
    mistakes: [
      ...mistakesOf(base.classes, measured).sort(byConfidence),
      ...(others ? mistakesOf(base.classes, others).sort(byConfidence) : []),
    ],
  };
}

/**
 * The mistakes still the child's to look at: not moved or deleted since the report was made (`classIdOf` gives a
 * picture's class now, undefined once deleted), and not kept as they are (the child said the label is right).
 */
export function mistakesToReview(
  mistakes: readonly Mistake[],
  classIdOf: (pictureId: string) => string | undefined,
  kept: ReadonlySet<string>,
): Mistake[] {
  return mistakes.filter((mistake) => classIdOf(mistake.pictureId) === mistake.labelClassId && !kept.has(mistake.pictureId));
}
