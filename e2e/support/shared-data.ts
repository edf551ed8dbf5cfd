// The shared data the tests use (never copied into the repository): found through IMAGE_MODEL_SHARED_DIR,
// by default the `shared` folder beside the repository.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const REPO_DIR = path.resolve(__dirname, '..', '..');

export function sharedDir(): string {
  const dir = path.resolve(process.env.IMAGE_MODEL_SHARED_DIR ?? path.join(REPO_DIR, '..', 'shared'));
  if (!existsSync(dir)) {
    throw new Error(
      `The shared data folder ${dir} does not exist. Set IMAGE_MODEL_SHARED_DIR to the folder that holds ` +
        'models/ and data/sign-digits/.',
    );
  }
  return dir;
}

export type Digit = 0 | 1 | 2 | 3 | 4;

/** Paths of the real photos of hands showing `digit` (100x100 JPEG, 40 per digit), in a stable order. */
export function signDigitPhotos(digit: Digit): string[] {
  const dir = path.join(sharedDir(), 'data', 'sign-digits', String(digit));
  if (!existsSync(dir)) throw new Error(`No photos in ${dir}: is IMAGE_MODEL_SHARED_DIR the right folder?`);
  return readdirSync(dir)
    .filter((name) => /\.jpe?g$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}
