// `npm run bench`: our engine against Teachable Machine's (@teachablemachine/image 0.8.5) on the same shared
// photos, in one headless Chromium run on this machine, printed as one table. Figures only, no thresholds.
//   1. installs Teachable Machine's library into bench/.tm (its own folder, not the project's dependencies);
//   2. bundles the bench pages and our engine's worker into bench/.build with esbuild;
//   3. serves them cross-origin isolated (COOP/COEP, so WASM may use SIMD and threads), with the shared
//      weights and photos, and answers Teachable Machine's request for its base model from the shared copy;
//   4. runs each side in its own page;
//   5. builds the editor and drives its trainer as a child does (bench/trainer-ui.ts), then prints the table;
//   6. Hands against Pictures on the sign digits, and MediaPipe Hands' speed (bench/landmarks.ts);
//   7. the backbone on a second runtime, onnxruntime-web, beside ours and Teachable Machine (bench/onnx-runtime.ts).
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/browser';
import { sharedDir } from '../e2e/support/shared-data';
import { explainLines, measureExplain } from './explain';
import { bundleBenchPages, keepOnThisMachine, startBenchServer } from './bench-server';
import { installTeachableMachine } from './install-teachable-machine';
import { measureRuntimes, printRuntimes } from './onnx-runtime';
import { MEMORY_CHROMIUM_ARGS, MEMORY_ROWS, measureMemory, type SideMemory } from './memory';
import { median, type SideResult } from './page/measure';
import type { FirstVisit } from './first-visit';
import type { ThroughTrainer } from './trainer-ui';

/** The tests' quiet headless Chromium, plus a garbage collector and exact heap figures for the memory rows. */
const BENCH_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info', ...MEMORY_CHROMIUM_ARGS];
const FLOOR_MS = 0.4;

/** A side's figures as the table prints them: what its page measured, in which browser. */
type Measured = SideResult & { readonly browser: string; readonly throughTrainer?: ThroughTrainer; readonly memory?: SideMemory };

async function runSide(browser: Browser, origin: string, name: 'ours' | 'tm', shared: string): Promise<Measured> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[${name}] ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  const offMachine = await keepOnThisMachine(page, shared);
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
const visitBytes = (visit: FirstVisit) => `${mb(visit.transferredBytes / 1e6)} (${mb(visit.decodedBytes / 1e6)})`;

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
    ['first visit: bytes transferred (decoded), median of 3', (r) => (r.throughTrainer ? visitBytes(r.throughTrainer.firstVisit) : '—')],
    ['  plain Scratch (the same GUI build, none of our code)', (r) => (r.throughTrainer ? visitBytes(r.throughTrainer.plainScratch) : '—')],
    [
      'first visit: navigation → usable editor, median of 3',
      (r) => (r.throughTrainer ? seconds(r.throughTrainer.firstVisit.usableMs) : '—'),
    ],
    [
      '  plain Scratch; ours ÷ plain',
      (r) =>
        r.throughTrainer
          ? `${seconds(r.throughTrainer.plainScratch.usableMs)}; ${(r.throughTrainer.firstVisit.usableMs / r.throughTrainer.plainScratch.usableMs).toFixed(2)}×`
          : '—',
    ],
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
  await bundleBenchPages();
  const server = await startBenchServer(shared);
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
    const runtimes = await measureRuntimes(browser, origin, shared);
    printTable(ours, { ...tm, memory: memory.tm });
    for (const line of explainLines(explain)) console.log(line);
    const { measureLandmarks, printLandmarks } = await import('./landmarks');
    printLandmarks(await measureLandmarks(browser));
    printRuntimes(runtimes);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ ours, tm, explain, runtimes }, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
