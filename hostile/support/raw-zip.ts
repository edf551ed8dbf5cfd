// A zip written by hand, byte for byte, so a test can make what JSZip refuses to write: two entries with one
// name, "../" names, directories that lie about sizes, and entries that inflate to hundreds of megabytes.
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  readonly name: string;
  /** Deflated bytes (method 8). */
  readonly deflated: Uint8Array;
  readonly crc: number;
  /** What the headers claim the entry inflates to (may lie). */
  readonly declaredSize: number;
}

export function entry(name: string, content: Uint8Array | string): RawEntry {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), declaredSize: bytes.length };
}

/** An entry of `size` zero bytes, deflated chunk by chunk (a few hundred KB for hundreds of MB). */
export async function zeroBombEntry(name: string, size: number): Promise<RawEntry> {
  const chunk = new Uint8Array(1024 * 1024);
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (data: Buffer) => out.push(data));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - written));
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, deflated: new Uint8Array(Buffer.concat(out)), crc, declaredSize: size };
}

/** The zip of `entries` in this order, duplicates and odd names kept exactly. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const item of entries) {
    const name = Buffer.from(item.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(item.crc >>> 0, 14);
    local.writeUInt32LE(item.deflated.length, 18);
    local.writeUInt32LE(item.declaredSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(item.crc >>> 0, 16);
    central.writeUInt32LE(item.deflated.length, 20);
    central.writeUInt32LE(item.declaredSize >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(item.deflated));
    centrals.push(central, name);
    offset += 30 + name.length + item.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
