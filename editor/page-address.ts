// A page address that opens the editor with Image Model already added, e.g. http://127.0.0.1:8601/?extension=image-model:
// for a link a teacher hands out, and for screens that cut off the editor's "Add Extension" button.

/** The value of the `extension` parameter that asks for Image Model. */
export const IMAGE_MODEL_ADDRESS_VALUE = 'image-model';

/** Whether the address's query (location.search) asks for Image Model. */
export function addressAsksForImageModel(search: string): boolean {
  return new URLSearchParams(search).getAll('extension').some((value) => value.trim().toLowerCase() === IMAGE_MODEL_ADDRESS_VALUE);
}
