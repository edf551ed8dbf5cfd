// Why a file could not be imported as a model. Each code has words in locales/<lang>/sharing.json under
// `sharing.import.<code>`; the detail is English for logs and tests.

export type ImportProblem =
  | 'not-a-model' // not a model file at all (a picture, a project, random bytes)
  | 'missing-part' // model.json without its weights or metadata.json, or the other way round
  | 'other-base-model' // a Teachable Machine model on another backbone (e.g. MobileNet v1)
  | 'unsupported-model' // a tfjs model, but not an image classifier we can run (pose, audio, unknown layers)
  | 'damaged' // the parts do not fit together (sizes, shapes, NaN, labels vs outputs)
  | 'too-large'; // far bigger than any image model

export const IMPORT_PROBLEMS = [
  'not-a-model',
  'missing-part',
  'other-base-model',
  'unsupported-model',
  'damaged',
  'too-large',
] as const satisfies readonly ImportProblem[];

// Fails to compile when a code is added to ImportProblem but not to the list above.
type Unlisted = Exclude<ImportProblem, (typeof IMPORT_PROBLEMS)[number]>;
const everyProblemListed: Unlisted extends never ? true : never = true;
void everyProblemListed;

export class ImportError extends Error {
  constructor(
    readonly problem: ImportProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'ImportError';
  }
}

export function isImportError(value: unknown): value is ImportError {
  return value instanceof Error && value.name === 'ImportError' && typeof (value as ImportError).problem === 'string';
}

/** t() key of the plain-words message (locales/<lang>/sharing.json). */
export function importMessageKey(problem: ImportProblem): `sharing.import.${ImportProblem}` {
  return `sharing.import.${problem}`;
}
