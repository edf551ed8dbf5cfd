import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSoftwareRenderer, needsTiming, rankBackends, type BackendEvidence } from './backend';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const INTEL = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce GTX 1650 Direct3D11 vs_5_0 ps_5_0, D3D11)';

test('software renderers are recognised, GPUs are not', () => {
  assert.ok(isSoftwareRenderer(SWIFTSHADER));
  assert.ok(isSoftwareRenderer(LLVMPIPE));
  assert.ok(isSoftwareRenderer('Google SwiftShader'));
  assert.ok(isSoftwareRenderer('Microsoft Basic Render Driver'));
  assert.ok(!isSoftwareRenderer(INTEL));
  assert.ok(!isSoftwareRenderer(NVIDIA));
  assert.ok(!isSoftwareRenderer('Apple M1'));
});

test('no GPU (software WebGL, as in headless Chromium here): WASM, and no timing needed', () => {
  const evidence: BackendEvidence = { available: ['wasm', 'webgl', 'cpu'], webglRenderer: SWIFTSHADER };
  assert.deepEqual(rankBackends(evidence), ['wasm', 'webgl', 'cpu']);
  assert.equal(needsTiming(evidence), false);
});

test('Node (no WebGL at all): WASM, then CPU', () => {
  const evidence: BackendEvidence = { available: ['wasm', 'cpu'] };
  assert.deepEqual(rankBackends(evidence), ['wasm', 'cpu']);
  assert.equal(needsTiming(evidence), false);
});

test('a hardware GPU is timed against WASM and the faster one wins', () => {
  const untimed: BackendEvidence = { available: ['wasm', 'webgl', 'cpu'], webglRenderer: NVIDIA };
  assert.equal(needsTiming(untimed), true);
  assert.equal(rankBackends(untimed)[0], 'wasm', 'WASM leads until WebGL proves faster');
  const gpuFaster = { ...untimed, embedMs: { wasm: 24, webgl: 9 } };
  assert.equal(needsTiming(gpuFaster), false);
  assert.deepEqual(rankBackends(gpuFaster), ['webgl', 'wasm', 'cpu']);
  const gpuSlower = { ...untimed, embedMs: { wasm: 24, webgl: 60 } };
  assert.deepEqual(rankBackends(gpuSlower), ['wasm', 'webgl', 'cpu']);
  const webglFailedToRun = { ...untimed, embedMs: { wasm: 24 } };
  assert.equal(rankBackends(webglFailedToRun)[0], 'wasm');
});

test('a software WebGL that happens to time faster still does not win: it is a renderer we never trust to be fast', () => {
  const evidence: BackendEvidence = { available: ['wasm', 'webgl', 'cpu'], webglRenderer: LLVMPIPE, embedMs: { wasm: 30, webgl: 20 } };
  assert.equal(rankBackends(evidence)[0], 'wasm');
});

test('when WASM cannot start, even a software WebGL beats plain-JS CPU; CPU is the last resort', () => {
  assert.deepEqual(rankBackends({ available: ['webgl', 'cpu'], webglRenderer: SWIFTSHADER }), ['webgl', 'cpu']);
  assert.deepEqual(rankBackends({ available: ['cpu'] }), ['cpu']);
  assert.equal(needsTiming({ available: ['webgl', 'cpu'], webglRenderer: NVIDIA }), false);
});

test('a forced backend comes first when available, and is skipped when it is not', () => {
  assert.deepEqual(rankBackends({ forced: 'cpu', available: ['wasm', 'cpu'] }), ['cpu', 'wasm']);
  assert.deepEqual(rankBackends({ forced: 'webgl', available: ['wasm', 'cpu'] }), ['wasm', 'cpu']);
  assert.equal(needsTiming({ forced: 'wasm', available: ['wasm', 'webgl', 'cpu'], webglRenderer: NVIDIA }), false);
});
