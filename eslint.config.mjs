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
);
