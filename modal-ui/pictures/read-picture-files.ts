// Many files at once (a file picker, a drop): each decoded on its own, so one bad file never stops the others,
// and a few at a time, so a drop of 400 files never sits decoded in memory at once (80 MB of pixels).
import { PictureError, pictureFromFile, type PictureRejection, type SquarePicture } from './square-picture';

export interface FileProblem {
  readonly fileName: string;
  readonly reason: PictureRejection;
}

const DECODE_BATCH = 8;

/** Hands each batch of good pictures to `take` (awaited before decoding more); returns the files refused. */
export async function readPictureFiles(
  files: readonly File[],
  take: (pictures: readonly SquarePicture[]) => Promise<void>,
): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (let start = 0; start < files.length; start += DECODE_BATCH) {
    const pictures: SquarePicture[] = [];
    for (const file of files.slice(start, start + DECODE_BATCH)) {
      try {
        pictures.push(await pictureFromFile(file));
      } catch (error) {
        problems.push({ fileName: file.name, reason: error instanceof PictureError ? error.reason : 'picture/unreadable' });
      }
    }
    if (pictures.length > 0) await take(pictures);
  }
  return problems;
}
