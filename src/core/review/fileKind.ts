import { isTestFile, LOCKFILE_GLOBS } from '../policy/fileKinds';
import { compileGlobs } from '../policy/glob';
import type { FileKind } from '../../shared/readingOrder';

/** Build output, minified or mapped code, snapshots and protobuf stubs: made by a tool, not by hand. */
const GENERATED = ['dist/', 'build/', '*.min.js', '*.min.css', '*.map', '__snapshots__/', '*.snap', '*.pb.go', '*_pb2.py', '*_pb2_grpc.py', '*.g.dart'];

// gitignore-like globs (any depth, a folder covers what is under it), as the policy's path lists.
// Package managers' lock files (the protected paths' list): written by a tool from a manifest the
// reviewer reads instead, so the reading order puts them last, collapsed.
const lockfiles = compileGlobs(LOCKFILE_GLOBS, { caseSensitive: true });
const generated = compileGlobs(GENERATED, { caseSensitive: true });

/** Generators mark their output in its first lines ("@generated", Go's "Code generated … DO NOT EDIT."). */
const MARKER = /@generated\b|\bDO NOT EDIT\b/;
/** How much of the head of a file the marker is looked for in: a few lines, cheap on any file. */
const HEAD = 1000;

/**
 * What a changed file is, for the reading order: by its workspace-relative path, and by the first
 * lines of `text` (its proposed or base text) when given.
 */
export function classifyFile(path: string, text?: string | null): FileKind {
  if (lockfiles.matches(path)) return 'lockfile';
  if (generated.matches(path)) return 'generated';
  if (text && MARKER.test(text.slice(0, HEAD))) return 'generated';
  if (isTestFile(path)) return 'test';
  return 'source';
}
