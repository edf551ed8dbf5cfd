// The bench's "first visit" rows: the editor opened in a fresh browser context (empty cache), with the bytes
// that crossed the network counted from Chrome's own network events (CDP), as they arrive, compressed or not.
import type { Browser } from '@playwright/test';
import { waitForEditor } from '../e2e/support/editor';
import { median } from './page/measure';

export interface FirstVisit {
  /** Bytes on the wire (headers and bodies, as sent), summed over Network.loadingFinished. */
  readonly transferredBytes: number;
  /** The same bodies decoded, summed over Network.dataReceived: what they would weigh uncompressed. */
  readonly decodedBytes: number;
  /** From navigation to an editor a child can use (palette shown, loading screen gone). */
  readonly usableMs: number;
}

export async function measureFirstVisit(browser: Browser, url: string): Promise<FirstVisit> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let transferredBytes = 0;
    let decodedBytes = 0;
    cdp.on('Network.loadingFinished', (event) => (transferredBytes += event.encodedDataLength));
    cdp.on('Network.dataReceived', (event) => (decodedBytes += event.dataLength));
    await cdp.send('Network.enable');
    const start = performance.now();
    await page.goto(url);
    await waitForEditor(page);
    const usableMs = performance.now() - start;
    // What the editor fetches once it is up (sounds, extension scripts) belongs to the first visit too.
    await page.waitForLoadState('networkidle');
    return { transferredBytes, decodedBytes, usableMs };
  } finally {
    await context.close();
  }
}

/** Each figure's median over several visits. */
export function medianVisit(visits: readonly FirstVisit[]): FirstVisit {
  const of = (key: keyof FirstVisit) => median(visits.map((visit) => visit[key]));
  return { transferredBytes: of('transferredBytes'), decodedBytes: of('decodedBytes'), usableMs: of('usableMs') };
}
