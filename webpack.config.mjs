// Builds dist/: the official Scratch editor (its prebuilt bundle, not re-minified), our host page, the engine
// worker and the files the editor and tfjs fetch at run time. JavaScript with JSDoc types, which `npm run typecheck`
// checks: webpack-cli loads a TypeScript config only through a register package we do not install.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import CompressionPlugin from 'compression-webpack-plugin';
import CopyPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { baseModelCopyPatterns } from './editor/build/base-model-assets.mjs';
import { MEDIAPIPE_HANDS_DIR, MEDIAPIPE_HANDS_FILES, mediapipeHandsSource } from './editor/build/mediapipe-hands-files.mjs';
import { BundleReportPlugin } from './editor/build/bundle-report-plugin.cjs';
import { turbowarpConfig } from './turbowarp/webpack.turbowarp.mjs';
import { PrecacheManifestPlugin } from './editor/build/precache-manifest-plugin.cjs';

const require = createRequire(import.meta.url);
// Webpack's own minimiser, resolved through webpack (which depends on it) rather than as our dependency.
const TerserPlugin = createRequire(require.resolve('webpack'))('terser-webpack-plugin');
const root = path.dirname(fileURLToPath(import.meta.url));
const guiDist = path.dirname(require.resolve('@scratch/scratch-gui'));
const tfjsWasmDist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

/** The GUI's own bundle: already minified upstream (Terser on 17 MB costs minutes on 2 cores). */
const GUI_CHUNK = 'scratch-gui';
/** scratch-blocks for the Lab's network editor, loaded only when that tab opens; also minified upstream. */
const BLOCKS_CHUNK = 'scratch-blocks';
const PREMINIFIED_CHUNKS = new Set([GUI_CHUNK, BLOCKS_CHUNK]);

/**
 * Text, WASM and TensorFlow Lite models (MediaPipe's hand landmark model: 5.5 MB, 3.6 MB as brotli), which
 * compress well; images, audio and fonts arrive compressed already.
 */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|wasm|svg|txt|hex|tflite)$/;
/** Below this many bytes the headers of a second request cost about what compression saves. */
const COMPRESS_THRESHOLD = 1024;

/**
 * `<file>.br` and `<file>.gz` beside each compressible asset, sent by editor/server/serve.ts to the clients that
 * accept them. Brotli 9, not 11: on 2 cores the 17 MB GUI bundle takes 3 s at 9 (4.64 MB) and 28 s at 11 (4.27 MB),
 * and the whole build 48 s instead of 115 s (40 s without compression). Gzip 9 costs 0.5 s there (5.66 MB).
 * @returns {import('webpack').WebpackPluginInstance[]}
 */
function precompressionPlugins() {
  // A copy that saves under a tenth of the bytes is not worth a second file.
  // The bundle report is read by scripts/check-main-chunk.ts on disk, never fetched by a browser.
  const common = { test: COMPRESSIBLE, exclude: /bundle-report\.json$/, threshold: COMPRESS_THRESHOLD, minRatio: 0.9 };
  return [
    new /** @type {typeof CompressionPlugin<import('node:zlib').BrotliOptions>} */ (CompressionPlugin)({
      ...common,
      filename: '[path][base].br',
      algorithm: 'brotliCompress',
      compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } },
    }),
    new CompressionPlugin({ ...common, filename: '[path][base].gz', algorithm: 'gzip', compressionOptions: { level: 9 } }),
  ];
}

/**
 * Marks the chunks minified upstream so the production minimiser skips them; webpack's Terser plugin honours the
 * `minimized` asset flag, so this needs no direct dependency on it.
 */
class SkipMinifyingPreminifiedChunks {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.thisCompilation.tap(SkipMinifyingPreminifiedChunks.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: SkipMinifyingPreminifiedChunks.name, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          for (const chunk of compilation.chunks) {
            if (!chunk.name || !PREMINIFIED_CHUNKS.has(chunk.name)) continue;
            for (const file of chunk.files) compilation.updateAsset(file, (source) => source, { minimized: true });
          }
        },
      );
    });
  }
}

/**
 * @param {unknown} _env
 * @param {{ mode?: string }} argv
 * @returns {import('webpack').Configuration[]}
 */
export default (_env, argv) => {
  const production = argv.mode !== 'development';
  /** @type {import('webpack').Configuration & { output: { path: string } }} */
  const editor = {
    name: 'editor',
    mode: production ? 'production' : 'development',
    context: root,
    entry: {
      editor: './editor/main.tsx',
      // The offline copy's worker: a fixed name beside the page (its scope), no chunks of its own.
      'service-worker': { import: './editor/offline/service-worker.ts', filename: 'service-worker.js', chunkLoading: false },
    },
    output: {
      // DIST_DIR lets two builds (e.g. two developers' test runs) live side by side.
      path: path.resolve(root, process.env.DIST_DIR ?? 'dist'),
      // Everything sits at the root of dist/: the GUI finds static/ and chunks/ next to its script.
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      clean: true,
    },
    devtool: production ? false : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
      // The GUI bundle and tfjs's WASM backend mention Node built-ins they never use in a browser.
      fallback: { util: false, fs: false, path: false, crypto: false, os: false, worker_threads: false, perf_hooks: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Types are checked by `npm run typecheck`; the build only transpiles (much faster on 2 cores).
          use: { loader: 'ts-loader', options: { transpileOnly: true } },
        },
        {
          // Our tile in the "Add Extension" library, block refreshes without warnings (see the loader's asserted edits).
          test: /[\\/]@scratch[\\/]scratch-gui[\\/]dist[\\/]scratch-gui\.js$/,
          use: { loader: path.join(root, 'editor/build/scratch-gui-patches.cjs') },
        },
        { test: /\.css$/, exclude: /node_modules/, use: ['style-loader', 'css-loader'] },
        { test: /\.(svg|png|jpe?g)$/, exclude: /node_modules/, type: 'asset/resource' },
      ],
    },
    optimization: {
      minimizer: [
        new TerserPlugin({
          terserOptions: {
            // tfjs's threaded WASM backend starts its threads from the source text of one function
            // (Function#toString); turning its `typeof _scriptDir !== "undefined"` guard into a plain
            // comparison makes those threads throw "ReferenceError: <name> is not defined".
            compress: { typeofs: false },
          },
        }),
      ],
      splitChunks: {
        cacheGroups: {
          [GUI_CHUNK]: {
            test: /[\\/]@scratch[\\/]scratch-gui[\\/]dist[\\/]scratch-gui\.js$/,
            name: GUI_CHUNK,
            chunks: 'all',
            enforce: true,
          },
          [BLOCKS_CHUNK]: {
            test: /[\\/]node_modules[\\/]scratch-blocks[\\/]/,
            name: BLOCKS_CHUNK,
            chunks: 'async',
            enforce: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new SkipMinifyingPreminifiedChunks(),
      new BundleReportPlugin(),
      new HtmlWebpackPlugin({
        template: './editor/index.html',
        chunks: ['editor'],
        title: 'Scratch with Image Model',
        favicon: './editor/library-tile/image-model-inset.svg',
      }),
      new CopyPlugin({
        // Copied files ship as they are (`minimized` keeps the minimiser off the GUI's prebuilt scripts).
        patterns: [
          { from: path.join(guiDist, 'static'), to: 'static' },
          { from: path.join(guiDist, 'chunks'), to: 'chunks', globOptions: { ignore: ['**/*.map'] } },
          { from: path.join(guiDist, 'libraries'), to: 'libraries' },
          // The VM starts its extension worker relative to the page's URL.
          { from: path.join(guiDist, 'extension-worker.js'), to: '.' },
          { from: path.join(guiDist, '*.hex').replaceAll('\\', '/'), to: '[name][ext]' },
          { from: path.join(tfjsWasmDist, '*.wasm').replaceAll('\\', '/'), to: 'tfjs-wasm/[name][ext]' },
          // The base model, so dist/ needs no internet on any static host.
          ...baseModelCopyPatterns(root),
          // MediaPipe Hands for Hands models (hands/), loaded only when a finder starts; kept offline once used.
          ...MEDIAPIPE_HANDS_FILES.map((file) => ({ from: path.join(mediapipeHandsSource(), file), to: `${MEDIAPIPE_HANDS_DIR}/${file}` })),
        ].map((pattern) => ({ ...pattern, info: { minimized: true } })),
      }),
      new PrecacheManifestPlugin({
        serviceWorker: 'service-worker.js',
        appName: 'Scratch with Image Model',
        icon: 'image-model-inset.svg',
        enabled: production && process.env.IMAGE_MODEL_OFFLINE !== '0',
      }),
      ...(production ? precompressionPlugins() : []),
    ],
    stats: 'errors-warnings',
  };
  // The TurboWarp extension file, dist/turbowarp/image-model.js (turbowarp/webpack.turbowarp.mjs).
  return [editor, turbowarpConfig(editor)];
};
