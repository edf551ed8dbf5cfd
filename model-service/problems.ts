// Every failure the model service reports is a stable code; the UI shows t('errors.<code>').
import { isEngineError, type EngineErrorCode } from '../engine';
import { isStoreError, type StoreErrorCode } from '../store/errors';

export type ProblemCode = EngineErrorCode | StoreErrorCode;

export function problemCode(error: unknown): ProblemCode {
  if (isEngineError(error) || isStoreError(error)) return error.code;
  return 'internal';
}
