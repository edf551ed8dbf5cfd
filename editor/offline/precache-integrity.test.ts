import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { integrityOf, verifiedResponse } from './precache-integrity';

const bytes = new TextEncoder().encode('console.log("the editor");');
const integrity = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

test('integrityOf writes the digest the way the build and Subresource Integrity do', async () => {
  assert.equal(await integrityOf(bytes.slice().buffer), integrity);
});

test('an intact cached file is answered with its body and headers', async () => {
  const cached = new Response(bytes, { headers: { 'Content-Type': 'text/javascript', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
  const answer = await verifiedResponse(cached, integrity);
  assert.ok(answer);
  assert.equal(await answer.text(), 'console.log("the editor");');
  assert.equal(answer.headers.get('Cross-Origin-Embedder-Policy'), 'require-corp');
});

test('garbage or a file cut short is refused, so the worker fetches it again', async () => {
  assert.equal(await verifiedResponse(new Response('not the editor at all'), integrity), null);
  assert.equal(await verifiedResponse(new Response(bytes.slice(0, 10)), integrity), null);
});
