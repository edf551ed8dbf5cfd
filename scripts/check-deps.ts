// `npm run check:deps`: the import rules of .dependency-cruiser.cjs over every folder of the product. Runs
// dependency-cruiser through its API: its command line refuses Node 20, which the project still supports.
import type { ICruiseOptions, IForbiddenRuleType } from 'dependency-cruiser';

const FOLDERS = ['engine', 'worker', 'store', 'project-file', 'model-service', 'extension', 'blocks', 'modal-ui', 'locales', 'editor', 'examples', 'hostile', 'e2e', 'bench', 'scripts'];

async function main(): Promise<void> {
  // dependency-cruiser is ESM only; this script runs as CommonJS like the project's other scripts.
  const { cruise } = await import('dependency-cruiser');
  const { default: extractTsConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, as dependency-cruiser expects
  const config = require('../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };
  const result = await cruise(
    FOLDERS,
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
