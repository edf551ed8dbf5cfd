// Checks a cached file against the digest the build wrote for it (Subresource Integrity form, "sha256-<base64>").
// Used by the service worker on every precached answer, so a cache entry that was cut short or overwritten is
// never handed to the editor: the worker fetches the file again instead.

/** The `integrity` value of `bytes`, as the build writes it (editor/build/precache-manifest-plugin.cjs). */
export async function integrityOf(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha256-${btoa(binary)}`;
}

/**
 * The cached response as a fresh Response when its body matches `integrity`, else null. Reads the body once
 * (a cached file is on disk, so this costs a read and one SHA-256, about 0.1 s for the 17 MB GUI bundle).
 */
export async function verifiedResponse(cached: Response, integrity: string): Promise<Response | null> {
  let body: ArrayBuffer;
  try {
    body = await cached.arrayBuffer();
  } catch {
    return null;
  }
  if ((await integrityOf(body)) !== integrity) return null;
  return new Response(body, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
}
