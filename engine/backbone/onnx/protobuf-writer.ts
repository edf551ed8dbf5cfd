// The few protocol-buffer encodings an ONNX model file needs, written by hand: varints and length-delimited fields
// (strings, bytes, nested messages, packed integers). Writing only, for a handful of messages, is about 40 lines;
// protobufjs would be a new direct dependency (and a schema to load) for the same job.

/** One encoded field (key and value), ready to be joined into a message. */
export type Field = Uint8Array;

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const utf8 = new TextEncoder();

function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint ${value}: only non-negative safe integers`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

const key = (fieldNumber: number, wireType: number) => varint(fieldNumber * 8 + wireType);

export function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** An int32/int64/enum field (non-negative values only: ONNX's sizes, types and versions). */
export const intField = (fieldNumber: number, value: number): Field =>
  Uint8Array.from([...key(fieldNumber, WIRE_VARINT), ...varint(value)]);

export const bytesField = (fieldNumber: number, value: Uint8Array): Field =>
  join([Uint8Array.from([...key(fieldNumber, WIRE_LENGTH_DELIMITED), ...varint(value.length)]), value]);

export const stringField = (fieldNumber: number, value: string): Field => bytesField(fieldNumber, utf8.encode(value));

/** A nested message: its fields joined, length-delimited. */
export const messageField = (fieldNumber: number, fields: readonly Field[]): Field => bytesField(fieldNumber, join(fields));

/** A repeated integer field, packed (what proto3 writes; any reader accepts it). */
export const packedIntsField = (fieldNumber: number, values: readonly number[]): Field =>
  bytesField(fieldNumber, Uint8Array.from(values.flatMap(varint)));
