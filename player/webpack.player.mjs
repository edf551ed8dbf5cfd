// The game page's build (player/): our extension for TurboWarp's player, recognising only, its engine worker and
// the page's first script, put with TurboWarp's scaffolding and tfjs's SIMD WASM into one template,
// dist/web-page/game-page.html, that the editor's "Save as a web page" fills in (player/game-page-format.ts).
// Derived from the editor's configuration, as the TurboWarp file's is (turbowarp/webpack.turbowarp.mjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);

export const GAME_PAGE_TEMPLATE = 'web-page/game-page.html';
const SCAFFOLDING = require.resolve('@turbowarp/packager/dist/scaffolding/scaffolding-min.js');
const WASM_SIMD = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
const BUILT_PARTS_PLACEHOLDER = '<!--image-model:built-parts-->';
const BOOT_PLACEHOLDER = '<!--image-model:boot-->';
const LICENCES_PLACEHOLDER = '<!--image-model:licences-->';

/** What the page is made of and under which licences: the page travels without the repository beside it. */
const LICENCE_HEADER = `Image Model blocks (AGPL-3.0-only) and, inside this page, TurboWarp's project player
(@turbowarp/packager's scaffolding-min.js, MPL-2.0) and tfjs (Apache-2.0), with the notices their builds keep:`;

/**
 * Each built part: the webpack asset or the file it comes from (the names match game-page-format.ts).
 * @type {readonly (readonly [string, { readonly asset: string } | { readonly file: string }])[]}
 */
const PARTS = [
  ['scaffolding', { file: SCAFFOLDING }],
  ['player', { asset: 'image-model-player.js' }],
  ['engine', { asset: 'engine.js' }],
  ['wasm', { file: WASM_SIMD }],
];

/** Assembles the template once the scripts are minified, and keeps only it: the scripts travel inside. */
class GamePageTemplatePlugin {
  /** @param {string} template the template's source file */
  constructor(template) {
    this.template = template;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { webpack } = compiler;
    compiler.hooks.thisCompilation.tap(GamePageTemplatePlugin.name, (compilation) => {
      compilation.fileDependencies.add(this.template);
      compilation.hooks.processAssets.tap(
        { name: GamePageTemplatePlugin.name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        () => {
          /** @param {string} name */
          const takeAsset = (name) => {
            const asset = compilation.getAsset(name);
            if (!asset) throw new Error(`${GamePageTemplatePlugin.name}: the build has no ${name}`);
            compilation.deleteAsset(name);
            return asset.source.buffer();
          };
          const parts = PARTS.map(([name, from]) => {
            const bytes = 'asset' in from ? takeAsset(from.asset) : readFileSync(from.file);
            const base64 = zlib.gzipSync(bytes, { level: 9 }).toString('base64');
            return `<script type="application/octet-stream" id="image-model-part-${name}">${base64}</script>`;
          });
          const boot = takeAsset('boot.js').toString('utf8');
          if (/<\/script/i.test(boot)) throw new Error(`${GamePageTemplatePlugin.name}: boot.js must not contain "</script"`);
          const notices = [readFileSync(`${SCAFFOLDING}.LICENSE.txt`, 'utf8')];
          for (const name of compilation.getAssets().map((asset) => asset.name)) {
            if (name.endsWith('.LICENSE.txt')) notices.push(takeAsset(name).toString('utf8'));
          }
          // In an HTML comment, which only "--" could end early.
          const licences = `<!--\n${[LICENCE_HEADER, ...notices].join('\n').replaceAll('--', '- -')}\n-->`;
          const html = readFileSync(this.template, 'utf8')
            .replace(BUILT_PARTS_PLACEHOLDER, () => parts.join('\n'))
            .replace(BOOT_PLACEHOLDER, () => `<script>${boot}</script>`)
            .replace(LICENCES_PLACEHOLDER, () => licences);
          compilation.emitAsset(path.basename(GAME_PAGE_TEMPLATE), new webpack.sources.RawSource(html), { minimized: true });
        },
      );
    });
  }
}

/**
 * @param {import('webpack').Configuration & { output: { path: string } }} editor the editor's configuration
 * @returns {import('webpack').Configuration}
 */
export function playerConfig(editor) {
  const context = /** @type {string} */ (editor.context);
  return {
    name: 'player',
    dependencies: [/** @type {string} */ (editor.name)],
    mode: editor.mode,
    context,
    entry: {
      boot: './player/boot.ts',
      'image-model-player': './player/image-model-player.tsx',
      engine: './worker/engine-worker.ts',
    },
    output: {
      path: path.join(editor.output.path, path.dirname(GAME_PAGE_TEMPLATE)),
      filename: '[name].js',
      // Every part is one script with no address of its own: nothing may be loaded later by URL.
      asyncChunks: false,
      publicPath: '',
      clean: false,
    },
    devtool: false,
    resolve: editor.resolve,
    module: editor.module,
    optimization: { minimizer: editor.optimization?.minimizer, splitChunks: false, runtimeChunk: false },
    plugins: [new GamePageTemplatePlugin(path.join(context, 'player/game-page.html'))],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}
