// Whether the child can press Train, and if not, the one next thing to do (shown as a plain-words hint).
import { hiddenLayersOf, type StackProblem, stackProblems, type TrainingSettings } from '../engine';

export const MIN_CLASSES = 2;
export const MIN_PICTURES_PER_CLASS = 5;

export type TrainReadiness =
  | { readonly ready: true }
  | { readonly ready: false; readonly need: 'classes'; readonly missing: number }
  | { readonly ready: false; readonly need: 'pictures'; readonly className: string; readonly missing: number }
  /** The neural network's block stack cannot be trained (the Lab's head editor explains each problem). */
  | { readonly ready: false; readonly need: 'head'; readonly problems: readonly StackProblem[] };

export function trainReadiness(
  classes: readonly { readonly name: string; readonly pictureCount: number }[],
  settings?: TrainingSettings,
): TrainReadiness {
  if (classes.length < MIN_CLASSES) return { ready: false, need: 'classes', missing: MIN_CLASSES - classes.length };
  const short = classes.find((info) => info.pictureCount < MIN_PICTURES_PER_CLASS);
  if (short) return { ready: false, need: 'pictures', className: short.name, missing: MIN_PICTURES_PER_CLASS - short.pictureCount };
  if (settings?.head.kind === 'dense') {
    const problems = stackProblems(hiddenLayersOf(settings.head), classes.length);
    if (problems.length > 0) return { ready: false, need: 'head', problems };
  }
  return { ready: true };
}
