// Plain words for each reason a block stack cannot train (engine/heads/head-stack.ts decides the reasons), saying
// which block to fix: shown next to the head editor and as the Train button's hint.
import { MAX_HEAD_PARAMETERS, MAX_STACK_LAYERS, MODEL_LIMITS, type StackProblem, type StackProblemCode } from '../../../engine';
import type { t as translate } from '../../../locales';

type Translate = typeof translate;

/** The locale key explaining `code` (area "lab"). */
export function stackProblemKey(code: StackProblemCode): `lab.head.problem.${StackProblemCode}` {
  return `lab.head.problem.${code}`;
}

/** Values the messages may name, e.g. "A layer can have at most {maxUnits} units". */
const LIMITS = { maxUnits: MODEL_LIMITS.denseUnits, maxLayers: MAX_STACK_LAYERS, maxParameters: MAX_HEAD_PARAMETERS.toLocaleString('en') };

export function stackProblemMessage(t: Translate, code: StackProblemCode): string {
  return t(stackProblemKey(code), LIMITS);
}

/** "Block 2: …" or "The answer block: …" (layerIndex equal to the stack's length is the answer layer). */
export function stackProblemText(t: Translate, problem: StackProblem, stackLength: number): string {
  const where =
    problem.layerIndex >= stackLength ? t('lab.head.where.answer') : t('lab.head.where.block', { number: problem.layerIndex + 1 });
  return t('lab.head.problemAt', { where, problem: stackProblemMessage(t, problem.code) });
}
