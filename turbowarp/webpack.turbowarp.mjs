// The TurboWarp extension's build (turbowarp/image-model-turbowarp.tsx → dist/turbowarp/image-model.js), derived
// from the editor's configuration so both compile our code alike (loaders, fallbacks, the minimiser's tfjs
// setting). It runs after the editor's build, whose `clean` would otherwise remove its files.
// The extension file finds its other files by its own address (publicPath 'auto': the <script> TurboWarp adds):
// the engine worker's chunk beside it, the WASM files and the base model in dist/ (turbowarp/start-engine.ts).
import path from 'node:path';

export const TURBOWARP_EXTENSION_FILE = 'turbowarp/image-model.js';

/**
 * @param {import('webpack').Configuration & { output: { path: string } }} editor the editor's configuration
 * @returns {import('webpack').Configuration}
 */
export function turbowarpConfig(editor) {
  const production = editor.mode !== 'development';
  return {
    name: 'turbowarp',
    dependencies: [/** @type {string} */ (editor.name)],
    mode: editor.mode,
    context: editor.context,
    entry: { 'image-model': './turbowarp/image-model-turbowarp.tsx' },
    output: {
      path: path.join(editor.output.path, path.dirname(TURBOWARP_EXTENSION_FILE)),
      filename: path.basename(TURBOWARP_EXTENSION_FILE),
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: 'auto',
      clean: false,
    },
    devtool: production ? false : 'cheap-module-source-map',
    resolve: editor.resolve,
    module: {
      ...editor.module,
      parser: {
        // The engine worker started across origins (turbowarp/cross-origin-worker.ts) is bundled like a Worker.
        javascript: { worker: ['CrossOriginWorker from ./cross-origin-worker', '...'] },
      },
    },
    // No shared chunks: the engine worker is then one script (importScripts() from a blob worker cannot find
    // further chunks by its own address).
    optimization: { minimizer: editor.optimization?.minimizer, splitChunks: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}
