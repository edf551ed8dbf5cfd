/** A file name (without its extension) made from a name the child typed, that every system accepts. */
export function safeFileName(name: string, fallback: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return safe || fallback;
}
