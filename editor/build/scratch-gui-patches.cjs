// Webpack loader for @scratch/scratch-gui's prebuilt bundle, which keeps the parts we need private. Each patch is
// one asserted edit, most handing a value to a module of ours. The build fails unless every anchor occurs exactly
// once, so a GUI upgrade that moves one is noticed at once (e2e/editor-host.spec.ts, e2e/editor-console.spec.ts and
// e2e/school-server.spec.ts cover the results). CommonJS with JSDoc types (checked by `npm run typecheck`): webpack loads loaders itself.
const path = require('node:path');

const editorDir = path.join(__dirname, '..');

/**
 * One asserted edit: `anchor` must match exactly once; `replace` gets our module's path (as a string literal; none
 * for an edit that needs no module of ours), the whole match and its groups.
 * @typedef {{ name: string, anchor: RegExp, module?: string, replace: (module: string, whole: string, ...groups: string[]) => string }} Patch
 */

/** @type {readonly Patch[]} */
const PATCHES = [
  {
    name: 'extension library',
    // `data:<items>,filterable:!1,id:"extensionLibrary"`: the props the "Add Extension" library passes to its list.
    // Our tile goes in front.
    anchor: /data:([A-Za-z_$][\w$]*),filterable:!1,id:"extensionLibrary"/g,
    module: path.join(editorDir, 'library-tile', 'image-model-tile.ts'),
    replace: (module, _whole, items) => `data:require(${module}).withImageModelTile(${items}),filterable:!1,id:"extensionLibrary"`,
  },
  {
    name: 'blocks info update',
    // The code area answers a refreshed extension (every language change, every palette update) by defining all
    // its blocks again, and Blockly warns once per block that it "overwrites previous definition" (the GUI's own
    // "@todo ... avoid all the warnings from redefining blocks"). Its old definitions are forgotten first.
    anchor: /handleBlocksInfoUpdate\(([A-Za-z_$][\w$]*)\)\{this\.handleExtensionAdded\(\1\)\}/g,
    module: path.join(editorDir, 'block-definitions', 'forget-extension-blocks.ts'),
    replace: (module, _whole, category) =>
      `handleBlocksInfoUpdate(${category}){require(${module}).forgetExtensionBlocks(this.ScratchBlocks.Blocks,${category}),this.handleExtensionAdded(${category})}`,
  },
  {
    name: 'asset fetch worker',
    // scratch-storage's own bundle starts its fetch worker from the site's root ("/chunks/fetch-worker.….js"),
    // which misses under a path prefix such as https://school.example/ai/; an empty public path makes it relative
    // to the page (its address is resolved against document.baseURI).
    anchor: /(__nested_webpack_require_\d+__)\.p="\/"/g,
    replace: (_module, _whole, requireName) => `${requireName}.p=""`,
  },
  {
    name: 'face sensing files',
    // Face Sensing loads MediaPipe from the site's root ("/chunks/…"), which misses under a path prefix such as
    // https://school.example/ai/ and then falls back to a CDN on the internet; relative to the page, it finds ours.
    anchor: /solutionPath:"\/(chunks\/mediapipe\/face_detection)"/g,
    replace: (_module, _whole, folder) => `solutionPath:"${folder}"`,
  },
  {
    name: 'save as a web page',
    // The File menu (menu-bar.jsx): from its onRequestClose (group 1) to "Save to your computer", the last item of
    // its last group, drawn by React (group 2, `c()`) as a MenuItem (group 3) with the menu's key handler (group 4).
    // Our item follows it: it closes the menu, then asks editor/web-page/file-menu-item.ts to act.
    anchor:
      /onRequestClose:([\w$]+)\},(?:(?!onRequestClose:).)*?([\w$]+)\(\)\.createElement\(([\w$]+),\{className:[\w$]+,onClick:[\w$]+\([\w$]+\),isDataMenuItem:!0,onParentKeyDown:([\w$]+)\},\2\(\)\.createElement\([\w$.]+,\{defaultMessage:"Save to your computer",id:"gui\.menuBar\.downloadToComputer"\}\)\)\)/g,
    module: path.join(editorDir, 'web-page', 'file-menu-item.ts'),
    replace: (module, whole, close, react, menuItem, onKeyDown) =>
      `${whole},${react}().createElement(${menuItem},{onClick:()=>{${close}();require(${module}).saveAsWebPageMenuItem.choose()},isDataMenuItem:!0,onParentKeyDown:${onKeyDown}},require(${module}).saveAsWebPageMenuItem.label())`,
  },
];

/**
 * @this {import('webpack').LoaderContext<unknown>}
 * @param {string} source
 * @returns {string}
 */
module.exports = function patchScratchGui(source) {
  let patched = source;
  for (const patch of PATCHES) {
    const matches = patched.match(patch.anchor) ?? [];
    if (matches.length !== 1) {
      throw new Error(
        `scratch-gui-patches: expected the ${patch.name} anchor exactly once in ${this.resourcePath}, ` +
          `found ${matches.length}. Was @scratch/scratch-gui upgraded? Update the anchor in ${__filename}.`,
      );
    }
    if (patch.module) this.addDependency(patch.module);
    const module = JSON.stringify(patch.module ?? null);
    // The callback gets the match, its groups, then the offset and the whole text (dropped here).
    patched = patched.replace(patch.anchor, (whole, ...rest) => patch.replace(module, whole, ...rest.slice(0, -2)));
  }
  return patched;
};
