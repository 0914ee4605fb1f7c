import { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * A second bundle in `dist/` (beside `extension.js`), loaded on first use so activation does not
 * pay for code it rarely needs (Performance issue: the bundle loaded at activation). A computed
 * path keeps esbuild from inlining it; `createRequire` because the bundles are CommonJS.
 */
export function lazyBundle<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(__filename)(path.join(__dirname, file)) as T);
}
