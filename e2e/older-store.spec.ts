// A browser whose IndexedDB holds the child's work as the version before the picture codec wrote it
// (fixtures/before-picture-codec/store-records.json, made with that version's code): the trainer shows the
// model, trained, with every picture, and the picture records are rewritten in today's shape.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import trainerText from '../locales/en/trainer.json';
import { STORE_RECORDS_FILE, type RecordJson } from '../fixtures/before-picture-codec/store-records';
import { DATABASE_NAME } from '../store/model-store';
import { addImageModelExtension, expect, openEditor, openTrainer, test } from './support';
import { classCard, fill } from './support/trainer-page';

/** Writes the records into this site's IndexedDB as idb-keyval keeps them (store 'records'), before the app runs. */
async function seedStore(page: Page, records: readonly RecordJson[]): Promise<void> {
  // A page of the same origin that is not the editor, so nothing opens the database first.
  await page.goto('/no-editor-here');
  await page.evaluate(
    async ({ name, records }) => {
      const bytes = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const revive = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(revive);
        if (typeof value !== 'object' || value === null) return value;
        const object = value as Record<string, unknown>;
        if (typeof object.$blob === 'string') return new Blob([bytes(object.$blob)], { type: String(object.type) });
        if (typeof object.$float32 === 'string') return new Float32Array(bytes(object.$float32).buffer);
        if (typeof object.$arrayBuffer === 'string') return bytes(object.$arrayBuffer).buffer;
        return Object.fromEntries(Object.entries(object).map(([key, field]) => [key, revive(field)]));
      };
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onupgradeneeded = () => opening.result.createObjectStore('records');
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
      });
      const transaction = database.transaction('records', 'readwrite');
      for (const { key, value } of records) transaction.objectStore('records').put(revive(value), [...key]);
      await new Promise((resolve, reject) => {
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
      });
      database.close();
    },
    { name: DATABASE_NAME, records },
  );
}

/** The picture records' field names, as IndexedDB holds them now. */
function pictureFields(page: Page): Promise<string[][]> {
  return page.evaluate(
    (name) =>
      new Promise<string[][]>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const reading = database.transaction('records', 'readonly').objectStore('records').getAll();
          reading.onsuccess = () => {
            database.close();
            const pictures = (reading.result as Record<string, unknown>[]).filter((value) => 'embedding' in value);
            resolve(
              pictures.map((value) =>
                Object.keys(value)
                  .filter((key) => ['jpeg', 'encoded', 'mimeType'].includes(key))
                  .sort(),
              ),
            );
          };
        };
      }),
    DATABASE_NAME,
  );
}

test('the work stored by the version before the picture codec opens in the trainer, trained, with every picture', async ({ page }) => {
  const records = JSON.parse(readFileSync(STORE_RECORDS_FILE, 'utf8')) as RecordJson[];
  await seedStore(page, records);
  expect(await pictureFields(page)).toEqual(Array(12).fill(['jpeg']));

  await openEditor(page);
  await addImageModelExtension(page);
  const trainer = await openTrainer(page);
  const fivePictures = fill(trainerText.pictureCountOther, { count: 5 });
  for (const name of ['one', 'two']) {
    const card = classCard(trainer, name);
    await expect(card.getByText(fivePictures)).toBeVisible();
    // The thumbnails are the stored JPEGs, decoded by the browser.
    const thumbnail = card.getByRole('img').first();
    await expect(thumbnail).toBeVisible();
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(trainer.getByText(trainerText.hintTrained, { exact: true })).toBeVisible();

  await expect.poll(() => pictureFields(page)).toEqual(Array(12).fill(['encoded', 'mimeType']));
});
