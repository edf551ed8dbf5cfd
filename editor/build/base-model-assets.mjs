// The base model's weights beside the editor: the build copies the backbone into dist/models/, so dist/ works
// from any static web server without the internet, and editor/server/serve.ts serves the same folder during
// development. Both find it here, in the order the README documents. JavaScript with JSDoc types, as
// webpack.config.mjs (which imports it) is.
import { statSync } from 'node:fs';
import path from 'node:path';

/** The backbone editor/app.tsx loads from `./models/<this>/model.json` before trying Google's copy. */
export const BACKBONE_FOLDER = 'mobilenet-v2-0.35-224-backbone';

/** @param {string} dir */
function isDirectory(dir) {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * The first existing folder of weights (the one that holds `BACKBONE_FOLDER`), or null when there is none.
 * @param {string} repo the repository's root
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
export function findWeightsDir(repo, env = process.env) {
  const candidates = [
    env.IMAGE_MODEL_WEIGHTS_DIR,
    env.IMAGE_MODEL_SHARED_DIR && path.join(env.IMAGE_MODEL_SHARED_DIR, 'models'),
    path.join(repo, '..', 'shared', 'models'),
    path.join(repo, 'models-local'),
  ].filter((dir) => typeof dir === 'string' && dir !== '');
  return candidates.map((dir) => path.resolve(/** @type {string} */ (dir))).find(isDirectory) ?? null;
}

/**
 * copy-webpack-plugin patterns that put the backbone into `<dist>/models/`; none, with a message saying what that
 * means, when no weights folder with the backbone is found.
 * @param {string} repo
 * @returns {{ from: string, to: string, toType: 'dir' }[]}
 */
export function baseModelCopyPatterns(repo) {
  const weightsDir = findWeightsDir(repo);
  const backbone = weightsDir && path.join(weightsDir, BACKBONE_FOLDER);
  if (!backbone || !isDirectory(backbone)) {
    console.warn(
      `Base model: no ${BACKBONE_FOLDER}/ folder found (looked in $IMAGE_MODEL_WEIGHTS_DIR, $IMAGE_MODEL_SHARED_DIR/models,\n` +
        '  ../shared/models and models-local/), so dist/ has no models/ folder: the editor will load the base model from\n' +
        "  Google's address (storage.googleapis.com), which needs the internet on the first visit.",
    );
    return [];
  }
  console.log(`Base model: copying ${backbone} into models/ of the build`);
  // toType: the folder's name has a dot ("0.35"), which the plugin would take for a file's extension.
  return [{ from: backbone, to: `models/${BACKBONE_FOLDER}`, toType: 'dir' }];
}
