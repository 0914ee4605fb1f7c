import { lstat, realpath } from 'node:fs/promises';
import { fail, ok } from '../core/result';
import type { PolicyFileSystem, ProbeFailure } from '../core/policy/fileSystemPort';

/**
 * The real disk behind the path policy's port. The extension host and the tests (real temp dirs,
 * real symlinks) both use this one adapter, so they share one definition of "missing" versus
 * "error". It needs `node:fs`, so it sits in src/node/, not in the pure core.
 */
export function createNodeFileSystem(): PolicyFileSystem {
  return {
    async realpath(absolutePath) {
      return realpath(absolutePath).then(
        (resolved) => ok(resolved),
        (error: unknown) => fail(classify(error), describe(error)),
      );
    },
    async lstat(absolutePath) {
      return lstat(absolutePath).then(
        (stats) => ok({ symbolicLink: stats.isSymbolicLink() }),
        (error: unknown) => fail(classify(error), describe(error)),
      );
    },
  };
}

function classify(error: unknown): ProbeFailure {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'error';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
