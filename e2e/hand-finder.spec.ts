// The hand finder (hands/) on the real build's MediaPipe files (dist/mediapipe/hands/, served by our server with
// its compressed copies): hands are found in most sign-digit photos, pictures without a hand give null, nothing
// leaves the machine (the fixture checks) and the editor's main thread stays free while MediaPipe works in its
// worker. The finder's own code is bundled here, as nothing in the editor starts it yet; its page is served on
// the build's origin, like the editor's.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openEditor, signDigitPhotos, test, waitForEditor } from './support';
import { HAND_FINDER_PAGE, HAND_FINDER_PAGE_SCRIPT, handFinderScripts } from './support/hand-finder-bundle';
import { offlineCopyStored } from './support/offline';

const PHOTOS = ([0, 1, 2, 3, 4] as const).flatMap((digit) => signDigitPhotos(digit).slice(0, 4));
/** Where the spec's page and scripts live on the build's origin (no file of the build has this name). */
const PAGE_DIR = '/hand-finder-check/';

interface RunFigures {
  readonly landmarkCounts: readonly number[];
  readonly msPerPhoto: number;
  readonly blank: unknown;
  readonly dark: unknown;
  readonly tiny: unknown;
  readonly closedPicture: string;
  readonly video: readonly number[];
  readonly longestTaskMs: number;
  readonly sanityTaskMs: number;
}

/** The spec's page on the build's origin, with the finder's scripts and the photos (photo/<index>). */
async function openFinderPage(page: Page): Promise<void> {
  const scripts = await handFinderScripts();
  await page.route(`**${PAGE_DIR}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(PAGE_DIR.length);
    if (name === '') return route.fulfill({ contentType: 'text/html', body: HAND_FINDER_PAGE });
    const photo = /^photo\/(\d+)$/.exec(name);
    if (photo) return route.fulfill({ contentType: 'image/jpeg', body: readFileSync(PHOTOS[Number(photo[1])]) });
    if (name in scripts) return route.fulfill({ contentType: 'text/javascript', body: scripts[name] });
    return route.fulfill({ status: 404 });
  });
  await page.goto(PAGE_DIR);
}

test('the hand finder finds hands in photos off the main thread, and null where there is none', async ({ page }) => {
  await openFinderPage(page);

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
    // A picture already closed is refused, and the finder goes on.
    const closed = await filled(8, 8, '#fff');
    closed.close();
    const closedPicture = await finder.findHand(closed, 'photo').then(
      () => 'found',
      (error: unknown) => (error as { code: string }).code,
    );
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
      closedPicture,
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
  expect(figures.closedPicture).toBe('hands/failed');
  expect(figures.video.filter((count) => count === 21).length).toBeGreaterThanOrEqual(8);
  expect(figures.longestTaskMs, 'the longest task on the main thread while hands are found').toBeLessThan(50);
});

test('the hand finder says when MediaPipe cannot load, as a typed error', async ({ page }) => {
  // Context-wide: the worker asks for MediaPipe's files.
  await page.context().route('**/mediapipe/hands/**', (route) => route.abort('internetdisconnected'));
  await openFinderPage(page);
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

test.describe('offline', () => {
  // The default config blocks service workers; here the offline copy is the point.
  test.use({ serviceWorkers: 'allow' });

  test("after one use online, the hand finder works offline from the service worker's cache", async ({ page }) => {
    test.setTimeout(300_000);
    const scripts = await handFinderScripts();
    const photo = readFileSync(PHOTOS[0]).toString('base64');
    /** The finder started in the editor's page, as the trainer will: the landmarks it finds in the photo. */
    const landmarksFound = async () => {
      await page.addScriptTag({ content: scripts[HAND_FINDER_PAGE_SCRIPT] });
      return page.evaluate(async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        globalThis.handFinderScriptUrl = new URL('chunks/', document.baseURI).href;
        const finder = globalThis.startHandFinder({ filesBase: new URL('mediapipe/hands/', document.baseURI) });
        try {
          await finder.ready();
          const hand = await finder.findHand(await createImageBitmap(new Blob([bytes])), 'photo');
          return hand?.landmarks.length ?? 0;
        } finally {
          finder.dispose();
        }
      }, photo);
    };
    const handsFilesKept = () =>
      page.evaluate(async () => {
        const name = (await caches.keys()).find((key) => key.startsWith('image-model-mediapipe-hands-'));
        return name ? (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname.split('/').pop()) : [];
      });

    await openEditor(page);
    await offlineCopyStored(page);
    // The finder's worker, which the build will bundle as one of its chunks (all precached): here put straight into
    // the copy's cache of chunks/, as nothing in this build starts a finder yet.
    await page.evaluate(async (script) => {
      const kept = await caches.open('image-model-kept-files');
      await kept.put(
        new URL('chunks/hand-finder-worker.ts', document.baseURI),
        // The server's isolation header, which a worker of this cross-origin-isolated page must have.
        new Response(script, { headers: { 'Content-Type': 'text/javascript', 'Cross-Origin-Embedder-Policy': 'require-corp' } }),
      );
    }, scripts['hand-finder-worker.ts']);
    expect(await handsFilesKept(), 'nothing of MediaPipe is stored before a finder starts').toEqual([]);
    expect(await landmarksFound()).toBe(21);
    // The files this browser used (the SIMD build), stored as they arrived.
    await expect.poll(async () => (await handsFilesKept()).length).toBe(7);

    await page.context().setOffline(true);
    await page.reload();
    await waitForEditor(page);
    expect(await landmarksFound()).toBe(21);
  });
});
