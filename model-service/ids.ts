/**
 * A random id for classes, pictures and model versions. Uses getRandomValues, which (unlike randomUUID) also
 * exists on plain-http pages such as a classroom server reached by its LAN address.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
