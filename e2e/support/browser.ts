// How the tests start Chromium: Debian's build (no Playwright download), headless, and quiet on the network
// (no component updates, sync or QUIC probes), so every request a test sees comes from the page itself.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Chromium's fake camera playing `clip` (.y4m or .mjpeg), with the permission prompt accepted. */
export function fakeCameraArgs(clip: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`];
}

/** The fixed port of the server the tests start (npm start's default, 8601, may be in use by a developer). */
export const E2E_PORT = Number.parseInt(process.env.E2E_PORT ?? '8619', 10);
