// The model card's facts for a version just trained (engine/model-card.ts): how many pictures of each class it
// learnt from, and how well it does, measured as the Lab measures it (its evaluation of the new model).
import { cardMeasure, picturesPerClass, type CardMeasure, type ModelCardFacts, type SerializedModel } from '../engine';
import type { TrainedOn } from '../store';
import type { LabFacet } from './facets/lab';

/** The Lab's evaluation as the card's measure; undefined when nothing could be measured (the card says so). */
export async function measureForCard(lab: Pick<LabFacet, 'evaluateModel'>): Promise<CardMeasure | undefined> {
  const report = await lab.evaluateModel();
  if (report.measuredOn === 'test' || report.evaluation.total === 0) return undefined;
  return cardMeasure(report.measuredOn, report.evaluation);
}

export function cardFacts(model: SerializedModel, trainedOn: TrainedOn, measure: CardMeasure | undefined): ModelCardFacts {
  return {
    ...(trainedOn.pictureClassIds && { pictures: picturesPerClass(model.metadata, trainedOn.pictureClassIds) }),
    ...(measure && { measure }),
  };
}
