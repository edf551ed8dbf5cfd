// Extra practice pictures (augmentation) as the child chooses them in the Lab: four switches that map onto the
// engine's copy makers, and a cache of the copies' embeddings so training again does not embed them again.
import {
  augmentVariants,
  DEFAULT_AUGMENTATION,
  type AugmentationKind,
  type AugmentationOptions,
  type AugmentedEmbedding,
  type Embedding,
  type RgbaImage,
} from '../engine';
import type { ModelDraft } from '../store';

/** The child's switches (all off: no copies): flip, turn a little each way, blur, lighter and darker. */
export type AugmentationChoice = NonNullable<ModelDraft['augmentation']>;

export const NO_AUGMENTATION: AugmentationChoice = { flip: false, turn: false, blur: false, light: false };

export function augmentationOptions(choice: AugmentationChoice): AugmentationOptions {
  return {
    flip: choice.flip,
    rotateDegrees: choice.turn ? DEFAULT_AUGMENTATION.rotateDegrees : 0,
    blur: choice.blur,
    brightnessDelta: choice.light ? DEFAULT_AUGMENTATION.brightnessDelta : 0,
  };
}

/** How many copies each picture gets. */
export function copiesPerPicture(choice: AugmentationChoice): number {
  return Number(choice.flip) + 2 * Number(choice.turn) + Number(choice.blur) + 2 * Number(choice.light);
}

/** Keeps only the known switches, as booleans (a damaged saved draft must not break training). */
export function cleanChoice(value: Partial<AugmentationChoice> | undefined): AugmentationChoice {
  return { flip: value?.flip === true, turn: value?.turn === true, blur: value?.blur === true, light: value?.light === true };
}

export interface CopySource {
  readonly pictureId: string;
  /** The picture as the picture codec encoded it. */
  readonly encoded: Blob;
}

export interface CopyMaker {
  /**
   * The embeddings of the chosen copies of every picture; pictures whose copies were made before are not decoded
   * or embedded again. `onProgress` after each batch of pictures; stops between batches when `signal` aborts.
   */
  copies(
    sources: readonly CopySource[],
    choice: AugmentationChoice,
    options: { onProgress?(done: number, total: number): void; signal?: AbortSignal },
  ): Promise<AugmentedEmbedding[]>;
}

/** Pictures decoded and embedded at once: the copies of 4 pictures are up to 24 pictures for the engine. */
const BATCH = 4;

/** The kinds of copy `options` makes, in the engine's order (asked of the engine on a 1-pixel picture). */
function kindsOf(options: AugmentationOptions): AugmentationKind[] {
  return augmentVariants({ width: 1, height: 1, data: new Uint8ClampedArray(4) }, options).map((copy) => copy.kind);
}

export function createCopyMaker(
  decode: (encoded: Blob) => Promise<RgbaImage>,
  embed: (images: readonly RgbaImage[]) => Promise<Embedding[]>,
): CopyMaker {
  /** `${pictureId}/${kind}` -> embedding. A picture never changes its pixels, so entries never go stale. */
  const cache = new Map<string, Embedding>();
  const keyOf = (pictureId: string, kind: AugmentationKind) => `${pictureId}/${kind}`;

  async function makeBatch(batch: readonly CopySource[], options: AugmentationOptions): Promise<void> {
    const made = await Promise.all(
      batch.map(async (source) => ({ source, copies: augmentVariants(await decode(source.encoded), options) })),
    );
    const images = made.flatMap((entry) => entry.copies.map((copy) => copy.image));
    const embeddings = images.length > 0 ? await embed(images) : [];
    let next = 0;
    for (const entry of made) {
      for (const copy of entry.copies) cache.set(keyOf(entry.source.pictureId, copy.kind), embeddings[next++]);
    }
  }

  return {
    async copies(sources, choice, { onProgress, signal }) {
      const options = augmentationOptions(choice);
      const kinds = kindsOf(options);
      const missing = sources.filter((source) => kinds.some((kind) => !cache.has(keyOf(source.pictureId, kind))));
      onProgress?.(0, missing.length);
      for (let start = 0; start < missing.length && !signal?.aborted; start += BATCH) {
        await makeBatch(missing.slice(start, start + BATCH), options);
        onProgress?.(Math.min(start + BATCH, missing.length), missing.length);
      }
      return sources.flatMap((source) =>
        kinds.flatMap((kind) => {
          const embedding = cache.get(keyOf(source.pictureId, kind));
          return embedding ? [{ sourcePictureId: source.pictureId, embedding }] : [];
        }),
      );
    },
  };
}
