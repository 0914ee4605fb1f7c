// @ts-check
import tseslint from 'typescript-eslint';

// Import rules (the layers, where `vscode` may be imported, what the webviews may import) live in
// .dependency-cruiser.cjs, which `npm run lint` runs after eslint: one tool per rule.
export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-test/**', 'examples/**', '**/*.vsix', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Model and agent text rendered as Markdown loads remote images with no click (EchoLeak /
    // CamoLeak): every MarkdownString is built by src/vscode/untrustedText.ts, which escapes it.
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/untrustedText.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.property.name='MarkdownString'], NewExpression[callee.name='MarkdownString']",
          message: 'build Markdown with markdown() from src/vscode/untrustedText.ts: it escapes untrusted text',
        },
      ],
    },
  },
  {
    // A focused or skipped test left in a commit silently shrinks the suite: run a subset with
    // --grep (scripts/test-integration.mjs: REDLINE_TEST_GREP) instead. A skip for a missing
    // capability goes through this.skip() with a reason, and fails on CI (test/unit/node/checks).
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'context', 'suite', 'test', 'specify'].flatMap((object) =>
          ['only', 'skip'].map((property) => ({ object, property, message: 'commit no focused or skipped tests; filter with --grep' })),
        ),
      ],
      'no-restricted-globals': ['error', ...['xit', 'xdescribe', 'xcontext', 'xspecify'].map((name) => ({ name, message: 'commit no skipped tests' }))],
    },
  },
);
