// Entry of a Node worker_threads thread running the real engine behind the real protocol, for tests:
// the thread receives its end of a MessageChannel in workerData.port.
import { workerData } from 'node:worker_threads';
import { createEngine } from '../../engine/runtime';
import type { MessageEndpoint } from '../protocol';
import { serveEngine } from '../serve-engine';

serveEngine((workerData as { port: MessageEndpoint }).port, createEngine());
