// The writer fills the template's placeholders: the title escaped, every written part readable again as the
// player reads it (gzip + base64), the words in their JSON block; a template without the placeholders is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { LANG_PLACEHOLDER, TITLE_PLACEHOLDER, WRITTEN_PARTS_PLACEHOLDER } from '../../player/game-page-format';
import { StaleTemplateError, writeGamePage } from './game-page-writer';

const TEMPLATE = `<html lang="${LANG_PLACEHOLDER}"><title>${TITLE_PLACEHOLDER}</title><body>${WRITTEN_PARTS_PLACEHOLDER}</body></html>`;
const WORDS = { start: 'Start', stop: 'Stop', loading: 'Loading…', failed: 'It </script> broke' };

function part(html: string, name: string): Buffer {
  const base64 = new RegExp(`id="image-model-part-${name}">([^<]*)<`).exec(html)?.[1];
  assert.ok(base64, `the page has a ${name} part`);
  return zlib.gunzipSync(Buffer.from(base64, 'base64'));
}

const content = (template: string) => ({
  template,
  project: new Uint8Array([1, 2, 3]),
  baseModel: { json: new TextEncoder().encode('{"weightsManifest":[]}'), weights: new Uint8Array(70_000).fill(9) },
  title: 'Rock <b>&</b> "paper" $&',
  lang: 'ko',
  words: WORDS,
});

test('the page carries the project, the base model and the words, and its title cannot add markup', async () => {
  const html = await writeGamePage(content(TEMPLATE));
  assert.match(html, /<html lang="ko"><title>Rock &lt;b&gt;&amp;&lt;\/b&gt; &quot;paper&quot; \$&amp;<\/title>/);
  assert.deepEqual([...part(html, 'project')], [1, 2, 3]);
  assert.equal(part(html, 'base-model-json').toString(), '{"weightsManifest":[]}');
  assert.equal(part(html, 'base-model-weights').length, 70_000);
  const words = /<script type="application\/json" id="image-model-words">(.*?)<\/script>/.exec(html)?.[1];
  assert.ok(words && !words.includes('</script'));
  assert.deepEqual(JSON.parse(words), WORDS);
});

test('a template from another version, without the placeholders, is refused', async () => {
  await assert.rejects(writeGamePage(content('<html></html>')), StaleTemplateError);
});
