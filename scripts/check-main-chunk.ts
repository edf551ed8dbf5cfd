// `npm test`, right after the build: the editor page's initial chunks (what loads before any of our code runs) must
// hold no tfjs, and none of what only the extension needs. tfjs belongs to the engine's Web Worker; on the main
// thread it would cost every child the download and parse of the whole ML library before the editor even opens.
// The trainer, the model service and the blocks' adapter load when the extension is added (editor/app.tsx), and
// the Lab's own scratch-blocks when its "Build the network" tab opens. Reads the build's bundle-report.json
// (editor/build/bundle-report-plugin.cjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ChunkReport {
  readonly name: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly modules: readonly string[];
}

const ENTRY = 'editor';
/** What must wait, and where it belongs instead. */
const LATER: readonly (readonly [what: string, pattern: RegExp, where: string])[] = [
  ['tfjs', /(^|\/)node_modules\/@tensorflow(-models)?\//, "the engine's worker (tfjs-free code goes through engine/index.ts)"],
  // modal-ui/'s folders; the one hook at its root (use-translation.ts) is shared with the menu-bar entry.
  ['trainer', /^modal-ui\/.+\//, 'editor/image-model-parts.tsx, loaded with the extension'],
  // project-storage.ts is the project hooks' glue that decides when the service starts.
  ['model service', /^model-service\/(?!project-storage\.ts$)/, 'editor/image-model-parts.tsx, loaded with the extension'],
  // contract.ts holds the extension's id.
  ["the blocks' adapter", /^extension\/(?!contract\.ts$)/, 'editor/image-model-parts.tsx, loaded with the extension'],
  ['scratch-blocks', /(^|\/)node_modules\/scratch-blocks\//, 'the Lab\'s "Build the network" tab (a dynamic import)'],
];

const reportFile = path.resolve(process.env.DIST_DIR ?? 'dist', 'bundle-report.json');
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { entries: Record<string, readonly ChunkReport[] | undefined> };
const chunks = report.entries[ENTRY];
if (!chunks) throw new Error(`${reportFile} has no entry "${ENTRY}"`);

for (const chunk of chunks)
  console.log(`${ENTRY} initial chunk "${chunk.name}": ${chunk.bytes.toLocaleString('en')} bytes, ${chunk.modules.length} modules`);
for (const [what, pattern, where] of LATER) {
  const found = chunks.flatMap((chunk) =>
    chunk.modules.filter((module) => pattern.test(module)).map((module) => `${chunk.name}: ${module}`),
  );
  if (found.length === 0) continue;
  console.error(`The ${ENTRY} page's initial chunks hold ${found.length} ${what} modules, which belong in ${where}:`);
  for (const line of found.slice(0, 20)) console.error(`  ${line}`);
  console.error('Follow the static imports from editor/main.tsx to these.');
  process.exitCode = 1;
}
