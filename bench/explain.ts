// The bench rows of "What is it looking at?" and the map of all pictures (bench/page/explain-bench.ts), with
// their targets as ratios: a heatmap under 2 s per picture on this kind of machine.
import type { Browser } from '@playwright/test';
import type { ExplainResult } from './page/explain-bench';

const HEATMAP_TARGET_MS = 2000;

export async function measureExplain(browser: Browser, origin: string): Promise<ExplainResult> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[explain] ${error.message}`));
  try {
    await page.goto(`${origin}/explain.html`);
    console.log('Running "What is it looking at?" and the picture map …');
    return await page.evaluate(() => (globalThis as unknown as { runExplainBench: () => Promise<ExplainResult> }).runExplainBench());
  } finally {
    await page.close();
  }
}

export function explainLines(result: ExplainResult): string[] {
  return [
    `"What is it looking at?" heatmap (7 × 7, median of ${result.heatmapsMeasured}): ${(result.heatmapMs / 1000).toFixed(2)} s per picture,` +
      ` ${(result.heatmapMs / HEATMAP_TARGET_MS).toFixed(2)}× the 2 s target (${(result.heatmapMs / result.embedMs).toFixed(0)}× one embedding)`,
    `Map of all pictures (90, ${result.mapMethod.toUpperCase()}): ${(result.mapMs / 1000).toFixed(2)} s`,
  ];
}
