import type { KeyValueBackend, StoreKey } from './backend';

function isUnder(key: StoreKey, prefix: StoreKey): boolean {
  return key.length > prefix.length && prefix.every((part, index) => key[index] === part);
}

function compareKeys(a: StoreKey, b: StoreKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

/** Keeps records in memory with IndexedDB's semantics: values are structured-cloned in and out. */
export function createMemoryBackend(): KeyValueBackend {
  const records = new Map<string, { key: StoreKey; value: unknown }>();
  const sortedUnder = (prefix: StoreKey) =>
    [...records.values()].filter((record) => isUnder(record.key, prefix)).sort((a, b) => compareKeys(a.key, b.key));
  return {
    async get<T>(key: StoreKey) {
      const record = records.get(JSON.stringify(key));
      return record === undefined ? undefined : structuredClone(record.value as T);
    },
    async entriesUnder<T>(prefix: StoreKey) {
      return sortedUnder(prefix).map((record): [StoreKey, T] => [record.key, structuredClone(record.value as T)]);
    },
    async keysUnder(prefix: StoreKey) {
      return sortedUnder(prefix).map((record) => record.key);
    },
    async setMany(entries) {
      // Clone everything first so a value that cannot be stored leaves nothing half-written.
      const cloned = entries.map(([key, value]) => ({ key: [...key], value: structuredClone(value) }));
      for (const record of cloned) records.set(JSON.stringify(record.key), record);
    },
    async delMany(keys) {
      for (const key of keys) records.delete(JSON.stringify(key));
    },
  };
}
