// Storage problems carry a stable code, like EngineError: the UI shows t('errors.<code>') and the work in memory
// is kept, so a failed write never loses what the child is doing.

export type StoreErrorCode =
  | 'store/unavailable' // the browser offers no IndexedDB (private mode, blocked by settings)
  | 'store/quota-exceeded' // the disk or the browser's share for this site is full
  | 'store/failed'; // any other read/write failure

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    /** English detail for logs and tests; never shown to a child as is. */
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'StoreError';
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return value instanceof Error && value.name === 'StoreError' && typeof (value as StoreError).code === 'string';
}

/** Names IndexedDB uses when the database itself cannot be opened or used at all. */
const UNAVAILABLE_NAMES = new Set(['SecurityError', 'InvalidStateError', 'NotFoundError', 'VersionError']);

/** Turns whatever IndexedDB (or its absence) threw into a StoreError. */
export function toStoreError(error: unknown): StoreError {
  if (isStoreError(error)) return error;
  const name = typeof error === 'object' && error !== null && typeof (error as Error).name === 'string' ? (error as Error).name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') return new StoreError('store/quota-exceeded', detail);
  // A ReferenceError means `indexedDB` does not exist in this environment at all.
  if (name === 'ReferenceError' || UNAVAILABLE_NAMES.has(name)) return new StoreError('store/unavailable', detail);
  return new StoreError('store/failed', `${name || 'Error'}: ${detail}`);
}
