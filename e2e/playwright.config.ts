// End-to-end tests: the built editor (dist/, from `npm run build`) served by our own server, driven in
// Debian's Chromium. One worker: the machine has 2 cores and the editor alone keeps one busy while loading.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_PORT } from './support/browser';

const repo = path.resolve(__dirname, '..');
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  outputDir: path.resolve(repo, process.env.E2E_OUTPUT_DIR ?? 'test-results'),
  globalSetup: path.join(__dirname, 'support', 'global-setup.ts'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  // Generous: loading the editor, starting tfjs and training run on a 2-core machine without a GPU.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    // The offline copy would fetch ~30 MB in every fresh context and answer requests specs count; e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: 'node --import tsx editor/server/serve.ts',
    cwd: repo,
    url: baseURL,
    env: { PORT: String(E2E_PORT), ...(process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {}) },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
