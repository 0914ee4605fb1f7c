import { fail, ok, type Result } from '../result';

/** Why a path was refused before any file system access. Stable codes, shown to the model. */
export type PathSyntaxRefusal =
  | 'empty'
  | 'too-long'
  | 'nul-byte'
  | 'control-character'
  | 'percent-encoded'
  | 'home-relative'
  | 'drive-letter'
  | 'unc-path'
  | 'backslash'
  | 'uri-scheme'
  | 'unicode-lookalike'
  | 'parent-segment';

/** A raw path split into clean segments; `absolute` when it began with `/`. */
export interface LexicalPath {
  readonly absolute: boolean;
  readonly segments: readonly string[];
}

const MAX_PATH_LENGTH = 4096;

/**
 * Lexical screening of a path from the model or a webview. Everything here is refused rather
 * than decoded or repaired: a path that means one thing to us and another to the layer that
 * finally opens it (a URI decoder, Windows, a Unicode normalizer) is how prefix and traversal
 * checks get bypassed (CVE-2025-54794). The caller never sees a "fixed" path.
 */
export function parseLexicalPath(raw: string): Result<LexicalPath, PathSyntaxRefusal> {
  if (raw.length === 0) return fail('empty', 'The path is empty.');
  if (raw.length > MAX_PATH_LENGTH) return fail('too-long', `The path is longer than ${MAX_PATH_LENGTH} characters.`);
  if (raw.includes('\0')) return fail('nul-byte', 'The path contains a NUL byte, which truncates it in native code.');
  if (hasControlCharacter(raw)) {
    return fail('control-character', 'The path contains a control character (newline, tab, escape…).');
  }
  // Any %XX is refused, even a harmless one: we never decode, so a decoding layer further on
  // (webview URIs, file: URLs) must not be able to turn %2e%2e or %252f into a traversal.
  if (/%[0-9a-fA-F]{2}/.test(raw)) {
    return fail('percent-encoded', 'The path contains a percent-encoded sequence (like %2e or %2f); give the plain path.');
  }
  if (raw.startsWith('~')) return fail('home-relative', "The path starts with '~'; give a workspace-relative path.");
  if (/^[A-Za-z]:/.test(raw)) return fail('drive-letter', 'The path has a Windows drive letter; give a workspace-relative path.');
  if (/^[\\/]{2}/.test(raw)) return fail('unc-path', 'The path is a UNC or network path (starts with // or \\\\).');
  if (raw.includes('\\')) {
    return fail('backslash', 'The path contains a backslash; use forward slashes (a backslash is a separator on Windows).');
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)) return fail('uri-scheme', 'The path is a URI; give a workspace-relative path.');
  if (hasLookalikeSeparators(raw)) {
    return fail('unicode-lookalike', 'The path contains Unicode look-alikes of "." or "/" that a normalizer could turn into a traversal.');
  }
  const segments = raw.split('/').filter((s) => s.length > 0 && s !== '.');
  // `..` is refused outright rather than folded: the kernel resolves `link/..` through the
  // symlink's target, so lexical folding and the real file can disagree.
  if (segments.includes('..')) {
    return fail('parent-segment', "The path contains a '..' segment; give a path inside the workspace without '..'.");
  }
  return ok({ absolute: raw.startsWith('/'), segments });
}

function hasControlCharacter(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * NFKC maps fullwidth dots and solidi (U+FF0E, U+FF0F, U+2024…) onto ASCII ones, and Windows'
 * "best fit" code-page conversion also maps division and fraction slashes (the WorstFit attacks),
 * which NFKC leaves alone, so those are listed explicitly.
 */
const BEST_FIT_SEPARATORS = /[\u2215\u2044\u29f5\u29f8\ufe68\uff0f\uff3c]/;

function hasLookalikeSeparators(raw: string): boolean {
  const count = (s: string): number => (s.match(/[./\\]/g) ?? []).length;
  return BEST_FIT_SEPARATORS.test(raw) || count(raw.normalize('NFKC')) !== count(raw);
}

// Code points that HFS+ ignores when comparing names, so `.g\u200cit` is `.git` on a Mac
// (the same list Git itself checks, see git's `is_hfs_dotgit`).
const IGNORABLE = /[\u200b-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/**
 * True for a segment the OS may treat as `.git`: any case, HFS-ignorable code points, NTFS
 * trailing dots/spaces and `::$DATA` stream suffixes, and the 8.3 short name `GIT~1`.
 */
export function isGitSegment(segment: string): boolean {
  const folded = segment
    .replace(IGNORABLE, '')
    .toLowerCase()
    .replace(/:.*$/, '')
    .replace(/[. ]+$/, '');
  return folded === '.git' || folded === 'git~1';
}
