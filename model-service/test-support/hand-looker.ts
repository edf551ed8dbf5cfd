// A stand-in for MediaPipe Hands in Node unit tests (MediaPipe needs a browser): it "finds" a made-up hand in the
// shared sign-digit photos, showing as many raised fingers as the photo's digit, a little different in each photo,
// and no hand in anything else (a dark frame, a picture of something else). Photos are recognised by their
// pixels, so a photo decoded again (an opened project's) gets the same hand. The e2e uses the real MediaPipe.
import { type FoundHand, HAND_LANDMARK_NAMES, type Landmark, type RgbaImage } from '../../engine';
import { decodeJpeg, signDigitPhotos } from '../../engine/test-support/shared-data';
import type { HandLooker } from '../picture-features';

/** A cheap fingerprint of a picture's pixels. */
function fingerprint(image: RgbaImage): string {
  let sum = 0;
  for (let i = 0; i < image.data.length; i += 7) sum = (sum * 31 + image.data[i]) % 1_000_000_007;
  return `${image.width}x${image.height}:${sum}`;
}

/** A right hand: wrist low in the middle, each finger (thumb first) straight up when raised, curled when not. */
export function madeUpHand(raised: number, wobble: number): FoundHand {
  const landmarks: Landmark[] = [{ x: 0.5, y: 0.85, z: 0 }];
  for (let finger = 0; finger < 5; finger++) {
    const up = finger < raised;
    const baseX = 0.38 + finger * 0.06 + wobble;
    for (let joint = 1; joint <= 4; joint++) {
      const y = up ? 0.65 - joint * 0.07 : 0.65 - Math.min(joint, 2) * 0.04 + (joint > 2 ? 0.03 : 0);
      landmarks.push({ x: baseX + wobble * joint, y, z: -0.01 * joint });
    }
  }
  return { landmarks: landmarks.slice(0, HAND_LANDMARK_NAMES.length), handedness: 'Right' };
}

/** Finds the made-up hand of the first `perDigit` photos of each digit 0-4; null in any other picture. */
export function signDigitHandLooker(perDigit = 40): HandLooker & { readonly calls: { mode: string }[] } {
  const known = new Map<string, FoundHand>();
  for (let digit = 0; digit < 5; digit++) {
    signDigitPhotos(digit)
      .slice(0, perDigit)
      .forEach((file, index) => known.set(fingerprint(decodeJpeg(file)), madeUpHand(digit, (index % 5) * 0.004)));
  }
  const calls: { mode: string }[] = [];
  const look: HandLooker = async (image, mode) => {
    calls.push({ mode });
    return known.get(fingerprint(image)) ?? null;
  };
  return Object.assign(look, { calls });
}

/** A picture with no hand: a dark frame. */
export function darkFrame(size = 100): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width: size, height: size, data };
}
