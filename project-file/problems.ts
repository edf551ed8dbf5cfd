// Every reason a project's model can be broken, with the locale key that explains it to a child.
import type { ProjectModelProblem } from './types';

export const PROJECT_MODEL_PROBLEMS = [
  'weights-missing',
  'weights-truncated',
  'too-large',
  'wrong-shapes',
  'not-finite',
  'unknown-base-model',
  'classes-mismatch',
  'unsafe-name',
  'duplicate',
  'newer-version',
  'invalid',
] as const satisfies readonly ProjectModelProblem[];

// Fails to compile when a reason is added to ProjectModelProblem but not to the list above.
type Unlisted = Exclude<ProjectModelProblem, (typeof PROJECT_MODEL_PROBLEMS)[number]>;
const everyProblemListed: Unlisted extends never ? true : never = true;
void everyProblemListed;

/** t() key of the plain-words explanation (locales/<lang>/sharing.json). */
export function problemMessageKey(problem: ProjectModelProblem): `sharing.problem.${ProjectModelProblem}` {
  return `sharing.problem.${problem}`;
}
