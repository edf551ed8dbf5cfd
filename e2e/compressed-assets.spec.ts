// The build's precompressed copies reach the browser: a first visit's scripts arrive brotli-encoded and decode to
// the built bytes, a client without brotli gets gzip, one with neither gets the file as it is.
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, openEditor, test } from './support';

const distDir = path.resolve(__dirname, '..', process.env.DIST_DIR ?? 'dist');

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The server's answer byte for byte: Node's http client, unlike a browser, decodes nothing. */
function rawGet(url: string, headers: Readonly<Record<string, string>>, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a first visit gets the editor scripts brotli-encoded, each decoding to the built bytes', async ({ page, baseURL }) => {
  const scripts: { url: string; encoding: string | undefined }[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.js'))
      scripts.push({ url: response.url(), encoding: response.headers()['content-encoding'] });
  });
  await openEditor(page);
  const gui = scripts.find(({ url }) => /\/scratch-gui\.[0-9a-f]{8}\.js$/.test(url));
  expect(gui, 'the GUI bundle was loaded').toBeDefined();
  // Scripts too small to be worth compressing have no copy and come as they are.
  const hasBrotliCopy = ({ url }: { url: string }) => existsSync(path.join(distDir, `${new URL(url).pathname}.br`));
  expect(scripts.filter(hasBrotliCopy).filter(({ encoding }) => encoding !== 'br')).toEqual([]);

  const pathname = new URL(gui?.url ?? '', baseURL).pathname;
  const original = readFileSync(path.join(distDir, pathname));
  const brotli = await rawGet(`${baseURL}${pathname}`, { 'Accept-Encoding': 'gzip, deflate, br' });
  expect(brotli.headers['content-encoding']).toBe('br');
  expect(brotli.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(brotli.headers.vary).toBe('Accept-Encoding');
  expect(brotli.headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length);
  expect(brotli.body.length).toBeLessThan(original.length / 2);
  expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);
});

test('a client without brotli gets gzip, one with neither the file as it is, and HEAD the same headers', async ({ baseURL }) => {
  const index = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const script = /src="\/?(editor\.[0-9a-f]{8}\.js)"/.exec(index)?.[1];
  expect(script, "index.html names the editor's script").toBeDefined();
  const url = `${baseURL}/${script}`;
  const original = readFileSync(path.join(distDir, script ?? ''));

  const gzip = await rawGet(url, { 'Accept-Encoding': 'gzip, br;q=0' });
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
  expect(gunzipSync(gzip.body).equals(original)).toBe(true);

  for (const acceptEncoding of ['identity', 'deflate', 'br;q=0, gzip;q=0']) {
    const plain = await rawGet(url, { 'Accept-Encoding': acceptEncoding });
    expect(plain.headers['content-encoding'], acceptEncoding).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(original), acceptEncoding).toBe(true);
  }

  const head = await rawGet(url, { 'Accept-Encoding': 'br' }, 'HEAD');
  expect(head.status).toBe(200);
  expect(head.headers['content-encoding']).toBe('br');
  expect(Number(head.headers['content-length'])).toBe(readFileSync(path.join(distDir, `${script}.br`)).length);
  expect(head.body.length).toBe(0);
});
