// How the 2,000-picture scale set is made from the shared photos, for e2e/scale.spec.ts (in Node) and the memory
// bench page (in the browser): no Node-only imports here.

/** Each photo gives 10 pictures: 5 crops (corners and centre, 88% of the side) and their mirror images. */
export const CROP = 0.88;
/** Where each crop sits, as fractions of the room left beside and above it. */
export const CROP_CORNERS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [0.5, 0.5],
];
