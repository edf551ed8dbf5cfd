// How a model file fails its checks, shared by the reader and by each head kind's reading of its description
// (engine/heads/<kind>-kind.ts), so every check names the same kinds of failure. Plain data, no tfjs.
import { EngineError, isEngineError } from '../errors';

/**
 * Which kind of check a model failed, so a caller (e.g. the report on an opened project) maps a reason and never
 * parses the English detail. Any declared size over a limit is 'too-large', whichever field declares it.
 */
export type ModelFormatProblem = 'invalid' | 'too-large' | 'not-finite' | 'weights-truncated' | 'classes-mismatch' | 'wrong-shapes';

/** EngineError 'model/invalid' that also says which kind of check failed. */
export class ModelFormatError extends EngineError {
  constructor(
    readonly problem: ModelFormatProblem,
    detail: string,
  ) {
    super('model/invalid', detail);
  }
}

export function isModelFormatError(value: unknown): value is ModelFormatError {
  return isEngineError(value) && value.code === 'model/invalid' && typeof (value as Partial<ModelFormatError>).problem === 'string';
}

export const invalid = (detail: string, problem: ModelFormatProblem = 'invalid') => new ModelFormatError(problem, detail);
export const tooLarge = (detail: string) => new ModelFormatError('too-large', detail);
/** One failed check: 'too-large' when what failed was a declared size over its limit, else 'invalid'. */
export const failed = (detail: string, overLimit: boolean) => (overLimit ? tooLarge(detail) : invalid(detail));
/** A whole number above `max`: a size declared too large (anything else that is not a count is just invalid). */
export const isOver = (value: unknown, max: number) => typeof value === 'number' && Number.isInteger(value) && value > max;
export const isCount = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
