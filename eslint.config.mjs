// @ts-check
import tseslint from 'typescript-eslint';

const vscodeOnlyInAdapters = {
  name: 'vscode',
  message: "'vscode' may be imported only under src/vscode/ and in src/extension.ts (see DESIGN.md, Layers).",
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-test/**', 'examples/**', '**/*.vsix', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [vscodeOnlyInAdapters] }],
    },
  },
  {
    // The adapters and the composition root are the only places that know VS Code.
    files: ['src/vscode/**/*.ts', 'src/extension.ts', 'test/integration/**/*.ts', 'bench/host/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // A focused or skipped test left in a commit silently shrinks the suite: run a subset with
    // --grep (scripts/test-integration.mjs: REDLINE_TEST_GREP) instead. A skip for a missing
    // capability goes through this.skip() with a reason, and fails on CI (test/unit/checks).
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: {
      'no-restricted-properties': ['error',
        ...['describe', 'it', 'context', 'suite', 'test', 'specify'].flatMap((object) => ['only', 'skip'].map((property) => ({ object, property, message: 'commit no focused or skipped tests; filter with --grep' }))),
      ],
      'no-restricted-globals': ['error', ...['xit', 'xdescribe', 'xcontext', 'xspecify'].map((name) => ({ name, message: 'commit no skipped tests' }))],
    },
  },
  {
    // Front ends run in the browser and share only the protocol types with the host.
    files: ['webview-ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeOnlyInAdapters],
        patterns: [{
          regex: '^(\\.\\./)+src/(?!shared/)',
          message: 'webview-ui may import only src/shared/ from src/.',
        }],
      }],
    },
  },
);
