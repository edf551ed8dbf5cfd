// The hand finder (hands/) bundled for a test or bench page, as nothing in the editor starts it yet: the page
// script (e2e/support/hand-finder-page.ts, which sets globalThis.startHandFinder) and the finder's worker, to be
// served side by side in the page's folder. The worker is resolved beside the page, as webpack resolves it beside
// the editor's scripts in the build.
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_DIR } from './shared-data';

export const HAND_FINDER_PAGE_SCRIPT = 'page.js';

/** The scripts by file name. */
export async function handFinderScripts(): Promise<Record<string, string>> {
  const bundled = async (entry: string, define: Record<string, string> = {}) => {
    const result = await build({
      entryPoints: [path.join(REPO_DIR, entry)],
      bundle: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      logLevel: 'error',
      define,
    });
    return result.outputFiles[0].text;
  };
  return {
    [HAND_FINDER_PAGE_SCRIPT]: await bundled('e2e/support/hand-finder-page.ts', { 'import.meta.url': 'globalThis.handFinderScriptUrl' }),
    // The name the page script asks for (new URL('./hand-finder-worker.ts', import.meta.url)).
    'hand-finder-worker.ts': await bundled('hands/hand-finder-worker.ts'),
  };
}

/** A page that loads the page script. */
export const HAND_FINDER_PAGE = `<!doctype html><meta charset="utf-8"><title>hands</title><script src="${HAND_FINDER_PAGE_SCRIPT}"></script>`;
