// The seed of a training (validation split, shuffling, first weights), taken from the pictures themselves: the
// same pictures give the same model, however fast they arrived, so a class that trains together gets the same
// answers and a teacher can repeat a demonstration.
import type { LabelledEmbedding } from '../engine';

/** How many numbers of each embedding go into the seed: enough to tell any two real pictures apart. */
const NUMBERS_PER_PICTURE = 16;

/** FNV-1a over the class and the first numbers' bits of every example, in order. */
export function trainingSeed(examples: readonly LabelledEmbedding[]): number {
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash = Math.imul(hash ^ value, 0x01000193) >>> 0;
  };
  for (const example of examples) {
    mix(example.classIndex);
    const bits = new Uint32Array(Float32Array.from(example.embedding.slice(0, NUMBERS_PER_PICTURE)).buffer);
    for (const value of bits) mix(value);
  }
  return hash;
}
