// The hand finder (hands/) on the real build's MediaPipe files (dist/mediapipe/hands/, served by our server with
// its compressed copies): hands are found in most sign-digit photos, pictures without a hand give null, nothing
// leaves the machine (the fixture checks) and the editor's main thread stays free while MediaPipe works in its
// worker. The finder's own code is bundled here, as nothing in the editor starts it yet; its page is served on
// the build's origin, like the editor's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { expect, signDigitPhotos, test } from './support';
import { REPO_DIR } from './support/shared-data';

const PHOTOS = ([0, 1, 2, 3, 4] as const).flatMap((digit) => signDigitPhotos(digit).slice(0, 4));
/** Where the spec's page and scripts live on the build's origin (no file of the build has this name). */
const PAGE_DIR = '/hand-finder-check/';

interface RunFigures {
  readonly landmarkCounts: readonly number[];
  readonly msPerPhoto: number;
  readonly blank: unknown;
  readonly dark: unknown;
  readonly tiny: unknown;
  readonly video: readonly number[];
  readonly longestTaskMs: number;
  readonly sanityTaskMs: number;
}

/** The page script and the worker, bundled the way the build does (the worker resolved beside the page script). */
async function bundle(origin: string): Promise<Record<string, string>> {
  const bundled = async (entry: string, define: Record<string, string> = {}) => {
    const result = await build({
      entryPoints: [path.join(REPO_DIR, entry)],
      bundle: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      logLevel: 'error',
      define,
    });
    return result.outputFiles[0].text;
  };
  return {
    'page.js': await bundled('e2e/support/hand-finder-page.ts', { 'import.meta.url': JSON.stringify(`${origin}${PAGE_DIR}page.js`) }),
    'hand-finder-worker.ts': await bundled('hands/hand-finder-worker.ts'),
  };
}

test('the hand finder finds hands in photos off the main thread, and null where there is none', async ({ page, baseURL }) => {
  const scripts = await bundle(baseURL ?? '');
  await page.route(`**${PAGE_DIR}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(PAGE_DIR.length);
    if (name === '')
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>hands</title><script src="page.js"></script>' });
    const photo = /^photo\/(\d+)$/.exec(name);
    if (photo) return route.fulfill({ contentType: 'image/jpeg', body: readFileSync(PHOTOS[Number(photo[1])]) });
    if (name in scripts) return route.fulfill({ contentType: 'text/javascript', body: scripts[name] });
    return route.fulfill({ status: 404 });
  });
  await page.goto(PAGE_DIR);

  const figures = await page.evaluate(async (photoCount): Promise<RunFigures> => {
    // Long tasks of the page: what a click or a frame of the editor would wait for. (A busy message loop to measure
    // the same would itself be one long task whenever the crowded machine takes the core away.)
    const longTasks: number[] = [];
    new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    // The observer sees a long task on this page: an 80 ms one, on purpose, before the finder runs.
    setTimeout(() => {
      const until = performance.now() + 80;
      while (performance.now() < until);
    });
    await settle();
    const sanityTaskMs = Math.max(0, ...longTasks);
    longTasks.length = 0;

    const finder = globalThis.startHandFinder({ filesBase: new URL('/mediapipe/hands/', location.href) });
    await finder.ready();
    const pictures = await Promise.all(
      Array.from({ length: photoCount }, async (_, i) => createImageBitmap(await (await fetch(`photo/${i}`)).blob())),
    );
    const filled = (width: number, height: number, colour: string) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      context.fillStyle = colour;
      context.fillRect(0, 0, width, height);
      return createImageBitmap(canvas);
    };
    await settle();
    const started = performance.now();
    const found = [];
    for (const picture of pictures) found.push(await finder.findHand(picture, 'photo'));
    const msPerPhoto = (performance.now() - started) / photoCount;
    const blank = await finder.findHand(await filled(224, 224, '#fff'), 'photo');
    const dark = await finder.findHand(await filled(640, 480, '#000'), 'video');
    const tiny = await finder.findHand(await filled(3, 2, '#fff'), 'photo');
    // Video: the same photo as frames in a row, tracked from one to the next.
    const video = [];
    for (let frame = 0; frame < 10; frame++) video.push((await finder.findHand(pictures[0], 'video'))?.landmarks.length ?? 0);
    await settle();
    finder.dispose();
    return {
      landmarkCounts: found.map((hand) => hand?.landmarks.length ?? 0),
      msPerPhoto,
      blank,
      dark,
      tiny,
      video,
      longestTaskMs: Math.max(0, ...longTasks),
      sanityTaskMs,
    };
  }, PHOTOS.length);

  console.log(
    `hands found in ${figures.landmarkCounts.filter((count) => count === 21).length} of ${PHOTOS.length} photos, ` +
      `${figures.msPerPhoto.toFixed(0)} ms per photo; longest task on the main thread ${figures.longestTaskMs.toFixed(0)} ms`,
  );
  expect(figures.sanityTaskMs, 'the long-task observer works on this page').toBeGreaterThan(50);
  expect(figures.landmarkCounts.filter((count) => count === 21).length).toBeGreaterThanOrEqual(16);
  expect(figures.landmarkCounts.every((count) => count === 0 || count === 21)).toBe(true);
  expect(figures.blank).toBeNull();
  expect(figures.dark).toBeNull();
  expect(figures.tiny).toBeNull();
  expect(figures.video.filter((count) => count === 21).length).toBeGreaterThanOrEqual(8);
  expect(figures.longestTaskMs, 'the longest task on the main thread while hands are found').toBeLessThan(50);
});

test('the hand finder says when MediaPipe cannot load, as a typed error', async ({ page, baseURL }) => {
  // Context-wide: the worker asks for MediaPipe's files.
  await page.context().route('**/mediapipe/hands/**', (route) => route.abort('internetdisconnected'));
  const scripts = await bundle(baseURL ?? '');
  await page.route(`**${PAGE_DIR}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(PAGE_DIR.length);
    if (name === '')
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>hands</title><script src="page.js"></script>' });
    return route.fulfill({ contentType: 'text/javascript', body: scripts[name] });
  });
  await page.goto(PAGE_DIR);
  const error = await page.evaluate(async () => {
    const finder = globalThis.startHandFinder({ filesBase: new URL('/mediapipe/hands/', location.href) });
    const failure = await finder.ready().then(
      () => undefined,
      (reason: unknown) => reason as { name: string; code: string },
    );
    const later = await finder.findHand(await createImageBitmap(new ImageData(32, 32)), 'photo').then(
      () => undefined,
      (reason: unknown) => (reason as { code: string }).code,
    );
    return { name: failure?.name, code: failure?.code, later };
  });
  expect(error).toEqual({ name: 'HandFinderError', code: 'hands/unreachable', later: 'hands/unreachable' });
});
