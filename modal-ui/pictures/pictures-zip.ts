// "Download pictures": a class's pictures (the 224x224 squares the model learns from) as one zip, a folder named
// after the class holding 001.jpg, 002.jpg… in the trainer's order, ready to be added again anywhere.
import JSZip from 'jszip';
import { safeFileName } from '../../model-service/file-name';

export interface PicturesZip {
  readonly fileName: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export async function picturesZip(className: string, pictures: readonly { readonly jpeg: Blob }[]): Promise<PicturesZip> {
  const folder = safeFileName(className, 'pictures');
  const digits = Math.max(3, String(pictures.length).length);
  const zip = new JSZip();
  for (const [index, picture] of pictures.entries()) {
    zip.file(`${folder}/${String(index + 1).padStart(digits, '0')}.jpg`, await picture.jpeg.arrayBuffer());
  }
  // JPEGs are compressed already: stored as they are, the zip is made at once.
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  return { fileName: `${folder}.zip`, bytes: bytes as Uint8Array<ArrayBuffer> };
}
