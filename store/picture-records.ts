// Picture records as IndexedDB holds them. Versions before the picture codec wrote the square under `jpeg`
// (always a JPEG, no type field); such a record is read as today's shape and rewritten in it by the loader.
import { EMBEDDING_SIZE, HAND_FEATURE_SIZE, HAND_LANDMARK_NAMES } from '../engine';
import { isPictureMimeType } from '../pictures/picture-codec';
import type { StoredPicture } from './types';

/** A picture record as written before the codec. */
type RecordBeforeCodec = Omit<StoredPicture, 'encoded' | 'mimeType'> & { readonly jpeg: Blob };

export interface ReadPicture {
  readonly picture: StoredPicture;
  /** It was in the old shape: writing `picture` back upgrades the record. */
  readonly upgraded: boolean;
}

/**
 * How many numbers a picture's embedding holds: a Pictures model's picture has no `hand` (MobileNet's numbers), a
 * Hands model's has its found hand (landmark numbers) or null (none found, no numbers); -1 for anything else.
 */
function featureCountFor(hand: unknown): number {
  if (hand === undefined) return EMBEDDING_SIZE;
  if (hand === null) return 0;
  const landmarks = typeof hand === 'object' && 'landmarks' in hand ? hand.landmarks : undefined;
  return Array.isArray(landmarks) && landmarks.length === HAND_LANDMARK_NAMES.length ? HAND_FEATURE_SIZE : -1;
}

/** The picture a record holds, in today's shape; undefined for a record that is not a usable picture. */
export function readPictureRecord(value: unknown): ReadPicture | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<StoredPicture & RecordBeforeCodec>;
  const usable =
    typeof record.id === 'string' &&
    typeof record.classId === 'string' &&
    record.embedding instanceof Float32Array &&
    record.embedding.length === featureCountFor(record.hand);
  if (!usable) return undefined;
  if (record.encoded instanceof Blob && isPictureMimeType(record.mimeType)) return { picture: record as StoredPicture, upgraded: false };
  if (!(record.jpeg instanceof Blob) || record.encoded !== undefined) return undefined;
  const { jpeg, ...rest } = record as RecordBeforeCodec;
  return { picture: { ...rest, encoded: jpeg, mimeType: 'image/jpeg' }, upgraded: true };
}
