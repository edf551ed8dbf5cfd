// Training pictures for "What did I draw?": shapes drawn the way a child draws them with Scratch's pen on a
// white stage (a stroke of straight steps between mouse positions, round ends, antialiased), in many sizes,
// places, pen widths and colours, with a wobbly hand. Each picture is what `recognize [stage]` sees: the
// stage's centre square (x and y from -180 to 180) at the engine's 224x224.
import { INPUT_SIZE, seededRandom, type RgbaImage } from '../../engine';
import { WHAT_DID_I_DRAW } from '../../examples/examples';
// Seeded (mulberry32), so the examples are the same on every run.

/** The shapes this draws: the classes of "What did I draw?". */
export const SHAPES = WHAT_DID_I_DRAW.classes;
export type Shape = (typeof SHAPES)[number];

type Point = readonly [number, number];
type Random = () => number;

const between = (random: Random, low: number, high: number) => low + random() * (high - low);

const PEN_COLOURS: readonly (readonly [number, number, number])[] = [
  [0x1f, 0x4f, 0xd8],
  [0x1f, 0x4f, 0xd8],
  [0x1f, 0x4f, 0xd8],
  [0, 0, 0],
  [0xe0, 0x41, 0x3a],
  [0x2e, 0x9e, 0x4f],
  [0x8e, 0x44, 0xad],
];

/** Points along a closed or open path of corners, with the hand's wobble across the stroke. */
function strokeThrough(corners: readonly Point[], random: Random, closed: boolean): Point[] {
  const path = closed ? [...corners, corners[0]] : corners;
  const wobble = between(random, 0.5, 3);
  const points: Point[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const [[x0, y0], [x1, y1]] = [path[i], path[i + 1]];
    const length = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(2, Math.round(length / between(random, 8, 20)));
    const [nx, ny] = [-(y1 - y0) / length, (x1 - x0) / length];
    for (let step = 0; step < steps; step++) {
      const f = step / steps;
      const off = (random() - 0.5) * 2 * wobble;
      points.push([x0 + (x1 - x0) * f + nx * off, y0 + (y1 - y0) * f + ny * off]);
    }
  }
  points.push(path[path.length - 1]);
  return points;
}

function rotate([x, y]: Point, angle: number, [cx, cy]: Point): Point {
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  return [cx + x * cos - y * sin, cy + x * sin + y * cos];
}

/** A shape's stroke in stage coordinates. */
function shapeStroke(shape: Shape, random: Random): Point[] {
  const centre: Point = [between(random, -50, 50), between(random, -50, 50)];
  const size = between(random, 35, 115);
  const tilt = (random() - 0.5) * 0.4;
  switch (shape) {
    case 'circle': {
      const squash = between(random, 0.85, 1.15);
      const start = random() * Math.PI * 2;
      const count = Math.round(between(random, 18, 40));
      const [phase, bump] = [random() * Math.PI * 2, between(random, 0, 0.06)];
      // A little past (or short of) a full turn, as hands close a circle.
      const turn = Math.PI * 2 * between(random, 0.97, 1.06);
      return Array.from({ length: count + 1 }, (_, i) => {
        const angle = start + (turn * i) / count;
        const radius = size * (1 + bump * Math.sin(3 * angle + phase) + (random() - 0.5) * 0.03);
        return rotate([radius * Math.cos(angle) * squash, radius * Math.sin(angle)], tilt, centre);
      });
    }
    case 'square': {
      const [w, h] = [size, size * between(random, 0.85, 1.18)];
      const jitter = () => (random() - 0.5) * size * 0.12;
      const corners: Point[] = [
        [-w, h],
        [w, h],
        [w, -h],
        [-w, -h],
      ].map(([x, y]) => rotate([x + jitter(), y + jitter()], tilt, centre));
      return strokeThrough(corners, random, true);
    }
    case 'triangle': {
      const spin = random() < 0.75 ? tilt : random() * Math.PI * 2;
      const jitter = () => (random() - 0.5) * size * 0.3;
      const corners: Point[] = [Math.PI / 2, (Math.PI * 7) / 6, (Math.PI * 11) / 6].map((angle) =>
        rotate([size * Math.cos(angle) + jitter(), size * Math.sin(angle) + jitter()], spin, centre),
      );
      return strokeThrough(corners, random, true);
    }
    case 'line': {
      const angle = random() * Math.PI;
      const half = size * between(random, 0.9, 1.4);
      return strokeThrough([rotate([-half, 0], angle, centre), rotate([half, 0], angle, centre)], random, false);
    }
  }
}

/** Distance from (px, py) to the segment a-b. */
function segmentDistance(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const [dx, dy] = [bx - ax, by - ay];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Draws the stroke (stage coordinates, pen width in stage pixels) on white, as the centre square at 224x224. */
export function renderStroke(stroke: readonly Point[], penWidth: number, colour: readonly [number, number, number]): RgbaImage {
  const scale = INPUT_SIZE / 360;
  const points = stroke.map(([x, y]): Point => [(x + 180) * scale, (180 - y) * scale]);
  const half = (penWidth * scale) / 2;
  const coverage = new Float32Array(INPUT_SIZE * INPUT_SIZE);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const [left, right] = [Math.floor(Math.min(a[0], b[0]) - half - 1), Math.ceil(Math.max(a[0], b[0]) + half + 1)];
    const [top, bottom] = [Math.floor(Math.min(a[1], b[1]) - half - 1), Math.ceil(Math.max(a[1], b[1]) + half + 1)];
    for (let y = Math.max(0, top); y <= Math.min(INPUT_SIZE - 1, bottom); y++) {
      for (let x = Math.max(0, left); x <= Math.min(INPUT_SIZE - 1, right); x++) {
        const cover = Math.min(1, Math.max(0, half + 0.5 - segmentDistance(x + 0.5, y + 0.5, a, b)));
        const at = y * INPUT_SIZE + x;
        if (cover > coverage[at]) coverage[at] = cover;
      }
    }
  }
  const data = new Uint8ClampedArray(INPUT_SIZE * INPUT_SIZE * 4);
  coverage.forEach((cover, at) => {
    for (let channel = 0; channel < 3; channel++) data[at * 4 + channel] = Math.round(255 + (colour[channel] - 255) * cover);
    data[at * 4 + 3] = 255;
  });
  return { width: INPUT_SIZE, height: INPUT_SIZE, data };
}

/** `count` different drawings of `shape`. */
export function drawings(shape: Shape, count: number, seed: number): RgbaImage[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const stroke = shapeStroke(shape, random);
    const colour = PEN_COLOURS[Math.floor(random() * PEN_COLOURS.length)];
    return renderStroke(stroke, between(random, 3, 14), colour);
  });
}
