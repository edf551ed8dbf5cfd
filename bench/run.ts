// `npm run bench`: our engine against Teachable Machine's (@teachablemachine/image 0.8.5) on the same shared
// photos, in one headless Chromium run on this machine, printed as one table. Figures only, no thresholds.
//   1. installs Teachable Machine's library into bench/.tm (its own folder, not the project's dependencies);
//   2. bundles the two bench pages and our engine's worker into bench/.build with esbuild;
//   3. serves them cross-origin isolated (COOP/COEP, so WASM may use SIMD and threads), with the shared
//      weights and photos, and answers Teachable Machine's request for its base model from the shared copy;
//   4. runs each side in its own page;
//   5. builds the editor and drives its trainer as a child does (bench/trainer-ui.ts), then prints the table;
//   6. Hands against Pictures on the sign digits, and MediaPipe Hands' speed (bench/landmarks.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import type { BuildOptions } from 'esbuild';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/browser';
import { sharedDir } from '../e2e/support/shared-data';
import { explainLines, measureExplain } from './explain';
import { installTeachableMachine, tmDir } from './install-teachable-machine';
import { MEMORY_CHROMIUM_ARGS, MEMORY_ENTRY_POINTS, MEMORY_ROWS, measureMemory, type SideMemory } from './memory';
import { median, type SideResult } from './page/measure';
import type { ThroughTrainer } from './trainer-ui';

const require = createRequire(import.meta.url);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const buildDir = path.join(benchDir, '.build');
const TM_BASE_MODEL = 'teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/';
/** The tests' quiet headless Chromium, plus a garbage collector and exact heap figures for the memory rows. */
const BENCH_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info', ...MEMORY_CHROMIUM_ARGS];
const FLOOR_MS = 0.4;

/** A side's figures as the table prints them: what its page measured, in which browser. */
type Measured = SideResult & { readonly browser: string; readonly throughTrainer?: ThroughTrainer; readonly memory?: SideMemory };

async function bundle(): Promise<void> {
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
      ...Object.fromEntries(Object.entries(MEMORY_ENTRY_POINTS).map(([name, file]) => [name, path.join(benchDir, 'page', file)])),
    },
  });
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.html': 'text/html',
};

function startServer(shared: string): Promise<Server> {
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
    ['/', buildDir],
  ];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    const page = /^\/((?:ours|tm)(?:-memory)?|explain)\.html$/.exec(url.pathname);
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

async function runSide(browser: Browser, origin: string, name: 'ours' | 'tm', shared: string): Promise<Measured> {
  const page = await browser.newPage();
  const offMachine: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[${name}] ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  // Teachable Machine asks Google's storage for its base model: answered from the shared no-top copy.
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
  await page.goto(`${origin}/${name}.html`);
  console.log(`Running ${name === 'ours' ? 'our engine' : 'Teachable Machine'} …`);
  const result = {
    ...(await page.evaluate(() => (globalThis as unknown as { runBench: () => Promise<SideResult> }).runBench())),
    browser: `Chromium ${browser.version()}`,
  };
  await page.close();
  if (offMachine.length) throw new Error(`requests left this machine: ${offMachine.join(', ')}`);
  return result;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms` : 'n/a');
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const mb = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} MB` : 'n/a');

const trainMs = (r: Measured) => median(r.trainRuns.map((run) => run.ms));
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const seeds = (r: Measured) => r.trainRuns.map((run) => run.seed).join(', ');

/** Ours against Teachable Machine, for the rows where one number of each side compares. */
const RATIOS: Readonly<Record<string, (r: Measured) => number>> = {
  'embed 1 picture (median of 30)': (r) => r.embedSingleMs,
  'embed per picture, batch of 30': (r) => r.embedBatchMs,
  'Train → usable model (3 × 30, defaults), median of 3 seeds': trainMs,
};

function printTable(ours: Measured, tm: Measured): void {
  const rows: readonly (readonly [label: string, cell: (r: Measured) => string])[] = [
    ['backend (cores; cross-origin isolated)', (r) => `${r.backend} (${r.cores}; ${r.crossOriginIsolated ? 'yes' : 'no'})`],
    ['embed 1 picture (median of 30)', (r) => ms(r.embedSingleMs)],
    ['embed per picture, batch of 30', (r) => ms(r.embedBatchMs)],
    [
      '  × floor (0.4 ms: 118 MFLOP at ~300 GFLOP/s)',
      (r) => `${(r.embedSingleMs / FLOOR_MS).toFixed(0)}× / ${(r.embedBatchMs / FLOOR_MS).toFixed(0)}×`,
    ],
    ['embed all 90 pictures as they are added', (r) => seconds(r.addAllMs)],
    ['Train → usable model (3 × 30, defaults), median of 3 seeds', (r) => seconds(trainMs(r))],
    ['  each seed', (r) => `${r.trainRuns.map((run) => seconds(run.ms)).join(' / ')} (seeds ${seeds(r)})`],
    ['first picture added → usable model', (r) => seconds(r.addAllMs + trainMs(r))],
    ['held-out accuracy (30 other photos), each seed', (r) => r.trainRuns.map((run) => percent(run.heldOutAccuracy)).join(' / ')],
    [
      '  the same, through the trainer, Train pressed at once',
      (r) => (r.throughTrainer ? `${percent(r.throughTrainer.heldOutAccuracy)} (${r.throughTrainer.learnedFrom})` : '—'),
    ],
    [
      'first visit: bytes transferred (decoded)',
      (r) =>
        r.throughTrainer
          ? `${mb(r.throughTrainer.firstVisit.transferredBytes / 1e6)} (${mb(r.throughTrainer.firstVisit.decodedBytes / 1e6)})`
          : '—',
    ],
    ['first visit: navigation → usable editor', (r) => (r.throughTrainer ? seconds(r.throughTrainer.firstVisit.usableMs) : '—')],
    ['live recognition', (r) => `${r.liveFps.toFixed(1)} frames/s`],
    [
      'longest main-thread task while live (≥ 50 ms counted)',
      (r) => (r.longTasks ? `${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} over 50 ms)` : 'none over 50 ms'),
    ],
    ['tf tensors before → after 1,000 recognitions', (r) => `${r.tensorsBefore} → ${r.tensorsAfter}`],
    ['JS heap before → after 1,000 recognitions', (r) => `${mb(r.heapBeforeMb)} → ${mb(r.heapAfterMb)}`],
    ...MEMORY_ROWS,
  ];
  const header = ['', 'ours (engine in a worker)', 'Teachable Machine 0.8.5 (main thread)', 'ours ÷ TM'];
  const ratio = (label: string) => (RATIOS[label] ? `${(RATIOS[label](ours) / RATIOS[label](tm)).toFixed(2)}×` : '');
  const lines = [header, ...rows.map(([label, cell]) => [label, cell(ours), cell(tm), ratio(label)])];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const format = (line: readonly string[]) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log('');
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines.slice(1)) console.log(format(line));
  console.log('');
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${ours.browser}.`);
  console.log(`Notes: batch for TM = ${tm.embedBatchNote}; heap = ${ours.heapNote} vs ${tm.heapNote}.`);
}

async function main(): Promise<void> {
  const shared = sharedDir();
  installTeachableMachine();
  await bundle();
  const server = await startServer(shared);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_ARGS });
  try {
    const engineSide = await runSide(browser, origin, 'ours', shared);
    const tm = await runSide(browser, origin, 'tm', shared);
    const { measureThroughTrainer } = await import('./trainer-ui');
    const memory = await measureMemory(browser, origin);
    const ours = { ...engineSide, throughTrainer: await measureThroughTrainer(browser, [0, 1, 2], 30), memory: memory.ours };
    const explain = await measureExplain(browser, origin);
    printTable(ours, { ...tm, memory: memory.tm });
    for (const line of explainLines(explain)) console.log(line);
    const { measureLandmarks, printLandmarks } = await import('./landmarks');
    printLandmarks(await measureLandmarks(browser));
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ ours, tm, explain }, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
