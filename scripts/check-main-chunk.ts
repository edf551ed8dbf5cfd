// `npm test`, right after the build: the editor page's initial chunks (what loads before any of our code runs) must
// hold no tfjs. tfjs belongs to the engine's Web Worker; on the main thread it would cost every child the download
// and parse of the whole ML library before the editor even opens. Reads the build's bundle-report.json
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
const TFJS = /(^|\/)node_modules\/@tensorflow(-models)?\//;

const reportFile = path.resolve(process.env.DIST_DIR ?? 'dist', 'bundle-report.json');
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { entries: Record<string, readonly ChunkReport[] | undefined> };
const chunks = report.entries[ENTRY];
if (!chunks) throw new Error(`${reportFile} has no entry "${ENTRY}"`);

for (const chunk of chunks)
  console.log(`${ENTRY} initial chunk "${chunk.name}": ${chunk.bytes.toLocaleString('en')} bytes, ${chunk.modules.length} modules`);
const tfjs = chunks.flatMap((chunk) => chunk.modules.filter((module) => TFJS.test(module)).map((module) => `${chunk.name}: ${module}`));
if (tfjs.length > 0) {
  console.error(`The ${ENTRY} page's initial chunks hold ${tfjs.length} tfjs modules (tfjs must load only in the engine's worker):`);
  for (const line of tfjs.slice(0, 20)) console.error(`  ${line}`);
  console.error('Follow the imports from the main thread to these (tfjs-free code goes through engine/index.ts).');
  process.exitCode = 1;
}
