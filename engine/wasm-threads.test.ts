import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { chooseWasmThreads, wasmThreadsWorthIt } from './wasm-threads';

const FLAG = 'WASM_HAS_MULTITHREAD_SUPPORT';

test('WASM threads from 4 cores up; 1 to 3 cores use the single-threaded build', () => {
  assert.deepEqual([1, 2, 3, 4, 8].map(wasmThreadsWorthIt), [false, false, false, true, true]);
});

test("the choice reaches the flag tfjs's WASM backend reads (Node itself never offers threads, so it is set first)", () => {
  tf.env().set(FLAG, true);
  chooseWasmThreads(8);
  assert.equal(tf.env().getBool(FLAG), true);
  chooseWasmThreads(2);
  assert.equal(tf.env().getBool(FLAG), false);
});
