// Engine errors carry a stable code instead of prose: the UI turns the code into words in the child's
// language (locales/<lang>/errors.json has one entry per code), so the engine stays language-free.
import type { StackProblem } from './types';

export type EngineErrorCode =
  | 'base-model/unreachable' // no source of the backbone answered (offline, wrong path)
  | 'base-model/hash-mismatch' // the weights are not the MobileNetV2-0.35 we expect
  | 'base-model/invalid' // model.json / weights could not be parsed
  | 'base-model/not-loaded' // embed/predict called before init
  | 'image/invalid' // width/height/data do not describe an RGBA picture
  | 'embedding/invalid' // an embedding is not EMBEDDING_SIZE finite numbers (e.g. a corrupted cache)
  | 'train/too-few-classes'
  | 'train/too-few-examples'
  | 'train/invalid-settings'
  | 'train/invalid-classes' // class ids missing or repeated, or an example points at no class
  | 'train/invalid-head' // the block-built stack cannot be trained (`headProblems` says why, block by block)
  | 'train/cancelled'
  | 'model/not-loaded' // predict with a model key that was never loaded
  | 'model/invalid' // a serialized model failed validation (details say what)
  | 'model/wrong-base-model' // trained on another backbone
  | 'model/unsupported-version' // written by a newer version of the format
  | 'internal';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    /** English detail for logs and tests; never shown to a child as is. */
    readonly detail: string,
    /** 'train/invalid-head' only: every problem of the stack, so the editor can explain each block. */
    readonly headProblems?: readonly StackProblem[],
  ) {
    super(`${code}: ${detail}`);
    this.name = 'EngineError';
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof Error && value.name === 'EngineError' && typeof (value as EngineError).code === 'string';
}

/** Every code, so a locale test can check that each one has words in every language. */
export const ENGINE_ERROR_CODES = [
  'base-model/unreachable',
  'base-model/hash-mismatch',
  'base-model/invalid',
  'base-model/not-loaded',
  'image/invalid',
  'embedding/invalid',
  'train/too-few-classes',
  'train/too-few-examples',
  'train/invalid-settings',
  'train/invalid-classes',
  'train/invalid-head',
  'train/cancelled',
  'model/not-loaded',
  'model/invalid',
  'model/wrong-base-model',
  'model/unsupported-version',
  'internal',
] as const satisfies readonly EngineErrorCode[];

// Fails to compile when a code is added to EngineErrorCode but not to the list above.
type MissingCodes = Exclude<EngineErrorCode, (typeof ENGINE_ERROR_CODES)[number]>;
const everyCodeListed: MissingCodes extends never ? true : never = true;
void everyCodeListed;
