// The `test` every spec uses: its page logs every request (attached to the test as requests.txt) and the
// test fails when any request leaves this machine or the page throws an uncaught error.
import { test as base, expect, type BrowserContext, type Page, type Route } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Schemes that never touch the network. */
const IN_BROWSER_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export function staysOnThisMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return IN_BROWSER_SCHEMES.has(protocol) || LOCAL_HOSTS.has(hostname);
}

/** Per browser context: URL prefixes its test answers itself (answerLocally), so those requests never go out. */
const answeredLocally = new WeakMap<BrowserContext, string[]>();

/**
 * Answers every request starting with `prefix` (from the page or its workers) with `handler` instead of the
 * network, and tells the off-machine check that these requests stay here. For specs standing in for an outside
 * host (e.g. Google's model storage). `handler` must fulfil or abort: continuing would send the request out.
 */
export async function answerLocally(page: Page, prefix: string, handler: (route: Route) => Promise<void>): Promise<void> {
  const context = page.context();
  answeredLocally.set(context, [...(answeredLocally.get(context) ?? []), prefix]);
  await context.route((url) => url.href.startsWith(prefix), handler);
}

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const requests: string[] = [];
    const offMachine: string[] = [];
    const pageErrors: string[] = [];
    // Context-wide, so requests of workers and popups count too.
    const context = page.context();
    context.on('request', (request) => {
      const url = request.url();
      requests.push(`${request.method()} ${url}`);
      const answeredHere = answeredLocally.get(context)?.some((prefix) => url.startsWith(prefix)) ?? false;
      if (!staysOnThisMachine(url) && !answeredHere) offMachine.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));

    await use(page);

    await testInfo.attach('requests.txt', { body: requests.join('\n'), contentType: 'text/plain' });
    expect(offMachine, 'requests that left localhost').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
