// dist/ on a school's web server: Debian's nginx serves it under /ai/ with the README's own nginx lines, once as they
// are (cross-origin isolated: WASM threads) and once without the isolation headers (one thread). A child opens the
// editor there, adds Image Model, trains two classes of shared photos and gets a held-out photo right; every request
// stays under /ai/ on that server, the base model included.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addImageModelExtension, expect, openEditor, openTrainer, signDigitPhotos, test } from './support';
import { testAreaCorrect, trainingFinished, uploadAndTrainAtOnce, type UploadedClass } from './support/first-loop';
import { startNginx, type NginxServer } from './support/nginx';
import { REPO_DIR } from './support/shared-data';

const distDir = path.resolve(REPO_DIR, process.env.DIST_DIR ?? 'dist');
const PREFIX = '/ai/';
/** Where the README's snippet expects dist/'s contents; the spec puts this build's folder there. */
const README_ROOT = '/var/www/image-model/';
const ISOLATION_HEADER = /^\s*add_header Cross-Origin-(Opener|Embedder)-Policy .*\n/gm;

const CLASSES: readonly UploadedClass[] = ([0, 4] as const).map((digit) => ({
  name: `${digit} fingers`,
  training: signDigitPhotos(digit).slice(0, 15),
  heldOut: signDigitPhotos(digit).slice(20, 21),
}));

/** The nginx lines of the README's "Put it on your school's server", pointed at this build. */
function readmeNginxLines(): string {
  const readme = readFileSync(path.join(REPO_DIR, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith("Put it on your school's server"));
  const snippet = section && /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet?.includes(README_ROOT))
    throw new Error(`README: no nginx snippet serving ${README_ROOT} in "Put it on your school's server"`);
  expect(snippet.match(ISOLATION_HEADER), 'the two isolation headers').toHaveLength(2);
  return snippet.replace(README_ROOT, `${distDir}/`);
}

interface Served {
  readonly url: URL;
  readonly status: number;
  readonly encoding: string | undefined;
}

/** Every request of the page and its workers, with the answer (status 0 when none came). */
function recordTraffic(page: Page): { requested: URL[]; served: Served[] } {
  const requested: URL[] = [];
  const served: Served[] = [];
  const context = page.context();
  context.on('request', (request) => requested.push(new URL(request.url())));
  context.on('response', (response) =>
    served.push({ url: new URL(response.url()), status: response.status(), encoding: response.headers()['content-encoding'] }),
  );
  context.on('requestfailed', (request) => served.push({ url: new URL(request.url()), status: 0, encoding: undefined }));
  return { requested, served };
}

function fileSize(file: string): number | undefined {
  return statSync(file, { throwIfNoEntry: false })?.size;
}

/** Bytes of the files behind `paths` as built, and as a server sending the gzip or the brotli copy would send them. */
function weighVisit(paths: readonly string[]): string {
  let built = 0;
  let gzip = 0;
  let brotli = 0;
  for (const urlPath of new Set(paths)) {
    const file = path.join(distDir, decodeURIComponent(urlPath.slice(PREFIX.length)) || 'index.html');
    const size = fileSize(file) ?? 0;
    built += size;
    gzip += fileSize(`${file}.gz`) ?? size;
    brotli += fileSize(`${file}.br`) ?? size;
  }
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return `${new Set(paths).size} files, ${mb(built)} as built, ${mb(gzip)} with gzip_static, ${mb(brotli)} with brotli_static`;
}

let nginx: NginxServer | undefined;
test.afterEach(async () => {
  await nginx?.stop();
  nginx = undefined;
});

for (const isolated of [true, false]) {
  test(`nginx under ${PREFIX} ${isolated ? 'with' : 'without'} the isolation headers: train and recognise, every request on that server`, async ({
    page,
  }) => {
    const lines = readmeNginxLines();
    nginx = await startNginx(isolated ? lines : lines.replace(ISOLATION_HEADER, ''));
    const site = `${nginx.origin}${PREFIX}`;
    const traffic = recordTraffic(page);

    // The address as a teacher types it, without the last slash: nginx redirects it to the folder.
    const typed = site.slice(0, -1);
    await openEditor(page, typed);
    expect(page.url()).toBe(site);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated);
    const editorPaths = traffic.requested.map((url) => url.pathname);

    await addImageModelExtension(page);
    const trainer = await openTrainer(page);
    await uploadAndTrainAtOnce(trainer, CLASSES);
    await trainingFinished(trainer);
    expect(await testAreaCorrect(trainer, CLASSES)).toEqual({ correct: 2, total: 2 });

    const overNetwork = traffic.requested.filter((url) => url.protocol.startsWith('http') && url.href !== typed);
    expect(
      overNetwork.filter((url) => url.origin !== nginx?.origin || !url.pathname.startsWith(PREFIX)).map(String),
      `requests outside ${site}`,
    ).toEqual([]);
    const failed = traffic.served.filter(({ url, status }) => url.protocol.startsWith('http') && (status === 0 || status >= 400));
    expect(
      failed.map(({ url, status }) => `${status} ${url.pathname}`),
      `failed requests; nginx said:\n${nginx.errorLog()}`,
    ).toEqual([]);
    const paths = overNetwork.map((url) => url.pathname);
    // The base model came from dist/models/, not from Google.
    expect(paths).toContain(`${PREFIX}models/mobilenet-v2-0.35-224-backbone/weights.bin`);
    // tfjs's threaded WASM needs SharedArrayBuffer (the headers), and the engine asks for it only on 4 or more
    // cores (MIN_CORES_FOR_WASM_THREADS in engine/wasm-threads.ts).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const wasm = paths.filter((urlPath) => urlPath.endsWith('.wasm')).map((urlPath) => path.posix.basename(urlPath));
    expect(wasm).toEqual([isolated && cores >= 4 ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm']);
    // gzip_static sent the build's gzip copy of the GUI's bundle.
    const gui = traffic.served.find(({ url }) => /\/scratch-gui\.[0-9a-f]{8}\.js$/.test(url.pathname));
    expect(gui?.encoding).toBe('gzip');

    console.log(`first visit under nginx, editor ready: ${weighVisit(editorPaths)}`);
    console.log(`... then Image Model added and trained: ${weighVisit(paths)}`);
  });
}

test(`Face Sensing finds its MediaPipe files under ${PREFIX}, not at the site's root or on a CDN`, async ({ page }) => {
  nginx = await startNginx(readmeNginxLines());
  const traffic = recordTraffic(page);
  await openEditor(page, `${nginx.origin}${PREFIX}`);
  const mediapipe = page.waitForResponse((response) => response.url().includes('/mediapipe/face_detection/'));
  await page.getByRole('button', { name: 'Add Extension' }).click();
  await page.getByRole('button', { name: /^Face Sensing/ }).click();
  const response = await mediapipe;
  expect(new URL(response.url()).pathname).toMatch(new RegExp(`^${PREFIX}chunks/mediapipe/face_detection/`));
  expect(response.status()).toBe(200);
  expect(traffic.requested.filter((url) => url.protocol.startsWith('http') && !url.pathname.startsWith(PREFIX)).map(String)).toEqual([]);
});
