// The engine's tfjs runtime: the in-process EngineApi. Only worker/ (and tests, scripts and benchmarks that run the
// engine in Node) import this; everything else uses engine/index.ts and reaches the engine through the worker.
export { createEngine } from './engine';
