// "Download pictures": a class's pictures (the 224x224 squares the model learns from) as one zip, a folder named
// after the class holding 001.jpg, 002.jpg… in the trainer's order, ready to be added again anywhere.
import JSZip from 'jszip';
import { safeFileName } from '../../model-service/file-name';
import { pictureExtension, type EncodedPicture } from '../../pictures/picture-codec';

export interface PicturesZip {
  readonly fileName: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export async function picturesZip(className: string, pictures: readonly EncodedPicture[]): Promise<PicturesZip> {
  const folder = safeFileName(className, 'pictures');
  const digits = Math.max(3, String(pictures.length).length);
  const zip = new JSZip();
  for (const [index, picture] of pictures.entries()) {
    const name = `${String(index + 1).padStart(digits, '0')}.${pictureExtension(picture.mimeType)}`;
    zip.file(`${folder}/${name}`, await picture.encoded.arrayBuffer());
  }
  // The pictures are compressed already: stored as they are, the zip is made at once.
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  return { fileName: `${folder}.zip`, bytes: bytes as Uint8Array<ArrayBuffer> };
}
