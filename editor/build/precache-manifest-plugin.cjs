// Webpack plugin for the offline copy (editor/offline/service-worker.ts): writes into the service worker the list
// of files it precaches, each with its SHA-256 (revision and Subresource Integrity), and the web app manifest that
// makes the editor installable; it also tells the page whether the build wants the service worker at all.
//
// Not workbox-webpack-plugin's InjectManifest: it does not install from this registry (its babel helper version is
// missing), and it would rebuild the worker in a child compiler; this plugin only reads the finished assets of the
// one compilation, after their names are hashed, and replaces one placeholder.
const { createHash } = require('node:crypto');

/** The placeholder in service-worker.ts the list replaces. */
const PLACEHOLDER = 'self.__IMAGE_MODEL_PRECACHE__';
const MANIFEST_FILE = 'manifest.webmanifest';

/**
 * What the editor needs to start, add Image Model, train, recognise and save with no network: the page, every
 * script of ours and the GUI's (not its source maps or licences), the GUI's own chunks except MediaPipe (face
 * sensing, 20 MB), the block icons, the extension library's tiles, tfjs's WASM and the base model when the build
 * holds it. Left out (kept at run time once opened, see KEPT_FOLDERS in the worker): the GUI's tutorials in every
 * language, its sprite and sound library lists (their pictures come from Scratch's own servers) and the micro:bit
 * firmware: together about 70 MB.
 */
const PRECACHED = [
  /^index\.html$/,
  new RegExp(`^${MANIFEST_FILE.replace('.', '\\.')}$`),
  /^[^/]+\.(js|svg)$/,
  /^chunks\/[^/]+\.js$/,
  /^static\/blocks-media\/default\//,
  // Icons and the hardware extensions' pictures; not the 2 MB logo of a themed menu bar the editor does not use.
  /^static\/assets\/(?!nineties_logo)[^/]+\.svg$/,
  // The "Choose an Extension" library's pictures.
  /^static\/assets\/(boost|ev3|faceSensing|gdxfor|makeymakey|microbit|music|pen|text2speech|translate|video-sensing|wedo)\.[0-9a-f]+\.png$/,
  /^assets\//,
  /^tfjs-wasm\/[^/]+\.wasm$/,
  /^models\//,
];
/** webpack's and the GUI's hashed names, e.g. editor.94d4010a.js, 540.e07bd5718be03f2aaa6f.js. */
const CONTENT_HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;
/** Copies for transfer (.br, .gz) and files no browser asks for. */
const NEVER = /\.(br|gz|map|LICENSE\.txt)$|^bundle-report\.json$/;

class PrecacheManifestPlugin {
  /**
   * @param {{ serviceWorker: string; appName: string; icon: string; enabled: boolean }} options `serviceWorker`
   *   is the worker's file in dist/, `icon` a square SVG in dist/, `enabled` false builds an editor that never
   *   registers the worker and removes one an older build left (IMAGE_MODEL_OFFLINE=0).
   */
  constructor(options) {
    this.options = options;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { webpack } = compiler;
    new webpack.DefinePlugin({ IMAGE_MODEL_OFFLINE_BUILD: JSON.stringify(this.options.enabled) }).apply(compiler);
    compiler.hooks.thisCompilation.tap(PrecacheManifestPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PrecacheManifestPlugin.name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset(MANIFEST_FILE, new webpack.sources.RawSource(this.webAppManifest())),
      );
      compilation.hooks.processAssets.tap(
        // After minifying and hashing (every name and byte is final), before the .br/.gz copies are made.
        { name: PrecacheManifestPlugin.name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH + 1 },
        () => this.injectList(compilation),
      );
    });
  }

  /** @param {import('webpack').Compilation} compilation */
  injectList(compilation) {
    const { serviceWorker } = this.options;
    const worker = compilation.getAsset(serviceWorker);
    if (!worker) throw new Error(`${PrecacheManifestPlugin.name}: the build has no ${serviceWorker}`);
    const entries = [];
    let bytes = 0;
    for (const asset of compilation.getAssets()) {
      const url = asset.name;
      if (url === serviceWorker || NEVER.test(url) || !PRECACHED.some((pattern) => pattern.test(url))) continue;
      const content = asset.source.buffer();
      const digest = createHash('sha256').update(content).digest();
      // A name with its content hash needs no revision, so Workbox may take it from the HTTP cache the page just
      // filled (the server marks those immutable) instead of downloading it again.
      const revision = CONTENT_HASHED.test(url) ? null : digest.toString('hex').slice(0, 16);
      entries.push({ url, revision, integrity: `sha256-${digest.toString('base64')}` });
      bytes += content.length;
    }
    entries.sort((a, b) => a.url.localeCompare(b.url));
    const code = worker.source.source().toString();
    const at = code.indexOf(PLACEHOLDER);
    if (at === -1 || code.indexOf(PLACEHOLDER, at + 1) !== -1) {
      throw new Error(`${PrecacheManifestPlugin.name}: ${serviceWorker} must name ${PLACEHOLDER} exactly once`);
    }
    const list = JSON.stringify({ entries, bytes });
    const filled = code.slice(0, at) + `(${list})` + code.slice(at + PLACEHOLDER.length);
    compilation.updateAsset(serviceWorker, new compilation.compiler.webpack.sources.RawSource(filled));
    console.log(`Offline copy: ${entries.length} files, ${(bytes / 1e6).toFixed(1)} MB (${serviceWorker})`);
  }

  /** Installable on a Chromebook: a name, a square icon, its own window, and the folder it was opened from. */
  webAppManifest() {
    const { appName, icon } = this.options;
    return JSON.stringify(
      {
        name: appName,
        short_name: 'Image Model',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#855cd6',
        icons: [{ src: icon, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      null,
      2,
    );
  }
}

module.exports = { PrecacheManifestPlugin };
