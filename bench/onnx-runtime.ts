// A second runtime for the backbone, measured beside ours: tfjs's fused graph (what the engine runs) and
// onnxruntime-web's WASM build on the same graph converted to ONNX at load time, with Teachable Machine's
// embedding in the same page (bench/page/runtimes-bench.ts). Part of `npm run bench` (bench/run.ts);
// `node --import tsx bench/onnx-runtime.ts` runs it alone. Figures only, no thresholds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { bundleBenchPages, keepOnThisMachine, startBenchServer } from './bench-server';
import type { RuntimeFigures, RuntimesResult } from './page/runtimes-bench';

const require = createRequire(import.meta.url);
const ORT_WASM = require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm');
/** Its package.json is not among its exports: read beside its dist/ folder. */
const ORT_VERSION = (JSON.parse(readFileSync(path.join(path.dirname(ORT_WASM), '..', 'package.json'), 'utf8')) as { version: string })
  .version;
const wasmBytes = (file: string) => readFileSync(require.resolve(file)).length;

export async function measureRuntimes(browser: Browser, origin: string, shared: string): Promise<RuntimesResult> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[runtimes] ${error.message}`));
  try {
    const offMachine = await keepOnThisMachine(page, shared);
    await page.goto(`${origin}/runtimes.html`);
    console.log('Running the backbone on tfjs and on onnxruntime-web …');
    const result = await page.evaluate(() =>
      (globalThis as unknown as { runRuntimesBench: () => Promise<RuntimesResult> }).runRuntimesBench(),
    );
    if (offMachine.length) throw new Error(`requests left this machine: ${offMachine.join(', ')}`);
    return result;
  } finally {
    await page.close();
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function printRuntimes(result: RuntimesResult): void {
  const header = [
    '',
    'ours: tfjs fused graph',
    `onnxruntime-web ${ORT_VERSION}`,
    'Teachable Machine 0.8.5',
    'ours ÷ TM',
    'ORT ÷ TM',
    'ORT ÷ ours',
  ];
  const row = (label: string, figures: RuntimeFigures) => [
    label,
    ms(figures.ms.tfjs),
    ms(figures.ms.onnx),
    ms(figures.ms.tm),
    ratio(figures.tfjsOverTm),
    ratio(figures.onnxOverTm),
    ratio(figures.onnxOverTfjs),
  ];
  const lines = [
    header,
    row('embed 1 picture (median of 30)', result.single),
    ...result.batches.map((batch) => row(`embed per picture, batch of ${batch.size}`, batch)),
  ];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const format = (line: readonly string[]) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const threads = result.cores >= 4 ? 'threads on' : '1 thread each';
  console.log('');
  console.log(`The backbone on a second runtime (one page, WASM SIMD, ${threads}: ${result.cores} cores):`);
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines.slice(1)) console.log(format(line));
  console.log(
    `  embeddings of the 90 photos: largest difference ${result.maxDifference.toExponential(2)} (allowed 1e-4);` +
      ` ratios are medians of each turn's ratio (the three sides take turns on the same pictures)`,
  );
  console.log(
    `  ONNX start: converted in ${result.convertMs.toFixed(0)} ms (${mb(result.onnxBytes)}), session ready in ${(result.sessionMs / 1000).toFixed(2)} s;` +
      ` its .wasm ${mb(wasmBytes(ORT_WASM))}` +
      ` against tfjs's ${mb(wasmBytes('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void (async () => {
    const { sharedDir } = await import('../e2e/support/shared-data');
    const { installTeachableMachine } = await import('./install-teachable-machine');
    const { chromium } = await import('@playwright/test');
    const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../e2e/support/browser');
    const shared = sharedDir();
    installTeachableMachine();
    await bundleBenchPages();
    const server = await startBenchServer(shared);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      printRuntimes(await measureRuntimes(browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, shared));
    } finally {
      await browser.close();
      server.close();
    }
  })();
}
