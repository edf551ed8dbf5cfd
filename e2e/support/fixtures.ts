// The `test` every spec uses: its page logs every request (attached to the test as requests.txt) and the
// test fails when any request leaves this machine or the page throws an uncaught error.
import { test as base, expect } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Schemes that never touch the network. */
const IN_BROWSER_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export function staysOnThisMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return IN_BROWSER_SCHEMES.has(protocol) || LOCAL_HOSTS.has(hostname);
}

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const requests: string[] = [];
    const offMachine: string[] = [];
    const pageErrors: string[] = [];
    // Context-wide, so requests of workers and popups count too.
    page.context().on('request', (request) => {
      requests.push(`${request.method()} ${request.url()}`);
      if (!staysOnThisMachine(request.url())) offMachine.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));

    await use(page);

    await testInfo.attach('requests.txt', { body: requests.join('\n'), contentType: 'text/plain' });
    expect(offMachine, 'requests that left localhost').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
