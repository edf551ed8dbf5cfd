// Picture records as IndexedDB holds them. Versions before the picture codec wrote the square under `jpeg`
// (always a JPEG, no type field); such a record is read as today's shape and rewritten in it by the loader.
import { EMBEDDING_SIZE } from '../engine';
import { isPictureMimeType } from '../pictures/picture-codec';
import type { StoredPicture } from './types';

/** A picture record as written before the codec. */
type RecordBeforeCodec = Omit<StoredPicture, 'encoded' | 'mimeType'> & { readonly jpeg: Blob };

export interface ReadPicture {
  readonly picture: StoredPicture;
  /** It was in the old shape: writing `picture` back upgrades the record. */
  readonly upgraded: boolean;
}

/** The picture a record holds, in today's shape; undefined for a record that is not a usable picture. */
export function readPictureRecord(value: unknown): ReadPicture | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<StoredPicture & RecordBeforeCodec>;
  const usable =
    typeof record.id === 'string' &&
    typeof record.classId === 'string' &&
    record.embedding instanceof Float32Array &&
    record.embedding.length === EMBEDDING_SIZE;
  if (!usable) return undefined;
  if (record.encoded instanceof Blob && isPictureMimeType(record.mimeType)) return { picture: record as StoredPicture, upgraded: false };
  if (!(record.jpeg instanceof Blob) || record.encoded !== undefined) return undefined;
  const { jpeg, ...rest } = record as RecordBeforeCodec;
  return { picture: { ...rest, encoded: jpeg, mimeType: 'image/jpeg' }, upgraded: true };
}
