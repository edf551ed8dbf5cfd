// Webpack plugin: writes bundle-report.json next to the build, listing for each entry the chunks the page loads
// before any of our code runs (its initial chunks), and every chunk of the build (also those loaded later), with
// their minified size and every module they hold. scripts/check-main-chunk.ts reads it to prove the editor's page
// starts without tfjs and the trainer; e2e/lazy-loading.spec.ts to tell which files the browser fetched.
const path = require('node:path');

const REPORT_FILE = 'bundle-report.json';

/**
 * The files a module stands for (a concatenated module holds several): relative to the project, and packages from
 * `node_modules/` on wherever node_modules really lives.
 * @param {import('webpack').Module} module
 * @param {string} context
 * @returns {string[]}
 */
function modulePaths(module, context) {
  // A concatenated module lists the modules it holds.
  const held = /** @type {{ modules?: Iterable<import('webpack').Module> }} */ (module).modules;
  const inner = held ? [...held] : [module];
  return inner.map((each) => {
    const resource = each.nameForCondition?.() ?? each.identifier();
    const relative = path.isAbsolute(resource) ? path.relative(context, resource).replaceAll('\\', '/') : resource;
    const packages = relative.indexOf('node_modules/');
    return packages === -1 ? relative : relative.slice(packages);
  });
}

class BundleReportPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.thisCompilation.tap(BundleReportPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minimising, so the sizes are what the browser downloads.
        { name: BundleReportPlugin.name, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          /** @param {import('webpack').Chunk} chunk */
          const describe = (chunk) => ({
            name: chunk.name ?? String(chunk.id),
            files: [...chunk.files],
            bytes: [...chunk.files].reduce((sum, file) => sum + (compilation.getAsset(file)?.source.size() ?? 0), 0),
            modules: [...compilation.chunkGraph.getChunkModulesIterable(chunk)]
              .flatMap((module) => modulePaths(module, compiler.context))
              .sort(),
          });
          /** @type {Record<string, ReturnType<typeof describe>[]>} */
          const entries = {};
          for (const [name, entrypoint] of compilation.entrypoints) entries[name] = entrypoint.chunks.map(describe);
          const json = JSON.stringify({ entries, chunks: [...compilation.chunks].map(describe) }, null, 2);
          compilation.emitAsset(REPORT_FILE, new compiler.webpack.sources.RawSource(json), { minimized: true });
        },
      );
    });
  }
}

module.exports = { BundleReportPlugin };
