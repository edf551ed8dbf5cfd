import type { ModelServiceState, TrainReadiness } from '../../model-service';
import type { t as translate } from '../../locales';
import { stackProblemMessage } from '../lab/head-blocks/problem-messages';

type Translate = typeof translate;

/** The plain-words next step before Train can be pressed, e.g. "Add 3 more pictures to 'paper'". */
export function readinessHint(t: Translate, readiness: TrainReadiness): string {
  if (readiness.ready) return t('trainer.hintReady');
  if (readiness.need === 'head') {
    return t('lab.head.fixFirst', { problem: stackProblemMessage(t, readiness.problems[0].code) });
  }
  if (readiness.need === 'classes') {
    return t(readiness.missing === 1 ? 'trainer.hintMoreClassesOne' : 'trainer.hintMoreClassesOther', { count: readiness.missing });
  }
  return t(readiness.missing === 1 ? 'trainer.hintMorePicturesOne' : 'trainer.hintMorePicturesOther', {
    count: readiness.missing,
    name: readiness.className,
  });
}

export function pictureCount(t: Translate, count: number): string {
  return t(count === 1 ? 'trainer.pictureCountOne' : 'trainer.pictureCountOther', { count });
}

export function percent(confidence: number): number {
  return Math.round(Math.min(Math.max(confidence, 0), 1) * 100);
}

/** A trained model with none of its pictures here (a project shared without them): it works, it only looks empty. */
export function worksWithoutPictures(state: ModelServiceState): boolean {
  return state.trained !== null && state.addingPictures === 0 && state.classes.every((view) => view.pictures.length === 0);
}
