// Installs Teachable Machine's own library (@teachablemachine/image 0.8.5) into bench/.tm, its own folder
// (gitignored, never the project's dependencies), once: later calls find it there. Needs the npm registry the
// first time. Used by the benchmark and by e2e/teachable-machine-library.spec.ts, which also runs the library on
// the tfjs it was built for (1.3.1, `--with-tfjs-1`).
// `node --import tsx bench/install-teachable-machine.ts [--with-tfjs-1]` runs it alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const tmDir = path.join(benchDir, '.tm');
const TM_PACKAGE = '@teachablemachine/image@0.8.5';

export function installTeachableMachine(): void {
  if (existsSync(path.join(tmDir, 'node_modules', '@teachablemachine', 'image', 'package.json'))) return;
  console.log(`Installing ${TM_PACKAGE} into ${path.relative(process.cwd(), tmDir)} …`);
  mkdirSync(tmDir, { recursive: true });
  writeFileSync(path.join(tmDir, 'package.json'), JSON.stringify({ name: 'image-model-bench-tm', private: true }));
  // --legacy-peer-deps: it asks for tfjs 1.3.1 but runs on the project's tfjs 4.22 (found up the folder tree).
  execFileSync('npm', ['install', '--prefix', tmDir, '--no-audit', '--no-fund', '--legacy-peer-deps', TM_PACKAGE], { stdio: 'inherit' });
}

/** The tfjs Teachable Machine's library is built for (its peer dependency, pinned by its export snippet). */
const TM_TFJS_VERSION = '1.3.1';
/** That tfjs's browser bundle (the global `tf`), for pages that run the library as its own snippet does. */
const TM_TFJS_BUNDLE = path.join(tmDir, `tfjs-${TM_TFJS_VERSION}`, 'tf.min.js');

/** Fetches tfjs 1.3.1's browser bundle into bench/.tm once: `npm pack` (the tarball only, no dependency tree), then untar. */
export function installTeachableMachineTfjs(): void {
  if (existsSync(TM_TFJS_BUNDLE)) return;
  const folder = path.dirname(TM_TFJS_BUNDLE);
  console.log(`Fetching @tensorflow/tfjs@${TM_TFJS_VERSION}'s browser bundle into ${path.relative(process.cwd(), folder)} …`);
  mkdirSync(folder, { recursive: true });
  const tarball =
    execFileSync('npm', ['pack', '--silent', '--pack-destination', folder, `@tensorflow/tfjs@${TM_TFJS_VERSION}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1) ?? '';
  execFileSync('tar', ['-xzf', path.join(folder, tarball), '-C', folder, '--strip-components=2', 'package/dist/tf.min.js']);
  rmSync(path.join(folder, tarball));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installTeachableMachine();
  if (process.argv.includes('--with-tfjs-1')) installTeachableMachineTfjs();
}
