// Hostile pictures and devices in the real editor: every file a child might pick through "Upload pictures" (or
// drop), a browser without IndexedDB or with a full disk, and a blocked camera. Each case names its input and
// must end in a friendly message in the child's language or in a picture taken in correctly; the editor keeps
// working, pictures already saved are never lost, and (checked by the shared fixture) no request leaves the
// machine. Fixtures are generated into a temp dir (ImageMagick and hand-written PNG/EXIF bytes): no binaries in git.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, createDeflate } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import errors from '../locales/en/errors.json';
import text from '../locales/en/trainer.json';
import koBlocks from '../locales/ko/blocks.json';
import koErrors from '../locales/ko/errors.json';
import koText from '../locales/ko/trainer.json';
import { trainThroughTrainer } from './support/train';
import { pngChunk } from './support/png-bytes';
import { nameNextClass } from './support/trainer-page';
import {
  addImageModelExtension,
  chooseEditorLanguage,
  expect,
  openEditor,
  openTrainer,
  paletteButton,
  paletteCategory,
  signDigitPhotos,
  test,
  waitForEditor,
} from './support';

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
const CLASS = 'pets';

// ------------------------------------------------------------------------------------------------ fixtures

let dir = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hostile-pictures-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`hostile inputs: ${tally.passed} passed, ${tally.failed} failed (pictures, storage and camera in the editor)\n`);
});

function fixture(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function magick(name: string, ...args: string[]): string {
  const file = path.join(dir, name);
  execFileSync('convert', [...args, file]);
  return file;
}

const PHOTO = signDigitPhotos(0)[0];

/** A grey PNG of side × side pixels whose rows are all zeros: a few hundred KB on disk, gigabytes decoded. */
async function decompressionBombPng(name: string, side: number): Promise<string> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const rows = Buffer.alloc((side + 1) * 256); // 256 rows: a filter byte (0) then side zero pixels each
  for (let row = 0; row < side; row += 256) {
    const part = rows.subarray(0, (side + 1) * Math.min(256, side - row));
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.concat(out)),
    pngChunk('IEND', new Uint8Array()),
  ]);
  return fixture(name, png);
}

/** `jpeg` with an EXIF APP1 segment saying "rotate 90° clockwise to show" (Orientation 6) right after SOI. */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // first IFD
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, payload, jpeg.subarray(2)]);
}

// ------------------------------------------------------------------------------------------------ the trainer

function classCard(trainer: Locator, name: string): Locator {
  return trainer.getByRole('region', { name, exact: true });
}

/** The trainer's words in the editor's language (English unless a test switches to Korean). */
type Words = typeof text;

function pictures(trainer: Locator, name: string, words: Words = text): Locator {
  return classCard(trainer, name)
    .getByRole('list', { name: fill(words.picturesOf, { name }) })
    .getByRole('listitem');
}

async function upload(page: Page, trainer: Locator, files: string[], words: Words = text): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await classCard(trainer, CLASS).getByRole('button', { name: words.uploadPictures }).click();
  await (await chooser).setFiles(files);
}

/** Colours (RGB) of a thumbnail's stored square, read back from its pixels. */
async function thumbnailColours(item: Locator): Promise<Record<'top' | 'bottom' | 'left' | 'right' | 'centre', number[]>> {
  return item.locator('img').evaluate(async (element: HTMLImageElement) => {
    await element.decode();
    const canvas = document.createElement('canvas');
    canvas.width = element.naturalWidth;
    canvas.height = element.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(element, 0, 0);
    const at = (x: number, y: number) =>
      Array.from(context.getImageData(Math.floor(x * canvas.width), Math.floor(y * canvas.height), 1, 1).data.slice(0, 3));
    return { top: at(0.5, 0.15), bottom: at(0.5, 0.85), left: at(0.15, 0.5), right: at(0.85, 0.5), centre: at(0.5, 0.5) };
  });
}

const isRed = ([r, g, b]: number[]) => r > 180 && g < 80 && b < 80;
const isBlue = ([r, g, b]: number[]) => b > 180 && r < 80 && g < 80;

// ------------------------------------------------------------------------------------------------ case tally

const tally = { passed: 0, failed: 0 };

/**
 * One named case as a step of a longer test (the editor loads once for many files). Its assertions are soft,
 * so one failing case is reported and the next still runs.
 */
async function hostileCase(name: string, run: () => Promise<void>): Promise<void> {
  await test.step(name, async () => {
    const before = test.info().errors.length;
    try {
      await run();
    } catch (error) {
      expect.soft(error instanceof Error ? error.message : String(error), name).toBe('no error');
    }
    if (test.info().errors.length > before) tally.failed++;
    else tally.passed++;
  });
}

type Expected =
  | { readonly refused: keyof typeof errors }
  | { readonly accepted: (item: Locator) => Promise<void> }
  | { readonly refusedOrAccepted: keyof typeof errors };

/** Uploads one file into the class: it is refused with its message, or it becomes exactly one new picture. */
async function pictureCase(
  page: Page,
  trainer: Locator,
  name: string,
  file: () => string | Promise<string>,
  expected: Expected,
  saved: { count: number },
): Promise<void> {
  const outcome =
    'refused' in expected
      ? `refused: "${errors[expected.refused]}"`
      : 'accepted' in expected
        ? 'accepted as one picture'
        : `refused ("${errors[expected.refusedOrAccepted]}") or accepted as one picture`;
  await hostileCase(`${name} -> ${outcome}; the editor keeps working, saved pictures stay`, async () => {
    const filePath = await file();
    const fileName = path.basename(filePath);
    const before = await pictures(trainer, CLASS).count();
    await upload(page, trainer, [filePath]);
    const alert = classCard(trainer, CLASS).getByRole('alert');
    const message = (reason: keyof typeof errors) => fill(text.fileProblem, { file: fileName, reason: errors[reason] });
    if ('refused' in expected) {
      await expect.soft(alert).toContainText(message(expected.refused));
      await expect.soft(pictures(trainer, CLASS)).toHaveCount(before);
    } else if ('accepted' in expected) {
      await expect.soft(pictures(trainer, CLASS)).toHaveCount(before + 1);
      await expected.accepted(pictures(trainer, CLASS).last());
    } else {
      await expect
        .poll(
          async () =>
            (await pictures(trainer, CLASS).count()) > before ||
            ((await alert.textContent()) ?? '').includes(message(expected.refusedOrAccepted)),
        )
        .toBe(true);
      const refused = ((await alert.textContent()) ?? '').includes(fileName);
      await expect.soft(pictures(trainer, CLASS)).toHaveCount(refused ? before : before + 1);
      process.stdout.write(`  ${name}: ${refused ? 'refused with a message' : 'accepted'}\n`);
    }
    // Nothing saved earlier was lost, and the trainer still answers.
    expect.soft(await pictures(trainer, CLASS).count()).toBeGreaterThanOrEqual(saved.count);
    saved.count = await pictures(trainer, CLASS).count();
    await expect.soft(trainer.getByRole('button', { name: text.addClass })).toBeEnabled();
  });
}

// ------------------------------------------------------------------------------------------------ tests

test('hostile pictures through "Upload pictures" and a drop of 210 at once; a blocked camera', async ({ page }) => {
  test.setTimeout(600_000);
  let scriptRan = false;
  page.on('dialog', (dialog) => {
    scriptRan = true;
    void dialog.dismiss();
  });
  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  await nameNextClass(trainer, CLASS);
  await upload(page, trainer, signDigitPhotos(0).slice(0, 3));
  await expect(pictures(trainer, CLASS)).toHaveCount(3);
  const saved = { count: 3 };

  const photo = readFileSync(PHOTO);
  await pictureCase(page, trainer, 'an empty file', () => fixture('empty.jpg', ''), { refused: 'picture/empty' }, saved);
  await pictureCase(
    page,
    trainer,
    'a 50 MB file',
    () => fixture('fifty.jpg', Buffer.concat([photo, Buffer.alloc(50 * 1024 * 1024)])),
    { refused: 'picture/too-big' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a 10 MB + 1 byte file',
    () => fixture('just-over.png', Buffer.alloc(10 * 1024 * 1024 + 1, 1)),
    { refused: 'picture/too-big' },
    saved,
  );
  // The bytes say what a file is, not its name: a real JPEG named .txt is a picture (one not in the class yet).
  await pictureCase(
    page,
    trainer,
    'a real JPEG named .txt',
    () => fixture('photo.txt', readFileSync(signDigitPhotos(0)[3])),
    { accepted: async () => {} },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a program (.exe)',
    () => fixture('game.exe', Buffer.from('MZ\x90\x00 not a picture')),
    { refused: 'picture/not-an-image' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a text file renamed .jpg',
    () => fixture('notes.jpg', 'These are my notes, not a picture.\n'),
    { refused: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'random bytes named .png',
    () => fixture('noise.png', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))),
    { refused: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a JPEG cut after its first 40%',
    () => fixture('cut.jpg', photo.subarray(0, Math.floor(photo.length * 0.4))),
    { refusedOrAccepted: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a JPEG of only its first 200 bytes',
    () => fixture('stub.jpg', photo.subarray(0, 200)),
    { refused: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a PNG cut in half',
    () => {
      const png = readFileSync(magick('whole.png', PHOTO));
      return fixture('cut.png', png.subarray(0, png.length >> 1));
    },
    { refusedOrAccepted: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a PNG of only its signature and header',
    () => {
      const png = readFileSync(magick('whole2.png', PHOTO));
      return fixture('header-only.png', png.subarray(0, 33));
    },
    { refused: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a 20,000 × 20,000 pixel PNG (decompression bomb, small on disk)',
    () => decompressionBombPng('bomb.png', 20_000),
    { refused: 'picture/too-many-pixels' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'an SVG with a script',
    () =>
      fixture(
        'evil.svg',
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>',
      ),
    { refused: 'picture/not-an-image' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'an SVG with a script renamed .png',
    () =>
      fixture(
        'evil-svg.png',
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>',
      ),
    { refused: 'picture/unreadable' },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'an animated GIF (red, then blue)',
    () => magick('anim.gif', '-size', '64x64', 'xc:#ff0000', '-size', '64x64', 'xc:#0000ff', '-delay', '20', '-loop', '0'),
    {
      accepted: async (item) => expect.soft(isRed((await thumbnailColours(item)).centre), 'the first frame (red) is used').toBe(true),
    },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a CMYK JPEG',
    () => magick('cmyk.jpg', PHOTO, '-colorspace', 'CMYK'),
    {
      accepted: async (item) => {
        const { centre } = await thumbnailColours(item);
        expect
          .soft(
            Math.max(...centre) - Math.min(...centre) < 200 && Math.max(...centre) > 30,
            `a plausible photo colour, not garbage: ${centre}`,
          )
          .toBe(true);
      },
    },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a 16-bit PNG',
    () => {
      const file = path.join(dir, 'deep.png');
      // Another photo than those in the class: the same pixels again would be skipped as a duplicate.
      execFileSync('convert', [signDigitPhotos(0)[4], '-depth', '16', `png48:${file}`]);
      expect(readFileSync(file)[24], 'the fixture really is 16 bits per channel').toBe(16);
      return file;
    },
    { accepted: async () => {} },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a JPEG with EXIF rotation (wide red|blue, "rotate 90° clockwise")',
    () => {
      const wide = readFileSync(magick('wide.jpg', '-size', '100x100', 'xc:#ff0000', '-size', '100x100', 'xc:#0000ff', '+append'));
      return fixture('rotated.jpg', withExifOrientation(wide, 6));
    },
    {
      accepted: async (item) => {
        const colours = await thumbnailColours(item);
        expect
          .soft(isRed(colours.top) && isBlue(colours.bottom), `shown upright: red on top, blue below (${JSON.stringify(colours)})`)
          .toBe(true);
      },
    },
    saved,
  );
  await pictureCase(page, trainer, 'a BMP', () => magick('photo.bmp', signDigitPhotos(0)[5]), { accepted: async () => {} }, saved);
  await pictureCase(
    page,
    trainer,
    'a 1 × 1 pixel PNG',
    () => magick('dot.png', '-size', '1x1', 'xc:#00ff00'),
    {
      accepted: async (item) => expect.soft((await thumbnailColours(item)).centre[1]).toBeGreaterThan(180),
    },
    saved,
  );
  await pictureCase(
    page,
    trainer,
    'a 4000 × 10 pixel strip',
    () => magick('strip.png', '-size', '4000x10', 'xc:#0000ff'),
    {
      accepted: async (item) => expect.soft(isBlue((await thumbnailColours(item)).centre)).toBe(true),
    },
    saved,
  );

  await hostileCase('a class named <img onerror> -> shown as plain text, no script runs', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    await nameNextClass(trainer, evil);
    await expect.soft(classCard(trainer, evil).getByText(evil, { exact: true }).first()).toBeVisible();
    expect.soft(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  await hostileCase(
    '210 pictures dropped at once, 10 of them twice -> the 200 different ones go in, the repeats are skipped with a message; the trainer answers while they are read',
    async () => {
      const files = Array.from({ length: 210 }, (_, i) => {
        const digit = (i % 5) as 0 | 1 | 2 | 3 | 4;
        const source = signDigitPhotos(digit)[Math.floor(i / 5) % 40];
        return { name: `drop-${i}.jpg`, base64: readFileSync(source).toString('base64') };
      });
      const DROPPED = 'dropped';
      await nameNextClass(trainer, DROPPED);
      const dropped = await page.evaluateHandle((list) => {
        const transfer = new DataTransfer();
        for (const file of list)
          transfer.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: 'image/jpeg' }));
        return transfer;
      }, files);
      await classCard(trainer, DROPPED).dispatchEvent('dragover', { dataTransfer: dropped });
      await classCard(trainer, DROPPED).dispatchEvent('drop', { dataTransfer: dropped });
      // While the pictures are being read, the child can already add another class.
      await nameNextClass(trainer, 'while dropping');
      await expect
        .soft(classCard(trainer, DROPPED).getByRole('alert'))
        .toContainText(fill(text.duplicatesSkippedOther, { count: 10, name: DROPPED }), { timeout: 240_000 });
      await expect.soft(pictures(trainer, DROPPED)).toHaveCount(200);
    },
  );

  await hostileCase('the camera is blocked (no permission, no camera) -> a friendly message, uploads still work', async () => {
    await classCard(trainer, 'while dropping').getByRole('button', { name: text.useWebcam }).click();
    const messages = [errors['camera/denied'], errors['camera/not-found'], errors['camera/unsupported']];
    const alert = trainer
      .getByRole('alert')
      .filter({ hasText: new RegExp(messages.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) });
    await expect.soft(alert.first()).toBeVisible();
    await upload(page, trainer, [signDigitPhotos(1)[0]]);
    await expect.soft(pictures(trainer, CLASS)).toHaveCount(saved.count + 1);
    saved.count += 1;
  });

  await hostileCase('after all of it, a reload brings back every picture that went in', async () => {
    await page.reload();
    await waitForEditor(page);
    await addImageModelExtension(page);
    const again = await openTrainer(page);
    await expect.soft(pictures(again, CLASS)).toHaveCount(saved.count, { timeout: 120_000 });
  });

  await hostileCase('no script from any file or name ever ran (no alert dialogs)', async () => {
    expect.soft(scriptRan).toBe(false);
  });
});

async function brokenStorageCase(
  page: Page,
  name: string,
  initScript: string,
  message: keyof typeof errors,
  when: 'at start' | 'on save',
): Promise<void> {
  await hostileCase(`${name} -> "${errors[message]}", and the trainer keeps working for this session`, async () => {
    await page.addInitScript(initScript);
    await openEditor(page);
    await addImageModelExtension(page);
    const trainer = await openTrainer(page);
    if (when === 'at start') await expect.soft(trainer.getByRole('alert').filter({ hasText: errors[message] })).toBeVisible();
    await nameNextClass(trainer, CLASS);
    await upload(page, trainer, signDigitPhotos(2).slice(0, 4));
    await expect.soft(pictures(trainer, CLASS)).toHaveCount(4);
    await expect.soft(trainer.getByRole('alert').filter({ hasText: errors[message] })).toBeVisible();
    await expect.soft(trainer.getByRole('button', { name: text.addClass })).toBeEnabled();
  });
}

test('IndexedDB unavailable (open throws, as in a locked-down browser) gives a friendly message', async ({ page }) => {
  await brokenStorageCase(
    page,
    'IndexedDB unavailable',
    `
    IDBFactory.prototype.open = function () {
      throw new DOMException('access to the Indexed Database API is denied in this context', 'SecurityError');
    };`,
    'store/unavailable',
    'at start',
  );
});

test('IndexedDB quota exceeded (every write refused) gives a friendly message and keeps the pictures on screen', async ({ page }) => {
  await brokenStorageCase(
    page,
    'IndexedDB quota exceeded on every write',
    `
    for (const method of ['put', 'add']) {
      IDBObjectStore.prototype[method] = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    }`,
    'store/quota-exceeded',
    'on save',
  );
});

test('in Korean: refused pictures and a browser without IndexedDB are explained in Korean', async ({ page }) => {
  await page.addInitScript(`
    IDBFactory.prototype.open = function () {
      throw new DOMException('access to the Indexed Database API is denied in this context', 'SecurityError');
    };`);
  await openEditor(page);
  await addImageModelExtension(page);
  await chooseEditorLanguage(page, '한국어');
  // The new language rebuilds the palette; choosing our category scrolls its button back into view.
  await paletteCategory(page, koBlocks.categoryName).click();
  await paletteButton(page, koBlocks.openTrainer).click();
  const trainer = page.getByRole('dialog', { name: koText.title });
  await expect(trainer).toBeVisible();
  await hostileCase('IndexedDB unavailable, editor in Korean -> the message is in Korean', async () => {
    await expect.soft(trainer.getByRole('alert').filter({ hasText: koErrors['store/unavailable'] })).toBeVisible();
  });
  await nameNextClass(trainer, CLASS, koText);
  const refusals: [string, string | Buffer, keyof typeof koErrors][] = [
    ['빈파일.jpg', '', 'picture/empty'],
    ['숙제.exe', 'MZ not a picture', 'picture/not-an-image'],
    ['메모.jpg', '사진이 아니에요', 'picture/unreadable'],
  ];
  for (const [name, bytes, reason] of refusals) {
    await hostileCase(`${reason} with the editor in Korean ("${name}") -> "${koErrors[reason]}"`, async () => {
      await upload(page, trainer, [fixture(name, bytes)], koText);
      const message = fill(koText.fileProblem, { file: name, reason: koErrors[reason] });
      await expect.soft(classCard(trainer, CLASS).getByRole('alert')).toContainText(message);
    });
  }
  await hostileCase('a good photo with the editor in Korean and no IndexedDB -> still goes in', async () => {
    await upload(page, trainer, [PHOTO], koText);
    await expect.soft(pictures(trainer, CLASS, koText)).toHaveCount(1);
  });
});

test('the page reloaded in the middle of training keeps the model trained before and every picture', async ({ page }) => {
  const classes = [
    { name: 'fist', digit: 0 },
    { name: 'three', digit: 3 },
  ] as const;
  const photosPerClass = 8;
  await openEditor(page);
  await trainThroughTrainer(page, classes, photosPerClass);
  let trainer = await openTrainer(page);
  await trainer.getByText(text.advanced, { exact: true }).click();
  await trainer.getByRole('spinbutton', { name: text['setting.epochs'] }).fill('1000');
  await trainer.getByRole('button', { name: text.train, exact: true }).click();
  const progress = trainer.getByRole('progressbar', { name: text.trainingProgress });
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThanOrEqual(2);

  await page.reload();
  await waitForEditor(page);
  await addImageModelExtension(page);
  trainer = await openTrainer(page);
  await hostileCase('reload during training -> every picture is still there', async () => {
    for (const { name } of classes) await expect.soft(pictures(trainer, name)).toHaveCount(photosPerClass, { timeout: 60_000 });
  });
  await hostileCase('reload during training -> the model trained before still answers', async () => {
    await trainer.getByLabel(text.testPicture).setInputFiles(signDigitPhotos(3)[30]);
    await expect.soft(trainer.getByText(fill(text.testResult, { name: 'three' }))).toBeVisible();
  });
  await hostileCase('reload during training -> Train works again', async () => {
    await trainer.getByText(text.advanced, { exact: true }).click();
    await trainer.getByRole('spinbutton', { name: text['setting.epochs'] }).fill('5');
    await trainer.getByRole('button', { name: text.train, exact: true }).click();
    await expect.soft(trainer.getByText(text.trainingDone)).toBeVisible({ timeout: 120_000 });
  });
});

test("two tabs on the same model: each shows what the other adds, and neither erases the other's work", async ({ page }) => {
  const uploadInto = (trainer: Locator, name: string, files: string[]) =>
    classCard(trainer, name).getByLabel(text.uploadPictures).setInputFiles(files);
  await openEditor(page);
  await addImageModelExtension(page);
  const first = await openTrainer(page);
  await nameNextClass(first, 'fist');
  await uploadInto(first, 'fist', signDigitPhotos(0).slice(0, 5));
  await expect(pictures(first, 'fist')).toHaveCount(5);

  const otherPage = await page.context().newPage();
  await openEditor(otherPage);
  await addImageModelExtension(otherPage);
  const second = await openTrainer(otherPage);
  await hostileCase("the second tab opens with the first tab's class and pictures", async () => {
    await expect.soft(pictures(second, 'fist')).toHaveCount(5);
  });
  await hostileCase('a class added in the first tab appears in the open second tab', async () => {
    await nameNextClass(first, 'three');
    await uploadInto(first, 'three', signDigitPhotos(3).slice(0, 5));
    await expect.soft(pictures(second, 'three')).toHaveCount(5, { timeout: 60_000 });
  });
  await hostileCase('a rename and a class in the second tab reach the first, which keeps its own pictures', async () => {
    await second.getByRole('textbox', { name: text.modelName }).fill('Hand signs');
    await second.getByRole('textbox', { name: text.modelName }).press('Enter');
    await nameNextClass(second, 'two');
    await uploadInto(second, 'two', signDigitPhotos(2).slice(0, 5));
    await expect.soft(first.getByRole('textbox', { name: text.modelName })).toHaveValue('Hand signs', { timeout: 60_000 });
    await expect.soft(pictures(first, 'two')).toHaveCount(5, { timeout: 60_000 });
    await expect.soft(pictures(first, 'fist')).toHaveCount(5);
  });
  await otherPage.close();
  await hostileCase('after a reload, everything both tabs did is there', async () => {
    await page.reload();
    await waitForEditor(page);
    await addImageModelExtension(page);
    const again = await openTrainer(page);
    await expect.soft(again.getByRole('textbox', { name: text.modelName })).toHaveValue('Hand signs');
    for (const name of ['fist', 'three', 'two']) await expect.soft(pictures(again, name)).toHaveCount(5, { timeout: 60_000 });
  });
});
