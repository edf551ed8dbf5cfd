// Our zip entries written inside project.json, as base64 under `extensionStorage.imageModel.entries`. TurboWarp
// saves an extension's storage (runtime.extensionStorage) but no zip entries of its own, so a project saved
// there carries its weights and pictures this way. The reader looks each entry up in the zip first, then here;
// so both editors read both layouts with the same checks (sizes are known before anything is decoded).
import type { ZipEntrySource } from '../engine';
import type { ProjectEntry } from './write-models';
import type { ZipSource } from './types';

/** The field of our storage object that holds the inlined entries: entry name → base64. */
export const INLINE_ENTRIES_FIELD = 'entries';

const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The decoded size of a base64 text, without decoding it. */
const decodedSize = (text: string) => Math.floor((text.replace(/=+$/, '').length * 3) / 4);

/** A save's entries as the base64 map stored under INLINE_ENTRIES_FIELD (picture Blobs are read here). */
export async function inlineEntries(entries: readonly ProjectEntry[]): Promise<Record<string, string>> {
  const inlined: Record<string, string> = {};
  for (const { name, data } of entries) {
    inlined[name] = toBase64(data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer()));
  }
  return inlined;
}

function inlineEntry(text: string): ZipEntrySource {
  return {
    // What the capped reader checks before it reads: a hostile project declares no size of its own here.
    _data: { uncompressedSize: decodedSize(text) },
    async: async () => fromBase64(text),
  };
}

/**
 * The zip's entries, then the inlined ones of `storage` (our part of project.json, unchecked). Null when there is
 * neither. Only names the reader builds from checked ids are ever looked up.
 */
export function withInlineEntries(storage: Record<string, unknown>, zip: ZipSource | null): ZipSource | null {
  const field = Object.prototype.hasOwnProperty.call(storage, INLINE_ENTRIES_FIELD) ? storage[INLINE_ENTRIES_FIELD] : undefined;
  if (typeof field !== 'object' || field === null || Array.isArray(field)) return zip;
  const inlined = field as Record<string, unknown>;
  return {
    file(name) {
      const fromZip = zip?.file(name);
      if (fromZip) return fromZip;
      const text = Object.prototype.hasOwnProperty.call(inlined, name) ? inlined[name] : undefined;
      return typeof text === 'string' ? inlineEntry(text) : null;
    },
  };
}
