// Reading one zip entry without trusting the zip: the size its directory declares is checked first, and the
// inflating stops as soon as more comes out than allowed (a directory can lie; a small file can inflate to
// gigabytes). Shared by the project file (.sb3) reader and the model importer. Plain JS, no tfjs.

/** The parts of a JSZip entry used here (a loaded JSZip's `file(name)` returns one). */
export interface ZipEntrySource {
  readonly dir?: boolean;
  /** JSZip keeps the sizes the zip declares here. */
  readonly _data?: unknown;
  async(type: 'uint8array'): Promise<Uint8Array>;
  /** JSZip's streaming reader. */
  internalStream?(type: 'uint8array'): ZipStream;
}

export interface ZipStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): ZipStream;
  on(event: 'error', listener: (error: Error) => void): ZipStream;
  on(event: 'end', listener: () => void): ZipStream;
  resume(): ZipStream;
  pause(): ZipStream;
}

export type CappedRead =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly failure: 'too-large' | 'unreadable'; readonly detail: string };

/** The uncompressed size the zip's directory declares for an entry, if JSZip recorded it. */
function declaredSize(entry: ZipEntrySource): number | undefined {
  const data = entry._data as { uncompressedSize?: unknown } | undefined;
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize : undefined;
}

function streamCapped(entry: ZipEntrySource, maxBytes: number): Promise<Uint8Array> {
  if (!entry.internalStream) return entry.async('uint8array');
  const stream = entry.internalStream('uint8array');
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    stream
      .on('data', (chunk) => {
        total += chunk.length;
        if (total > maxBytes) {
          stream.pause();
          reject(new RangeError(`more than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      })
      .on('error', reject)
      .on('end', () => {
        const bytes = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, offset);
          offset += chunk.length;
        }
        resolve(bytes);
      })
      .resume();
  });
}

/** The entry's bytes, or why not: never more than `maxBytes` are inflated, and it never throws. */
export async function readZipEntryCapped(entry: ZipEntrySource, name: string, maxBytes: number): Promise<CappedRead> {
  const declared = declaredSize(entry);
  if (declared !== undefined && declared > maxBytes) {
    return { ok: false, failure: 'too-large', detail: `${name} declares ${declared} bytes; the limit is ${maxBytes}` };
  }
  try {
    const bytes = await streamCapped(entry, maxBytes);
    if (bytes.length > maxBytes)
      return { ok: false, failure: 'too-large', detail: `${name} holds ${bytes.length} bytes; the limit is ${maxBytes}` };
    return { ok: true, bytes };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, failure: 'too-large', detail: `${name} inflates to ${error.message}` };
    return { ok: false, failure: 'unreadable', detail: `${name}: ${(error as Error).message}` };
  }
}
