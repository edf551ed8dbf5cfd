// A page on this machine that runs Teachable Machine's own library (@teachablemachine/image 0.8.5) the way its
// "Export model → JavaScript" snippet does: tfjs as a script (the global `tf`), then the library's browser bundle
// (the global `tmImage`). Two tfjs builds: 1.3.1, the one the library is built for and its snippet pins, and the
// project's 4.22 (what the benchmark runs it on, and what a page loading the latest tfjs gets). The library and
// tfjs 1.3.1 are fetched into bench/.tm (gitignored) by the benchmark's installer, once; that needs the npm
// registry the first time.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_DIR } from './shared-data';

const TM_DIR = path.join(REPO_DIR, 'bench', '.tm');
const INSTALLER = path.join(REPO_DIR, 'bench', 'install-teachable-machine.ts');
const TM_BUNDLE = path.join(TM_DIR, 'node_modules', '@teachablemachine', 'image', 'dist', 'teachablemachine-image.min.js');

/** The tfjs builds the library is run on, by version (bench/install-teachable-machine.ts fetches 1.3.1). */
export const TFJS_BUNDLES = {
  '1.3.1': path.join(TM_DIR, 'tfjs-1.3.1', 'tf.min.js'),
  '4.22.0': path.join(REPO_DIR, 'node_modules', '@tensorflow', 'tfjs', 'dist', 'tf.min.js'),
} as const;
export type TfjsVersion = keyof typeof TFJS_BUNDLES;

/** Installs Teachable Machine's library and tfjs 1.3.1 with the benchmark's installer unless bench/.tm has them. */
export function ensureTeachableMachineLibrary(): void {
  const needed = [TM_BUNDLE, ...Object.values(TFJS_BUNDLES)];
  if (needed.some((file) => !existsSync(file)))
    execFileSync(process.execPath, ['--import', 'tsx', INSTALLER, '--with-tfjs-1'], { cwd: REPO_DIR, stdio: 'inherit' });
  const missing = needed.filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new Error(`Teachable Machine's library is not installed: ${missing.join(', ')} missing after running ${INSTALLER}.`);
}

export interface TeachableMachinePage {
  /** The page with `tf` (the given version) and `tmImage` loaded, on 127.0.0.1. */
  url(tfjs: TfjsVersion): string;
  close(): Promise<void>;
}

/** Serves the page, and `files` (name → bytes) under /files/<name>, from 127.0.0.1 only. */
export async function serveTeachableMachinePage(files: Record<string, Uint8Array>): Promise<TeachableMachinePage> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const urlPath = decodeURIComponent(url.pathname);
    const tfjs = /^\/tfjs\/([\d.]+)\/tf\.min\.js$/.exec(urlPath)?.[1];
    const version = url.searchParams.get('tfjs') ?? '';
    if (urlPath === '/' && version in TFJS_BUNDLES) {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><meta charset="utf-8"><title>Teachable Machine library</title><script src="/tfjs/${version}/tf.min.js"></script><script src="/teachablemachine-image.min.js"></script>`,
        );
    } else if (tfjs && tfjs in TFJS_BUNDLES) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(TFJS_BUNDLES[tfjs as TfjsVersion]));
    } else if (urlPath === '/teachablemachine-image.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(TM_BUNDLE));
    } else if (urlPath.startsWith('/files/') && files[urlPath.slice('/files/'.length)]) {
      const name = urlPath.slice('/files/'.length);
      response
        .writeHead(200, { 'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream' })
        .end(files[name]);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (tfjs) => `${origin}/?tfjs=${tfjs}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
