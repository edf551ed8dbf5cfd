// Which precompressed copy of a file to send, from the request's Accept-Encoding (RFC 9110 §12.5.3) and the copies
// the build wrote beside it (`<file>.br`, `<file>.gz`). Pure, so the negotiation is unit-tested without a server.

/** The encodings the build writes, in the order we prefer them: brotli is the smaller. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type ContentEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

/** Each coding the client named, with its weight (1 when no `q` is given); `*` stands for any coding not named. */
function acceptedWeights(acceptEncoding: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = params.map((param) => /^q\s*=\s*(.*)$/i.exec(param)).find((match) => match !== null);
    // A weight that is not a number refuses the coding rather than guessing.
    const weight = q ? Number(q[1]) : 1;
    weights.set(name.toLowerCase(), Number.isFinite(weight) ? weight : 0);
  }
  return weights;
}

/**
 * The encoding to send, or null for the file as it is: the preferred coding that the client accepts (q > 0) and
 * whose copy exists. A missing header means the client asked for nothing, so it gets the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: ReadonlySet<ContentEncoding>): ContentEncoding | null {
  if (!acceptEncoding) return null;
  const weights = acceptedWeights(acceptEncoding);
  const weightOf = (encoding: string) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const candidates = PRECOMPRESSED.filter(({ encoding }) => available.has(encoding) && weightOf(encoding) > 0);
  // Highest weight first; on equal weights the order of PRECOMPRESSED (brotli first) decides.
  const best = candidates.reduce<(typeof candidates)[number] | null>(
    (chosen, each) => (chosen === null || weightOf(each.encoding) > weightOf(chosen.encoding) ? each : chosen),
    null,
  );
  return best?.encoding ?? null;
}
