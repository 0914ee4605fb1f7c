import type * as Picomatch from 'picomatch';
import { lazyBundle } from './lazyBundle';

const load = lazyBundle<typeof import('./picomatchEntry')>('picomatch.js');

/**
 * Stands in for `picomatch` in the extension host's bundles (scripts/build.mjs maps the import
 * here): globs are compiled on first match, so activation does not carry the matcher.
 */
export default function picomatch(glob: string, options?: Picomatch.PicomatchOptions): Picomatch.Matcher {
  return load().picomatch(glob, options);
}
