// Starts the real engine in a Node worker thread and connects the real client to it over a MessageChannel.
import path from 'node:path';
import { Worker, type MessagePort as NodeMessagePort } from 'node:worker_threads';
import type { EngineApi } from '../../engine';
import { createWorkerEngine } from '../engine-client';
import type { MessageEndpoint } from '../protocol';

export function startNodeEngineThread(): { engine: EngineApi; stop(): Promise<void> } {
  const { port1, port2 } = new MessageChannel();
  const entry = path.join(__dirname, 'node-engine-thread.ts');
  // Threads do not inherit tsx's loader from `node --import tsx`: register it before loading the TypeScript entry.
  const thread = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, {
    eval: true,
    workerData: { port: port2 },
    transferList: [port2 as unknown as NodeMessagePort],
  });
  // A thread that dies must fail the test run loudly rather than leave calls waiting forever.
  thread.on('error', (error) => {
    throw error;
  });
  return {
    engine: createWorkerEngine(port1 as unknown as MessageEndpoint),
    stop: async () => {
      port1.close();
      await thread.terminate();
    },
  };
}
