import { compileGlob } from '../policy/globMatch';
import type { FileKind } from '../../shared/readingOrder';

/**
 * Package managers' lock files, by name: written by a tool from a manifest the reviewer reads
 * instead, so the reading order puts them last, collapsed.
 */
const LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'go.sum',
  'composer.lock',
  'Gemfile.lock',
  'packages.lock.json',
  'flake.lock',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'gradle.lockfile',
];

/** Build output, minified or mapped code, snapshots and protobuf stubs: made by a tool, not by hand. */
const GENERATED = [
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/*.min.js',
  '**/*.min.css',
  '**/*.map',
  '**/__snapshots__/**',
  '**/*.snap',
  '**/*.pb.go',
  '**/*_pb2.py',
  '**/*_pb2_grpc.py',
  '**/*.pb.ts',
  '**/*.g.dart',
];

const TESTS = ['**/test/**', '**/tests/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*', '**/*_test.go', '**/test_*.py', '**/*_test.py'];

/** The constant globs above, compiled once; one that does not compile is a bug here. */
function matcher(globs: readonly string[]): (path: string) => boolean {
  const compiled = compileGlob(globs.length === 1 ? (globs[0] as string) : `{${globs.join(',')}}`);
  if (!compiled.ok) throw new Error(`bug: file kind globs: ${compiled.message}`);
  return compiled.value;
}

const isLockfile = matcher(LOCKFILES.map((name) => `**/${name}`));
const isGenerated = matcher(GENERATED);
const isTest = matcher(TESTS);

/** Generators mark their output in its first lines ("@generated", Go's "Code generated … DO NOT EDIT."). */
const MARKER = /@generated\b|\bDO NOT EDIT\b/;
/** How much of the head of a file the marker is looked for in: a few lines, cheap on any file. */
const HEAD = 1000;

/**
 * What a changed file is, for the reading order: by its workspace-relative path, and by the first
 * lines of `text` (its proposed or base text) when given.
 */
export function classifyFile(path: string, text?: string | null): FileKind {
  if (isLockfile(path)) return 'lockfile';
  if (isGenerated(path)) return 'generated';
  if (text && MARKER.test(text.slice(0, HEAD))) return 'generated';
  if (isTest(path)) return 'test';
  return 'source';
}
