// The numbers a model looks at, made from pictures: MobileNet's embedding for a Pictures model (the engine, in
// its worker), the found hand's normalised landmarks for a Hands model (the hand finder: MediaPipe Hands, off the
// main thread in hands/). A picture where no hand is found gets no numbers: it is kept and shown, but left out of training.
import { type EngineApi, type Embedding, type FeatureSource, type FoundHand, normaliseHand, type RgbaImage } from '../engine';

/** A still picture (uploads, snapshots, the stage) or a frame of a moving video (MediaPipe tracks the hand between frames). */
export type HandLookMode = 'photo' | 'video';

/** Finds the one hand MediaPipe Hands sees best in a picture; null when there is none. */
export type HandLooker = (image: RgbaImage, mode: HandLookMode) => Promise<FoundHand | null>;

export interface PictureFeatures {
  readonly embedding: Embedding;
  /** Hands models only: the hand found, or null when none was. */
  readonly hand?: FoundHand | null;
}

const NO_NUMBERS = new Float32Array(0);

/** A found hand (or none) as the picture's features; landmarks that do not make a hand count as none. */
function handFeatures(hand: FoundHand | null, image: Pick<RgbaImage, 'width' | 'height'>): PictureFeatures & { hand: FoundHand | null } {
  const embedding = hand && normaliseHand(hand, image.width / image.height);
  return embedding ? { embedding, hand } : { embedding: NO_NUMBERS, hand: null };
}

/** Whether a picture can train its model: every Pictures model's picture; a Hands model's when a hand was found. */
export const hasFeatures = (picture: { readonly hand?: FoundHand | null }): boolean => picture.hand !== null;

export interface FeatureMaker {
  /** One PictureFeatures per picture, same order. Hands reject with HandsUnavailableError on a page without a hand finder. */
  featuresOf(source: FeatureSource, images: readonly RgbaImage[], mode?: HandLookMode): Promise<PictureFeatures[]>;
}

export function createFeatureMaker(engine: () => Promise<EngineApi>, findHand: HandLooker | undefined): FeatureMaker {
  return {
    async featuresOf(source, images, mode = 'photo') {
      if (source === 'pictures') return (await (await engine()).embed(images)).map((embedding) => ({ embedding }));
      if (!findHand) throw new HandsUnavailableError();
      const features: PictureFeatures[] = [];
      // One at a time: MediaPipe answers one picture per call.
      for (const image of images) features.push(handFeatures(await findHand(image, mode), image));
      return features;
    },
  };
}

/** This page has no hand finder (a host that did not start one). */
export class HandsUnavailableError extends Error {
  constructor() {
    super('no hand finder on this page');
    this.name = 'HandsUnavailableError';
  }
}
