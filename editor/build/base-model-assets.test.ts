// Where the build and serve.ts find the base model: the README's order, on real folders in a temporary tree.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BACKBONE_FOLDER, baseModelCopyPatterns, findWeightsDir } from './base-model-assets.mjs';

/** A tree holding `repo/` and the given folders (relative to the tree), each with a backbone inside. */
function tree(t: { after(fn: () => void): void }, folders: readonly string[]): { root: string; repo: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'base-model-assets-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'repo'));
  for (const folder of folders) {
    mkdirSync(path.join(root, folder, BACKBONE_FOLDER), { recursive: true });
    writeFileSync(path.join(root, folder, BACKBONE_FOLDER, 'model.json'), '{}');
  }
  return { root, repo: path.join(root, 'repo') };
}

test('the weights folder is found in the README order: WEIGHTS_DIR, SHARED_DIR/models, ../shared/models, models-local', (t) => {
  const { root, repo } = tree(t, ['weights', 'elsewhere/models', 'shared/models', 'repo/models-local']);
  const env = { IMAGE_MODEL_WEIGHTS_DIR: path.join(root, 'weights'), IMAGE_MODEL_SHARED_DIR: path.join(root, 'elsewhere') };
  assert.equal(findWeightsDir(repo, env), path.join(root, 'weights'));
  assert.equal(findWeightsDir(repo, { IMAGE_MODEL_SHARED_DIR: env.IMAGE_MODEL_SHARED_DIR }), path.join(root, 'elsewhere', 'models'));
  assert.equal(findWeightsDir(repo, {}), path.join(root, 'shared', 'models'));
  rmSync(path.join(root, 'shared'), { recursive: true });
  assert.equal(findWeightsDir(repo, {}), path.join(repo, 'models-local'));
  // A folder named but missing is skipped, not taken.
  assert.equal(findWeightsDir(repo, { IMAGE_MODEL_WEIGHTS_DIR: path.join(root, 'missing') }), path.join(repo, 'models-local'));
});

test('the build copies the backbone into models/ when it is found, and copies nothing otherwise', (t) => {
  const { root, repo } = tree(t, ['shared/models']);
  const saved = { ...process.env };
  t.after(() => {
    process.env = saved;
  });
  delete process.env.IMAGE_MODEL_WEIGHTS_DIR;
  delete process.env.IMAGE_MODEL_SHARED_DIR;
  t.mock.method(console, 'log', () => {});
  const warn = t.mock.method(console, 'warn', () => {});

  assert.deepEqual(baseModelCopyPatterns(repo), [
    { from: path.join(root, 'shared', 'models', BACKBONE_FOLDER), to: `models/${BACKBONE_FOLDER}`, toType: 'dir' },
  ]);
  assert.equal(warn.mock.callCount(), 0);

  // A weights folder without the backbone in it counts as missing too.
  rmSync(path.join(root, 'shared', 'models', BACKBONE_FOLDER), { recursive: true });
  assert.deepEqual(baseModelCopyPatterns(repo), []);
  assert.match(String(warn.mock.calls[0]?.arguments[0]), /Google's address/);
});
