// The same picture twice in a class, noticed by what it shows rather than its file name: the same file chosen
// twice (or twice in one upload) makes the same 224x224 square and so the same embedding. "The same" allows for
// float rounding, which can differ with the batch a picture was embedded in; two different photos, or two webcam
// frames, are thousands of times further apart.

/** Closer than this share of the embedding's length counts as the same picture. */
const SAME_PICTURE = 1e-4;

interface Embedded {
  readonly embedding: Float32Array;
}

const lengths = new WeakMap<Float32Array, number>();

function lengthOf(embedding: Float32Array): number {
  let length = lengths.get(embedding);
  if (length === undefined) {
    let sum = 0;
    for (const value of embedding) sum += value * value;
    length = Math.sqrt(sum);
    lengths.set(embedding, length);
  }
  return length;
}

function isSame(a: Float32Array, b: Float32Array, limit: number): boolean {
  if (a.length !== b.length) return false;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = a[i] - b[i];
    sum += difference * difference;
    if (sum > limit * limit) return false;
  }
  return true;
}

/** Whether `candidate` shows the same picture as one of `others` (for a Hands model: the same hand, to the last digit). */
export function isDuplicate(candidate: Embedded, others: readonly Embedded[]): boolean {
  // A Hands model's picture with no hand in it has no numbers to compare.
  if (candidate.embedding.length === 0) return false;
  const length = lengthOf(candidate.embedding);
  const limit = SAME_PICTURE * Math.max(length, Number.EPSILON);
  // Two embeddings whose lengths differ by more than the limit are further apart than it: most are ruled out
  // by one subtraction, so a class of thousands is checked in a moment.
  return others.some(
    (other) => Math.abs(lengthOf(other.embedding) - length) <= limit && isSame(candidate.embedding, other.embedding, limit),
  );
}

/** `pictures` without those already among `existing` or earlier in `pictures` itself, and how many were left out. */
export function withoutDuplicates<T extends Embedded>(
  pictures: readonly T[],
  existing: readonly Embedded[],
): { kept: T[]; skipped: number } {
  const kept: T[] = [];
  for (const picture of pictures) {
    if (!isDuplicate(picture, existing) && !isDuplicate(picture, kept)) kept.push(picture);
  }
  return { kept, skipped: pictures.length - kept.length };
}
