// Many files at once (a file picker, a drop): each decoded on its own, so one bad file never stops the others.
import { PictureError, pictureFromFile, type PictureRejection, type SquarePicture } from './square-picture';

export interface FileProblem {
  readonly fileName: string;
  readonly reason: PictureRejection;
}

export async function readPictureFiles(files: readonly File[]): Promise<{ pictures: SquarePicture[]; problems: FileProblem[] }> {
  const pictures: SquarePicture[] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    try {
      pictures.push(await pictureFromFile(file));
    } catch (error) {
      problems.push({ fileName: file.name, reason: error instanceof PictureError ? error.reason : 'picture/unreadable' });
    }
  }
  return { pictures, problems };
}
