// The bench's memory rows: each side in a fresh page of its own (a WASM heap only grows, so the speed rows'
// pages would carry their high-water marks), measured by the browser itself (bench/page/memory-measure.ts).
import type { Browser } from '@playwright/test';
import type { MemoryFigures, MemoryResult } from './page/memory-measure';

/** measureUserAgentSpecificMemory() answers at once instead of after the next garbage collection (up to 20 s). */
export const MEMORY_CHROMIUM_ARGS = ['--enable-blink-features=ForceEagerMeasureMemory'];
/** The pages' bundles, for run.ts's esbuild. */
export const MEMORY_ENTRY_POINTS = { 'ours-memory': 'ours-memory.ts', 'tm-memory': 'tm-memory.ts' } as const;

async function runMemorySide(browser: Browser, origin: string, name: keyof typeof MEMORY_ENTRY_POINTS): Promise<MemoryResult> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  try {
    await page.goto(`${origin}/${name}.html`);
    console.log(`Measuring memory: ${name === 'ours-memory' ? 'our engine' : 'Teachable Machine'} …`);
    return await page.evaluate(() => (globalThis as unknown as { runMemoryBench: () => Promise<MemoryResult> }).runMemoryBench());
  } finally {
    await page.close();
  }
}

export async function measureMemory(browser: Browser, origin: string): Promise<{ ours: MemoryResult; tm: MemoryResult }> {
  return { ours: await runMemorySide(browser, origin, 'ours-memory'), tm: await runMemorySide(browser, origin, 'tm-memory') };
}

const mb = (value: number) => `${value.toFixed(0)} MB`;
/** Ours: the engine's worker and the whole page; Teachable Machine (no worker): the whole page and its WASM heap. */
const cell = (figures: MemoryFigures) =>
  figures.wasmHeapMb === undefined
    ? `worker ${mb(figures.workerMb)}, page ${mb(figures.wholePageMb)}`
    : `page ${mb(figures.wholePageMb)} (WASM heap ${mb(figures.wasmHeapMb)})`;

/** The table's rows, for whichever side carries a `memory` result. */
export const MEMORY_ROWS: readonly (readonly [label: string, cell: (side: { readonly memory?: MemoryResult }) => string])[] = [
  ['memory after embedding 120 pictures', (side) => (side.memory ? cell(side.memory.after120) : '—')],
  ['memory after training on them', (side) => (side.memory ? cell(side.memory.afterTraining) : '—')],
  ['memory after 2,000 more pictures', (side) => (side.memory ? cell(side.memory.after2000) : '—')],
];
