// The few key-value operations the model store needs. Two implementations: IndexedDB (the real one) and memory
// (used when the browser has no IndexedDB, so the trainer still works for the session, and in Node tests).

/** Keys are arrays so one model's records form a contiguous range: ['picture', modelId, pictureId]. */
export type StoreKey = readonly string[];

export interface KeyValueBackend {
  get<T>(key: StoreKey): Promise<T | undefined>;
  /** Every record whose key has `prefix` as its first elements (and at least one more), in key order. */
  entriesUnder<T>(prefix: StoreKey): Promise<[StoreKey, T][]>;
  /** The keys alone, without reading the (possibly large) values. */
  keysUnder(prefix: StoreKey): Promise<StoreKey[]>;
  /** Writes every entry in one transaction: all of them or none. */
  setMany(entries: readonly (readonly [StoreKey, unknown])[]): Promise<void>;
  delMany(keys: readonly StoreKey[]): Promise<void>;
}
