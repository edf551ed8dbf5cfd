import { createStore, delMany, get, promisifyRequest, setMany, type UseStore } from 'idb-keyval';
import type { KeyValueBackend, StoreKey } from './backend';
import { toStoreError } from './errors';

/** The range of keys that start with `prefix`: arrays sort after strings, so [...prefix, []] closes it. */
function rangeUnder(prefix: StoreKey): IDBKeyRange {
  return IDBKeyRange.bound([...prefix], [...prefix, []], true, true);
}

/** Runs an idb-keyval call, turning synchronous throws (no IndexedDB at all) and DOM errors into StoreErrors. */
async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreError(error);
  }
}

export function createIndexedDbBackend(databaseName: string, storeName = 'records'): KeyValueBackend {
  const store: UseStore = createStore(databaseName, storeName);
  return {
    get: <T>(key: StoreKey) => guarded(() => get<T>([...key], store)),
    entriesUnder: <T>(prefix: StoreKey) =>
      guarded(() =>
        store('readonly', async (objects) => {
          // Both requests run in one transaction, so keys and values line up.
          const [keys, values] = await Promise.all([
            promisifyRequest(objects.getAllKeys(rangeUnder(prefix))),
            promisifyRequest(objects.getAll(rangeUnder(prefix))),
          ]);
          return keys.map((key, index): [StoreKey, T] => [key as StoreKey, values[index] as T]);
        }),
      ),
    keysUnder: (prefix: StoreKey) =>
      guarded(() => store('readonly', (objects) => promisifyRequest(objects.getAllKeys(rangeUnder(prefix))) as Promise<StoreKey[]>)),
    setMany: (entries) =>
      guarded(() =>
        setMany(
          entries.map(([key, value]) => [[...key], value]),
          store,
        ),
      ),
    delMany: (keys) =>
      guarded(() =>
        delMany(
          keys.map((key) => [...key]),
          store,
        ),
      ),
  };
}
