// The address the extension file was loaded from. TurboWarp runs an unsandboxed extension as a <script> element,
// so document.currentScript names it while the file's first statements run; the engine's files sit beside it.
const script = document.currentScript;

/** The extension file's URL; the page's for a file pasted as text (then only network sources work). */
export const EXTENSION_FILE_URL = script instanceof HTMLScriptElement && script.src ? script.src : document.baseURI;
