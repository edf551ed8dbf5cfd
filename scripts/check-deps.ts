// `npm run check:deps`: the import rules of .dependency-cruiser.cjs over every folder of the product. Runs
// dependency-cruiser through its API so the folders come from tsconfig.json's `include`, not a second list.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ICruiseOptions, IForbiddenRuleType } from 'dependency-cruiser';

async function main(): Promise<void> {
  // dependency-cruiser is ESM only; this script runs as CommonJS like the project's other scripts.
  const { cruise } = await import('dependency-cruiser');
  const { default: extractTsConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  // The config is CommonJS, as dependency-cruiser's own loader expects.
  const config = createRequire(__filename)('../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };
  // Every folder the typecheck covers.
  const { include } = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { include: string[] };
  const result = await cruise(
    include,
    { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'err-long' },
    {},
    { tsConfig: extractTsConfig('tsconfig.json') },
  );
  process.stdout.write(String(result.output));
  process.exitCode = result.exitCode;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
