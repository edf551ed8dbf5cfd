// A map of all pictures: every picture's embedding placed in 2-D, so pictures the backbone sees alike lie close.
// UMAP (umap-js) from UMAP_FROM pictures on: it keeps each picture's neighbours together, which is what a child
// looks for ("which pictures sit with which"). Below that, UMAP's neighbourhoods are too small to mean anything
// and it scatters the pictures arbitrarily, so a few pictures get PCA: their two widest directions, exact and
// instant. Both are seeded and label-free, so moving a picture to another class recolours it without moving it.
import { UMAP } from 'umap-js';
import { seededRandom } from '../training-data';
import type { Embedding } from '../types';
import { looksLikeOtherClass } from './neighbours';

export const UMAP_FROM = 20;
/** UMAP's neighbourhood (its default) and epochs: 200 settle a few hundred pictures in about a second. */
const UMAP_NEIGHBOURS = 15;
const UMAP_EPOCHS = 200;
const SEED = 14;

export interface PictureMap {
  /** Per picture, in the order given: its place, each coordinate 0..1 (the longer side of the layout spans 0..1). */
  readonly points: readonly (readonly [x: number, y: number])[];
  /** Per picture: the class its nearest pictures mostly belong to when that is not its own, else null. */
  readonly looksLike: readonly (number | null)[];
  readonly method: 'umap' | 'pca';
}

function cosineDistance(a: number[], b: number[]): number {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return 1 - ab / (Math.sqrt(aa * bb) || 1);
}

/** The two leading principal components of a few embeddings, by power iteration on their n × n Gram matrix. */
function pca(embeddings: readonly Embedding[]): [number, number][] {
  const n = embeddings.length;
  const size = embeddings[0].length;
  const mean = new Float64Array(size);
  for (const embedding of embeddings) for (let i = 0; i < size; i++) mean[i] += embedding[i] / n;
  const centred = embeddings.map((embedding) => Float64Array.from(embedding, (value, i) => value - mean[i]));
  const gram = centred.map((a) => centred.map((b) => a.reduce((sum, value, i) => sum + value * b[i], 0)));
  const random = seededRandom(SEED);
  const components: Float64Array[] = [];
  for (let component = 0; component < 2; component++) {
    let vector = Float64Array.from({ length: n }, () => random() - 0.5);
    let value = 0;
    for (let step = 0; step < 200; step++) {
      // Deflation: the component found already is taken out, so the next one is the second widest direction.
      for (const found of components) {
        const along = found.reduce((sum, f, i) => sum + f * vector[i], 0);
        vector = vector.map((v, i) => v - along * found[i]);
      }
      const next = Float64Array.from(gram, (row) => row.reduce((sum, g, j) => sum + g * vector[j], 0));
      value = Math.hypot(...next);
      if (value === 0) break;
      vector = next.map((v) => v / value);
    }
    components.push(value === 0 ? new Float64Array(n) : vector);
    components[component] = components[component].map((v) => v * Math.sqrt(value));
  }
  return Array.from({ length: n }, (_, i) => [components[0][i], components[1][i]]);
}

/** Shifted and scaled into 0..1, the longer side filling it and the shorter one centred. */
function toUnitSquare(points: readonly (readonly [number, number])[]): [number, number][] {
  const low = [0, 1].map((axis) => Math.min(...points.map((point) => point[axis])));
  const high = [0, 1].map((axis) => Math.max(...points.map((point) => point[axis])));
  const span = Math.max(high[0] - low[0], high[1] - low[1]) || 1;
  const margin = [0, 1].map((axis) => (1 - (high[axis] - low[axis]) / span) / 2);
  return points.map((point) => [0, 1].map((axis) => margin[axis] + (point[axis] - low[axis]) / span) as [number, number]);
}

/** The map of `embeddings`, each labelled with its class index (for the "looks like" marks only). */
export function mapPictures(embeddings: readonly Embedding[], classIndices: readonly number[]): PictureMap {
  const looksLike = looksLikeOtherClass(embeddings, classIndices);
  if (embeddings.length === 0) return { points: [], looksLike, method: 'pca' };
  if (embeddings.length < UMAP_FROM) return { points: toUnitSquare(pca(embeddings)), looksLike, method: 'pca' };
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: UMAP_NEIGHBOURS,
    nEpochs: UMAP_EPOCHS,
    distanceFn: cosineDistance,
    random: seededRandom(SEED),
  });
  const layout = umap.fit(embeddings.map((embedding) => Array.from(embedding)));
  return { points: toUnitSquare(layout.map(([x, y]) => [x, y])), looksLike, method: 'umap' };
}
