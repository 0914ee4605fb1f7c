/**
 * Path-like tokens in an agent's prose summary. Deliberately conservative about what counts as
 * a file so "and/or" or "example.com" are not read as claims:
 * - a token with a slash counts when its last segment has a known extension or name, or when it
 *   was written in backticks (`src/auth`);
 * - a bare name counts when it has a known extension or is a known extension-less file name;
 * - URLs, `:line` suffixes, `#L12` anchors and surrounding punctuation are stripped or skipped.
 */

const KNOWN_EXTENSIONS = new Set(
  (
    'ts tsx mts cts js jsx mjs cjs json jsonc md mdx py pyi go rs java kt kts rb php cs fs c h cc cpp hpp m swift scala ' +
    'yml yaml toml ini cfg conf txt css scss less html htm vue svelte sh bash zsh ps1 sql graphql gql proto xml gradle ' +
    'lock env properties csv tf hcl dart ex exs erl clj lua r pl'
  ).split(' '),
);

const KNOWN_NAMES = new Set([
  'makefile',
  'dockerfile',
  'jenkinsfile',
  'gemfile',
  'rakefile',
  'procfile',
  'license',
  'readme',
  'changelog',
  'codeowners',
  'go.mod',
  'go.sum',
]);

export interface PathToken {
  readonly text: string;
  /** Written in backticks, the usual way an agent names a file. */
  readonly quoted: boolean;
}

export function extractPathTokens(text: string): PathToken[] {
  const out: PathToken[] = [];
  const quotedSpans = new Set<string>();
  for (const m of text.matchAll(/`([^`\n]+)`/g)) {
    const inner = m[1] ?? '';
    for (const part of inner.split(/\s+/)) quotedSpans.add(clean(part));
  }
  for (const raw of text.split(/[\s,;]+/)) {
    if (raw.includes('://')) continue;
    const token = clean(raw);
    if (token === '' || !/[A-Za-z]/.test(token)) continue;
    const quoted = quotedSpans.has(token);
    if (isPathLike(token, quoted)) out.push({ text: token, quoted });
  }
  return out;
}

function clean(raw: string): string {
  return raw
    .replace(/^[`'"([<{*_]+/, '')
    .replace(/[`'")\]>}*_!?:.]+$/, '')
    .replace(/#L\d+(?:-L?\d+)?$/, '')
    .replace(/:\d+(?::\d+)?$/, '')
    .replace(/^\.\//, '');
}

function isPathLike(token: string, quoted: boolean): boolean {
  if (token.startsWith('//') || token.startsWith('@') || (/^\d/.test(token) && !token.includes('/'))) return false;
  const last = token.slice(token.lastIndexOf('/') + 1).toLowerCase();
  const dot = last.lastIndexOf('.');
  const knownFile = KNOWN_NAMES.has(last) || (dot > -1 && KNOWN_EXTENSIONS.has(last.slice(dot + 1)));
  if (token.includes('/')) return knownFile || quoted;
  return knownFile;
}

/**
 * Whether a token names this changed path: the same path, a suffix on a segment boundary
 * (`a.ts` names `src/a.ts`), or a folder containing it (`src/auth` names `src/auth/x.ts`).
 */
export function tokenNamesPath(token: string, path: string): boolean {
  const t = token.replace(/\/+$/, '');
  return path === t || path.endsWith(`/${t}`) || path.startsWith(`${t}/`);
}
