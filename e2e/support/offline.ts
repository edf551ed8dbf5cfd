// The editor's offline copy in specs that allow service workers (the config blocks them for the others).
import type { Page } from '@playwright/test';

/** Waits until this page's service worker is activated, that is, the whole offline copy is stored. */
export async function offlineCopyStored(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { active } = await navigator.serviceWorker.ready;
    if (!active || active.state === 'activated') return;
    await new Promise<void>((resolve) => active.addEventListener('statechange', () => active.state === 'activated' && resolve()));
  });
}
