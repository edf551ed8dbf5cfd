// The bench's memory rows: each side in a fresh page of its own (a WASM heap only grows, so the speed rows'
// pages would carry their high-water marks), measured by the browser itself (bench/page/memory-measure.ts).
import type { Browser } from '@playwright/test';
import type { MemoryFigures, MemoryResult } from './page/memory-measure';

/** measureUserAgentSpecificMemory() answers at once instead of after the next garbage collection (up to 20 s). */
export const MEMORY_CHROMIUM_ARGS = ['--enable-blink-features=ForceEagerMeasureMemory'];
/** The pages' bundles, for run.ts's esbuild. */
export const MEMORY_ENTRY_POINTS = { 'ours-memory': 'ours-memory.ts', 'tm-memory': 'tm-memory.ts' } as const;

/** One side's figures, and which side they are (the two count their WASM heaps differently). */
export type SideMemory = MemoryResult & { readonly side: 'ours' | 'tm' };

async function runMemorySide(browser: Browser, origin: string, name: keyof typeof MEMORY_ENTRY_POINTS): Promise<SideMemory> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  try {
    await page.goto(`${origin}/${name}.html`);
    console.log(`Measuring memory: ${name === 'ours-memory' ? 'our engine' : 'Teachable Machine'} …`);
    const figures = await page.evaluate(() => (globalThis as unknown as { runMemoryBench: () => Promise<MemoryResult> }).runMemoryBench());
    return { ...figures, side: name === 'ours-memory' ? 'ours' : 'tm' };
  } finally {
    await page.close();
  }
}

export async function measureMemory(browser: Browser, origin: string): Promise<{ ours: SideMemory; tm: SideMemory }> {
  return { ours: await runMemorySide(browser, origin, 'ours-memory'), tm: await runMemorySide(browser, origin, 'tm-memory') };
}

const mb = (value: number) => `${value.toFixed(0)} MB`;
/**
 * Ours: the engine's worker and the whole page. A worker figure below the worker's own WASM heap has left the heap out
 * (Chromium 156 does for a worker's unshared WebAssembly.Memory), so the heap is added to both. Teachable Machine
 * runs on the main thread (its "workers" are tfjs's WASM thread pool): the whole page and its WASM heap.
 */
const cell = ({ workerMb, wholePageMb, wasmHeapMb }: MemoryFigures, side: 'ours' | 'tm') => {
  if (side === 'tm') return `page ${mb(wholePageMb)} (WASM heap ${mb(wasmHeapMb ?? 0)})`;
  const missing = wasmHeapMb !== undefined && workerMb < wasmHeapMb ? wasmHeapMb : 0;
  const heapNote = wasmHeapMb === undefined ? '' : ` (WASM heap ${mb(wasmHeapMb)}${missing ? ', added' : ''})`;
  return `worker ${mb(workerMb + missing)}, page ${mb(wholePageMb + missing)}${heapNote}`;
};

/** The table's rows, for whichever side carries a `memory` result. */
export const MEMORY_ROWS: readonly (readonly [label: string, cell: (side: { readonly memory?: SideMemory }) => string])[] = [
  ['memory after embedding 120 pictures', (side) => (side.memory ? cell(side.memory.after120, side.memory.side) : '—')],
  ['memory after training on them', (side) => (side.memory ? cell(side.memory.afterTraining, side.memory.side) : '—')],
  ['memory after 2,000 more pictures', (side) => (side.memory ? cell(side.memory.after2000, side.memory.side) : '—')],
];
