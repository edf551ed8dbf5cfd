/** Characters some system refuses in a file name, control characters among them. */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const REFUSED_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name (without its extension) made from a name the child typed, that every system accepts. */
export function safeFileName(name: string, fallback: string): string {
  const safe = name.replace(REFUSED_IN_FILE_NAMES, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return safe || fallback;
}
