// Pictures of an empty view for the finger counter's "nothing" class: what the camera sees with no hand in front
// of it. Each is made from a real sign-digit photo's background (the hand sits in the middle, so a corner is wall):
// the calmest corner, scaled up to the photo's size, under a different light and with the camera's grain. Seeded, so the examples are the same on every run.
import { decodeJpeg, signDigitPhotos } from '../../engine/test-support/shared-data';
import { seededRandom, type RgbaImage } from '../../engine';

/** The corner square taken from a 100x100 photo: small enough to miss the hand, big enough to hold the wall's light. */
const CORNER = 30;

function crop(image: RgbaImage, left: number, top: number, size: number): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    const from = ((top + y) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + size * 4), y * size * 4);
  }
  return { width: size, height: size, data };
}

/** How much the brightness varies in a picture: a wall is calm, a finger's edge is not. */
function busyness(image: RgbaImage): number {
  let [sum, squares] = [0, 0];
  const count = image.width * image.height;
  for (let i = 0; i < count; i++) {
    const light = (image.data[i * 4] + image.data[i * 4 + 1] + image.data[i * 4 + 2]) / 3;
    sum += light;
    squares += light * light;
  }
  return squares / count - (sum / count) ** 2;
}

/** Bilinear scaling: the wall's light stays smooth, as an out-of-focus background is. */
function scaled(image: RgbaImage, width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, ((y + 0.5) * image.height) / height - 0.5));
    const [y0, fy] = [Math.floor(sy), sy - Math.floor(sy)];
    const y1 = Math.min(image.height - 1, y0 + 1);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, ((x + 0.5) * image.width) / width - 0.5));
      const [x0, fx] = [Math.floor(sx), sx - Math.floor(sx)];
      const x1 = Math.min(image.width - 1, x0 + 1);
      for (let c = 0; c < 4; c++) {
        const at = (px: number, py: number) => image.data[(py * image.width + px) * 4 + c];
        const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        data[(y * width + x) * 4 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width, height, data };
}

/**
 * The empty view behind one photo: its calmest top corner filling the frame, lit `variant`'s way (darker or
 * lighter, warmer or cooler, a light falling from one side) with a little sensor noise.
 */
export function emptyView(photo: RgbaImage, variant: number): RgbaImage {
  const [right, bottom] = [photo.width - CORNER, photo.height - CORNER];
  const corners = [
    crop(photo, 0, 0, CORNER),
    crop(photo, right, 0, CORNER),
    crop(photo, 0, bottom, CORNER),
    crop(photo, right, bottom, CORNER),
  ];
  const calmest = corners.reduce((best, corner) => (busyness(corner) < busyness(best) ? corner : best));
  const view = scaled(calmest, photo.width, photo.height);
  const random = seededRandom(1000 + variant);
  const light = 0.75 + random() * 0.45;
  const warmth = (random() - 0.5) * 0.12;
  const slope = (random() - 0.5) * 0.5;
  for (let y = 0; y < view.height; y++) {
    for (let x = 0; x < view.width; x++) {
      const i = (y * view.width + x) * 4;
      const side = 1 + slope * (x / view.width - 0.5);
      const grain = (random() - 0.5) * 10;
      view.data[i] = view.data[i] * light * side * (1 + warmth) + grain;
      view.data[i + 1] = view.data[i + 1] * light * side + grain;
      view.data[i + 2] = view.data[i + 2] * light * side * (1 - warmth) + grain;
    }
  }
  return view;
}

/**
 * Empty views from photos `first` to `first + count - 1`, one digit's photo after another's, so the walls and
 * lights of every photo session are in.
 */
export function emptyViews(first: number, count: number): RgbaImage[] {
  return Array.from({ length: count }, (_, i) => {
    const index = first + i;
    return emptyView(decodeJpeg(signDigitPhotos(index % 5)[index]), index);
  });
}
