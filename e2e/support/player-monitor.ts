import type { Locator, Page } from '@playwright/test';

/** A variable's monitor as TurboWarp's player (its scaffolding) shows it. */
export function playerMonitor(page: Page, name: string): Locator {
  return page
    .locator('.sc-monitor-root')
    .filter({ has: page.locator('.sc-monitor-label', { hasText: new RegExp(`^${name}$`) }) })
    .locator('.sc-monitor-value');
}
