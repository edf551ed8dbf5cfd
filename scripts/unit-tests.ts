// `npm run test:unit`: every *.test.ts in the repository, found here so a new folder is never left out (Node 20's
// `node --test` takes no glob), run one file at a time. e2e/ holds Playwright specs, which `npm run test:e2e` runs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Build and test output: dist/, test-results/ and side-by-side copies such as dist-<name>/. */
const OUTPUT_FOLDER = /^(dist|test-results)(-.+)?$/;

/** Folders that hold no unit tests of ours: installed packages, build and test output, the Playwright specs. */
function skipped(name: string): boolean {
  return name === 'node_modules' || name === 'e2e' || name.startsWith('.') || OUTPUT_FOLDER.test(name);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipped(entry.name) ? [] : testFiles(full);
    return entry.isFile() && entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

const files = testFiles(root).sort();
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { cwd: root, stdio: 'inherit' });
process.exitCode = run.status ?? 1;
