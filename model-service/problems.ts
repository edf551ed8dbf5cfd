// Every failure the model service reports is a stable code; the UI shows t('errors.<code>').
import { isEngineError, type EngineErrorCode } from '../engine';
import { isStoreError, type StoreErrorCode } from '../store/errors';
import { type HandFinderErrorCode, isHandFinderError } from '../hands/hand-finder';
import { HandsUnavailableError } from './picture-features';

/** 'hands/unavailable': a Hands model on a page that has no hand finder. */
export type ProblemCode = EngineErrorCode | StoreErrorCode | HandFinderErrorCode | 'hands/unavailable';

export function problemCode(error: unknown): ProblemCode {
  if (isEngineError(error) || isStoreError(error) || isHandFinderError(error)) return error.code;
  if (error instanceof HandsUnavailableError) return 'hands/unavailable';
  return 'internal';
}
