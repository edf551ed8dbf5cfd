// Webpack loader for @scratch/scratch-gui's prebuilt bundle. The bundle keeps its "Add Extension" library list
// private, so we make one asserted edit: where the library component receives its items, pass them through
// editor/library-tile/image-model-tile.ts, which puts our tile in front. The build fails unless the anchor occurs
// exactly once, so a GUI upgrade that moves it is noticed at once (e2e/editor-host.spec.ts covers the result).
const path = require('node:path');

// `data:<items>,filterable:!1,id:"extensionLibrary"`: the props the extension library passes to its list.
const ANCHOR = /data:([A-Za-z_$][\w$]*),filterable:!1,id:"extensionLibrary"/g;
const TILE_MODULE = path.join(__dirname, '..', 'library-tile', 'image-model-tile.ts');

module.exports = function patchExtensionLibrary(source) {
  const matches = source.match(ANCHOR) ?? [];
  if (matches.length !== 1) {
    throw new Error(
      `extension-library-patch: expected the extension library anchor exactly once in ${this.resourcePath}, ` +
      `found ${matches.length}. Was @scratch/scratch-gui upgraded? Update the anchor in ${__filename}.`,
    );
  }
  this.addDependency(TILE_MODULE);
  const tileModule = JSON.stringify(TILE_MODULE);
  return source.replace(
    ANCHOR,
    (_whole, items) => `data:require(${tileModule}).withImageModelTile(${items}),filterable:!1,id:"extensionLibrary"`,
  );
};
