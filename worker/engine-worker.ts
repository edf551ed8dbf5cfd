// Entry point of the engine's Web Worker: the whole ML engine runs here, off the editor's main thread.
import { createEngine } from '../engine/runtime';
import type { MessageEndpoint } from './protocol';
import { serveEngine } from './serve-engine';

serveEngine(self as unknown as MessageEndpoint, createEngine());
