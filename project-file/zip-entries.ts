// Names of our entries inside the .sb3 and reading them without trusting the zip. Entry names are derived from
// ids we check, never taken from project.json, so a hostile file cannot point us at "../" paths or at
// Scratch's own assets.
import { readZipEntryCapped, type CappedRead } from '../engine';
import { pictureExtension, type PictureMimeType } from '../pictures/picture-codec';
import type { ZipEntrySource, ZipSource } from './types';

/** Our folder inside the .sb3 (next to Scratch's project.json and asset files). */
export const ENTRY_FOLDER = 'imageModel';

export const weightsEntryName = (modelId: string) => `${ENTRY_FOLDER}/${modelId}.bin`;
export const pictureEntryName = (modelId: string, pictureId: string, mimeType: PictureMimeType) =>
  `${ENTRY_FOLDER}/${modelId}/${pictureId}.${pictureExtension(mimeType)}`;

export type EntryRead = CappedRead | { readonly ok: false; readonly failure: 'missing'; readonly detail: string };

/** Reads one entry, refusing anything declared or inflating beyond `maxBytes`; never throws. */
export async function readEntry(zip: ZipSource, name: string, maxBytes: number): Promise<EntryRead> {
  let entry: ZipEntrySource | null;
  try {
    entry = zip.file(name);
  } catch (error) {
    return { ok: false, failure: 'unreadable', detail: `${name}: ${(error as Error).message}` };
  }
  if (!entry || entry.dir) return { ok: false, failure: 'missing', detail: `${name} is not in the project` };
  return readZipEntryCapped(entry, name, maxBytes);
}
