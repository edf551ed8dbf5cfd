// When the best backend will not start on this machine (WASM files blocked, a lost WebGL context), the engine
// must still start on the next one instead of failing the child's whole trainer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBestBackend, type BackendEvidence, type BackendName } from './backend';
import { isEngineError } from './errors';

/** A machine where only `working` backends start; records what was tried, in order. */
function machine(working: readonly BackendName[]) {
  const tried: BackendName[] = [];
  const start = async (name: BackendName) => {
    tried.push(name);
    return working.includes(name);
  };
  return { tried, start };
}

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

test('WASM failing to start falls back to the next backend, and the evidence forgets WASM', async () => {
  const { tried, start } = machine(['webgl', 'cpu']);
  const evidence: BackendEvidence = { available: ['wasm', 'webgl', 'cpu'], webglRenderer: SWIFTSHADER };
  const chosen = await startBestBackend(evidence, start);
  assert.equal(chosen.backend, 'webgl');
  assert.deepEqual(tried, ['wasm', 'webgl']);
  assert.deepEqual(chosen.evidence.available, ['webgl', 'cpu']);
});

test('with no WebGL, a failing WASM falls back to CPU', async () => {
  const { tried, start } = machine(['cpu']);
  const chosen = await startBestBackend({ available: ['wasm', 'cpu'] }, start);
  assert.equal(chosen.backend, 'cpu');
  assert.deepEqual(tried, ['wasm', 'cpu']);
});

test('a forced backend that cannot start gives way to the best of the others', async () => {
  const { tried, start } = machine(['wasm', 'cpu']);
  const chosen = await startBestBackend({ forced: 'webgl', available: ['wasm', 'webgl', 'cpu'], webglRenderer: SWIFTSHADER }, start);
  assert.equal(chosen.backend, 'wasm');
  assert.deepEqual(tried, ['webgl', 'wasm']);
});

test('only when nothing starts is there an error (an EngineError, which the trainer can explain)', async () => {
  await assert.rejects(
    startBestBackend({ available: ['wasm', 'cpu'] }, machine([]).start),
    (error) => isEngineError(error) && error.code === 'internal',
  );
});

test('for real in Node: a forced WebGL (there is none here) falls back to WASM, and tensors run on it', async () => {
  const chosen = await startBestBackend({ forced: 'webgl', available: ['webgl', 'wasm', 'cpu'] });
  assert.equal(chosen.backend, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
  assert.deepEqual(Array.from(await sum.data()), [4, 6]);
  sum.dispose();
});
