/**
 * Whether git changes a file between the index and the working tree (smudge on checkout, clean
 * on add): then its index text must be read through `git cat-file --filters` to compare with the
 * working tree, which costs a process per file. Most files need nothing and are read in one batch.
 */
export interface GitTextConfig {
  /** core.autocrlf: 'true', 'input', 'false' or unset. */
  readonly autocrlf?: string;
  /** core.eol: 'lf', 'crlf', 'native' or unset. */
  readonly eol?: string;
  /** The platform's line ending, for core.eol=native. */
  readonly nativeEol: 'lf' | 'crlf';
}

/** `git check-attr` values: 'unspecified', 'set', 'unset', or the attribute's value. */
export type Attributes = ReadonlyMap<string, string>;

export const FILTER_ATTRIBUTES = ['filter', 'ident', 'text', 'eol', 'working-tree-encoding'] as const;

export function needsFilters(attrs: Attributes, config: GitTextConfig): boolean {
  const value = (name: string): string => attrs.get(name) ?? 'unspecified';
  if (!['unspecified', 'unset'].includes(value('filter'))) return true;
  if (value('ident') === 'set') return true;
  if (!['unspecified', 'unset'].includes(value('working-tree-encoding'))) return true;
  const text = value('text');
  if (text === 'unset') return false;
  if (value('eol') === 'crlf') return true;
  if (config.autocrlf === 'true') return true;
  const eol = config.eol === 'native' ? config.nativeEol : config.eol;
  return eol === 'crlf' && (text === 'set' || text === 'auto');
}

/** Parses `git check-attr -z` output: path NUL attribute NUL value NUL, repeated. */
export function parseCheckAttr(output: string): Map<string, Map<string, string>> {
  const fields = output.split('\0');
  const out = new Map<string, Map<string, string>>();
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const path = fields[i] ?? '';
    let attrs = out.get(path);
    if (attrs === undefined) out.set(path, (attrs = new Map()));
    attrs.set(fields[i + 1] ?? '', fields[i + 2] ?? '');
  }
  return out;
}
