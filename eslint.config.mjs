// @ts-check
// `npm run lint`: typescript-eslint's recommended rules on all our code, React's rules of hooks on the UI.
// JavaScript because ESLint on Node 20 loads a TypeScript config only through a package we do not install (jiti);
// `npm run typecheck` checks this file (checkJs).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist*/', 'test-results*/', 'playwright-report/', 'bench/.build/', 'bench/.tm/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // As `tsc --noUnusedLocals` does: `const { dropped, ...rest } = value` is how a field is left out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // A CommonJS module (the webpack loader) has no other way to import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.tsx', '**/use-*.ts'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // The React Compiler's rules, which assume that compiler: this code does not use it, and they misread it.
      // `refs`: a hook's result that carries a ref (camera.videoRef) makes every read of that object a "ref read",
      // and it refuses the "latest callback" ref assigned during render (popup-frame, webcam-recorder).
      'react-hooks/refs': 'off',
      // `set-state-in-effect`: ten fields reset their draft from an effect when the model or class they edit
      // changes (class-card, settings-panel, model-name-field...); keying those components would remount inputs a
      // child is typing in.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
);
