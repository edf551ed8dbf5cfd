// Which pictures sit among another class: each picture's nearest pictures (cosine similarity, as the KNN head
// measures) vote, and a picture whose neighbours are mostly of one other class "looks like" that class. Often a
// picture in the wrong class, or a class that needs more varied pictures. Plain numbers, no tfjs.
import type { Embedding } from '../types';

/** Neighbours that vote: enough that one odd neighbour cannot mark a picture, few enough for small classes. */
export const LOOKS_LIKE_NEIGHBOURS = 5;

function unitLength(embedding: Embedding): Float32Array {
  let sum = 0;
  for (let i = 0; i < embedding.length; i++) sum += embedding[i] * embedding[i];
  const length = Math.sqrt(sum) || 1;
  return embedding.map((value) => value / length);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * Per picture, the class that more than half of its `k` nearest other pictures belong to when that is not its
 * own class, otherwise null. Fewer than k other pictures: all of them vote.
 */
export function looksLikeOtherClass(
  embeddings: readonly Embedding[],
  classIndices: readonly number[],
  k = LOOKS_LIKE_NEIGHBOURS,
): (number | null)[] {
  const units = embeddings.map(unitLength);
  return units.map((unit, self) => {
    const nearest = units
      .map((other, index) => ({ index, similarity: dot(unit, other) }))
      .filter((entry) => entry.index !== self)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
    const votes = new Map<number, number>();
    for (const { index } of nearest) votes.set(classIndices[index], (votes.get(classIndices[index]) ?? 0) + 1);
    const [winner, count] = [...votes].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [-1, 0]);
    return winner !== classIndices[self] && count * 2 > nearest.length ? winner : null;
  });
}
