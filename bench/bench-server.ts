// What every bench run shares: the pages and the engine's worker bundled with esbuild into bench/.build, a local
// server for them (cross-origin isolated, so WASM may use SIMD and threads) with the shared weights and photos,
// and pages kept on this machine (Teachable Machine's request for its base model answered from the shared copy).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { BuildOptions } from 'esbuild';
import { tmDir } from './install-teachable-machine';
import { MEMORY_ENTRY_POINTS } from './memory';

const require = createRequire(import.meta.url);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const buildDir = path.join(benchDir, '.build');
const TM_BASE_MODEL = 'teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/';

export async function bundleBenchPages(): Promise<void> {
  const { build } = await import('esbuild');
  mkdirSync(buildDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    outdir: buildDir,
    define: { 'process.env.NODE_ENV': '"production"' },
    nodePaths: [path.join(tmDir, 'node_modules')],
  };
  await build({
    ...common,
    entryPoints: {
      ours: path.join(benchDir, 'page', 'ours-bench.ts'),
      tm: path.join(benchDir, 'page', 'tm-bench.ts'),
      'engine-worker': path.join(repoDir, 'worker', 'engine-worker.ts'),
      explain: path.join(benchDir, 'page', 'explain-bench.ts'),
      runtimes: path.join(benchDir, 'page', 'runtimes-bench.ts'),
      ...Object.fromEntries(Object.entries(MEMORY_ENTRY_POINTS).map(([name, file]) => [name, path.join(benchDir, 'page', file)])),
    },
  });
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.html': 'text/html',
};

export function startBenchServer(shared: string): Promise<Server> {
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const photosDir = path.join(shared, 'data', 'sign-digits');
  const photoIndex = Object.fromEntries(
    ['0', '1', '2', '3', '4'].map((digit) => [
      digit,
      readdirSync(path.join(photosDir, digit))
        .filter((name) => /\.jpe?g$/i.test(name))
        .sort(),
    ]),
  );
  const routes: readonly (readonly [prefix: string, dir: string])[] = [
    ['/models/backbone/', path.join(shared, 'models', 'mobilenet-v2-0.35-224-backbone')],
    ['/models/no-top/', path.join(shared, 'models', 'mobilenet-v2-0.35-224-no-top')],
    ['/photos/', photosDir],
    ['/tfjs-wasm/', wasmDir],
    ['/ort-wasm/', path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'))],
    ['/', buildDir],
  ];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    const page = /^\/((?:ours|tm)(?:-memory)?|explain|runtimes)\.html$/.exec(url.pathname);
    if (page) {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
      response.end(`<!doctype html><meta charset="utf-8"><title>bench ${page[1]}</title><script src="/${page[1]}.js"></script>`);
      return;
    }
    if (url.pathname === '/photos/index.json') {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      response.end(JSON.stringify(photoIndex));
      return;
    }
    // '/' matches every path, so a route is always found.
    const [prefix, dir] = routes.find(([each]) => url.pathname.startsWith(each)) ?? ['/', buildDir];
    const file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Answers Teachable Machine's request for its base model from the shared no-top copy, and collects every other
 * request that would leave this machine (the caller fails the run when there is any).
 */
export async function keepOnThisMachine(page: Page, shared: string): Promise<string[]> {
  const offMachine: string[] = [];
  await page.route(`**/${TM_BASE_MODEL}*`, (route) => {
    const file = path.join(shared, 'models', 'mobilenet-v2-0.35-224-no-top', path.basename(new URL(route.request().url()).pathname));
    return route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
    });
  });
  page.on('request', (request) => {
    const { hostname } = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(hostname) && !request.url().includes(TM_BASE_MODEL) && !/^(data|blob):/.test(request.url()))
      offMachine.push(request.url());
  });
  return offMachine;
}
