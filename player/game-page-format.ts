// The game page's format: one .html file that carries every part of the player inline, so it opens from a USB
// stick (file://) or any host with no request at all. Each part is a <script type="application/octet-stream">
// block, gzip-compressed and then base64-encoded (the scripts shrink to a quarter; HTML holds only text). The build
// writes the player's own parts into a template (player/webpack.player.mjs); the editor's "Save as a web page"
// (editor/web-page/) adds the project, the base model and the page's words in the child's language.
//   build: scaffolding (TurboWarp's player), player (our extension, recognising only), engine (its worker), wasm
//   save:  project (.sb3 without pictures), base-model-json, base-model-weights, and the words (plain JSON)

export const BUILT_PARTS = ['scaffolding', 'player', 'engine', 'wasm'] as const;
export const WRITTEN_PARTS = ['project', 'base-model-json', 'base-model-weights'] as const;
export type PartName = (typeof BUILT_PARTS)[number] | (typeof WRITTEN_PARTS)[number];

/** Where the editor's parts go in the template (an HTML comment the build leaves for it). */
export const WRITTEN_PARTS_PLACEHOLDER = '<!--image-model:written-parts-->';
/** The page's <title> and `lang`, filled in by the editor. */
export const TITLE_PLACEHOLDER = '<!--image-model:title-->';
export const LANG_PLACEHOLDER = 'image-model-lang';

/** The words the page shows before our extension (with its catalogues) runs, in the language of the save. */
export interface GamePageWords {
  readonly start: string;
  readonly stop: string;
  readonly loading: string;
  /** The page could not start (a browser without what it needs, or a damaged file). */
  readonly failed: string;
}

const PART_ID_PREFIX = 'image-model-part-';
const WORDS_ID = 'image-model-words';

/** One part as its block in the page. Base64 holds no character that could end the <script> element. */
export function partElement(name: PartName, base64: string): string {
  return `<script type="application/octet-stream" id="${PART_ID_PREFIX}${name}">${base64}</script>`;
}

/** The words as their block: JSON with every `<` escaped, so no text can close the element. */
export function wordsElement(words: GamePageWords): string {
  return `<script type="application/json" id="${WORDS_ID}">${JSON.stringify(words).replaceAll('<', '\\u003c')}</script>`;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Base64 in slices: String.fromCharCode(...) on a whole megabyte would overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

async function throughStream(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** A part's text for the page (the browser's own gzip; the build uses Node's zlib, which writes the same format). */
export async function encodePart(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToBase64(await throughStream(bytes, new CompressionStream('gzip')));
}

export class MissingPartError extends Error {}

/** A part's bytes, read from this page. */
export async function readPart(name: PartName, page: Document = document): Promise<Uint8Array<ArrayBuffer>> {
  const element = page.getElementById(PART_ID_PREFIX + name);
  if (!element?.textContent) throw new MissingPartError(`the page has no ${name} part`);
  return throughStream(base64ToBytes(element.textContent.trim()), new DecompressionStream('gzip'));
}

/** Bytes as a data: URL, an address any script, worker or extension loader of the page can open. */
export function dataUrl(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the part could not be read'));
    reader.readAsDataURL(new Blob([bytes], { type }));
  });
}

export function readWords(page: Document = document): GamePageWords | null {
  try {
    return JSON.parse(page.getElementById(WORDS_ID)?.textContent ?? 'null') as GamePageWords | null;
  } catch {
    return null;
  }
}
