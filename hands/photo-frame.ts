// The white border a photo gets before MediaPipe looks at it, and the way back to the photo's own coordinates.
// The palm detector misses many close-ups (a hand filling the picture); with 15% white around the photo it found
// 190 of the 200 shared sign-digit photos' hands, 170 without. Plain math, so it is tested in Node.
import type { FoundHand } from '../engine';

/** The border on each side, as a share of the framed picture's width and height. */
export const PHOTO_BORDER = 0.15;
/**
 * The framed picture's longest side: small photos are drawn larger (the 100-pixel sign-digit photos, framed at
 * 143 pixels, gave 17 hands of 20, at 256 pixels 19), large ones smaller (the detector sees 192 and the landmark
 * model 224 pixels anyway).
 */
const FRAMED_SIDE = 256;

export interface PhotoFrame {
  /** The framed picture's size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Where the photo is drawn in it, in pixels. */
  readonly photo: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/** The frame for a photo of `width` × `height` pixels: its longest side FRAMED_SIDE pixels. */
export function photoFrame(width: number, height: number): PhotoFrame {
  const share = 1 - 2 * PHOTO_BORDER;
  const scale = (FRAMED_SIDE * share) / Math.max(width, height);
  const photoWidth = Math.max(1, Math.round(width * scale));
  const photoHeight = Math.max(1, Math.round(height * scale));
  const framedWidth = Math.round(photoWidth / share);
  const framedHeight = Math.round(photoHeight / share);
  return {
    width: framedWidth,
    height: framedHeight,
    photo: {
      x: Math.round((framedWidth - photoWidth) / 2),
      y: Math.round((framedHeight - photoHeight) / 2),
      width: photoWidth,
      height: photoHeight,
    },
  };
}

/** A hand found in the framed picture, in the photo's 0..1 coordinates (z stays in x's scale, as MediaPipe's). */
export function unframeHand(hand: FoundHand, { width, height, photo }: PhotoFrame): FoundHand {
  const spanX = photo.width / width;
  const spanY = photo.height / height;
  return {
    handedness: hand.handedness,
    landmarks: hand.landmarks.map(({ x, y, z }) => ({
      x: (x - photo.x / width) / spanX,
      y: (y - photo.y / height) / spanY,
      z: z / spanX,
    })),
  };
}
