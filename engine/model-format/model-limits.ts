// Limits of the model format, in a module of their own so that the pure modules checking a model (the reader,
// the block-stack rules) can share them without importing each other.

/** Limits far above any classroom model, low enough that a hostile file cannot make us allocate gigabytes. */
export const MODEL_LIMITS = {
  classes: 100,
  textLength: 200,
  denseLayers: 8,
  denseUnits: 4096,
  knnExamples: 20_000,
  historyLength: 1000,
  weightBytes: 128 * 1024 * 1024,
  metadataBytes: 4 * 1024 * 1024,
} as const;
