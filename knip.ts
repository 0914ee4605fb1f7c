import bundles from './src/vscode/bundles.json';

/** Unused files, exports and dependencies. Every bundle's entry (src/vscode/bundles.json) is an entry point. */
const config = {
  entry: [
    'src/extension.ts',
    ...Object.values(bundles).map((b) => b.entry),
    'webview-ui/*/main.ts',
    'test/**/*.test.ts',
    'test/integration/index.ts',
    'test/double/main.ts',
    'test/webview/support/*.ts',
    'bench/**/*.{ts,mjs}',
    'scripts/**/*.mjs',
  ],
  project: ['src/**/*.ts', 'webview-ui/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.mjs'],
  ignore: ['test/fixtures/**'],
  // Copied into dist/webview by scripts/build.mjs (the codicon font), never imported.
  ignoreDependencies: ['@vscode/codicons'],
  ignoreExportsUsedInFile: true,
};

export default config;
