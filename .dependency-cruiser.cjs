// Import rules between the product's folders, checked by `npm run check:deps` (scripts/check-deps.ts) in `npm test`.
// The layers, bottom up: engine (tfjs, no DOM) < worker, pictures, hands < store, project-file < model-service < extension,
// blocks, modal-ui < editor. Tests (and the e2e, hostile, bench and scripts folders) may reach further in; product code may not.

/** Test code: unit tests, their helpers, end-to-end specs and the hostile-input tests. */
const TESTS = ['\\.test\\.tsx?$', '\\.spec\\.ts$', '/test-support/', '^e2e/', '^hostile/', '^fixtures/'];
/** Tools run by hand or by `npm test` around the product: never part of it. */
const TOOLS = '^(e2e|bench|scripts)/';
/** The engine's two public entries: the tfjs-free one for everyone, the runtime for whoever runs the engine. */
const ENGINE_ENTRY = '^engine/index\\.ts$';
const ENGINE_RUNTIME = '^engine/runtime\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'engine-stays-below-the-product',
      comment: 'engine/ and worker/ know nothing of the UI, the service, the blocks or storage: they run in a Web Worker.',
      severity: 'error',
      from: { path: '^(engine|worker)/' },
      to: {
        path: [
          '^(model-service|modal-ui|extension|blocks|editor|store|project-file|pictures|hands)/',
          'node_modules/(react|react-dom|react-redux|redux)/',
        ],
      },
    },
    {
      name: 'engine-through-its-entry',
      comment: 'Outside engine/, product code imports engine/index.ts only (tests may reach internals and test-support).',
      severity: 'error',
      from: { pathNot: ['^engine/', ...TESTS] },
      to: { path: '^engine/', pathNot: [ENGINE_ENTRY, ENGINE_RUNTIME, '^engine/test-support/'] },
    },
    {
      name: 'engine-runtime-only-where-it-runs',
      comment: 'engine/runtime.ts loads tfjs: only the worker entry (and tests, scripts, bench running the engine in Node) import it.',
      severity: 'error',
      from: { pathNot: ['^engine/', '^worker/engine-worker\\.ts$', '^(bench|scripts)/', ...TESTS] },
      to: { path: ENGINE_RUNTIME },
    },
    {
      name: 'ui-through-the-model-service',
      comment: "The trainer and popups reach the child's models only through the model service, never the store or the worker.",
      severity: 'error',
      from: { path: '^modal-ui/' },
      to: { path: '^(store|worker)/' },
    },
    {
      name: 'blocks-not-extension',
      comment: 'The palette as data (blocks/) sits below the extension that implements it.',
      severity: 'error',
      from: { path: '^blocks/' },
      to: { path: '^extension/' },
    },
    {
      name: 'turbowarp-is-an-entry',
      comment:
        "turbowarp/ builds the TurboWarp extension file from the product; the product never imports it (the game page's player, player/, runs on TurboWarp's VM too and shares its host's types and layer).",
      severity: 'error',
      from: { pathNot: ['^turbowarp/', '^player/', '^webpack\\.config\\.mjs$', ...TESTS, TOOLS] },
      to: { path: '^turbowarp/' },
    },
    {
      name: 'player-is-an-entry',
      comment:
        "player/ builds the game page's player from the product; the product never imports it, except the page's format, which the editor's web-page writer fills in.",
      severity: 'error',
      from: { pathNot: ['^player/', '^webpack\\.config\\.mjs$', ...TESTS, TOOLS] },
      to: { path: '^player/', pathNot: '^player/game-page-format\\.ts$' },
    },
    {
      name: 'game-page-format-for-the-writer',
      comment: "Only the game page's writer (editor/web-page/) and the player itself read or write the page's format.",
      severity: 'error',
      from: { pathNot: ['^player/', '^editor/web-page/', ...TESTS, TOOLS] },
      to: { path: '^player/game-page-format\\.ts$' },
    },
    {
      name: 'no-tools-in-the-product',
      comment: 'e2e/, bench/ and scripts/ use the product; nothing else imports them.',
      severity: 'error',
      from: { pathNot: TOOLS },
      to: { path: TOOLS },
    },
    {
      name: 'test-support-only-in-tests',
      comment: 'test-support/ folders hold Node-only helpers for tests.',
      severity: 'error',
      from: { pathNot: [...TESTS, '^(bench|scripts)/'] },
      to: { path: '/test-support/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from an engine internal is a dependency on that internal too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'] },
  },
};
