/**
 * Just enough structure of shared config files (package.json, pyproject.toml, setup.cfg,
 * Cargo.toml) to tell which part a change touched, so a tripwire can flag "coverage settings
 * changed" without flagging every edit of the file.
 */

/** Top-level JSON keys whose value differs between the two texts; undefined if either is not JSON. */
export function changedJsonKeys(baseText: string | null, proposedText: string | null): Set<string> | undefined {
  const base = parseObject(baseText ?? '{}');
  const proposed = parseObject(proposedText ?? '{}');
  if (base === undefined || proposed === undefined) return undefined;
  const changed = new Set<string>();
  for (const key of new Set([...Object.keys(base), ...Object.keys(proposed)])) {
    if (JSON.stringify(base[key]) !== JSON.stringify(proposed[key])) changed.add(key);
  }
  return changed;
}

/** Keys of the object at `key` (e.g. `scripts`) whose value differs; empty set when none. */
export function changedJsonSubkeys(baseText: string | null, proposedText: string | null, key: string): Set<string> {
  const base = asObject(parseObject(baseText ?? '{}')?.[key]) ?? {};
  const proposed = asObject(parseObject(proposedText ?? '{}')?.[key]) ?? {};
  const changed = new Set<string>();
  for (const sub of new Set([...Object.keys(base), ...Object.keys(proposed)])) {
    if (JSON.stringify(base[sub]) !== JSON.stringify(proposed[sub])) changed.add(sub);
  }
  return changed;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  // A proposal can be mid-edit and not parse; callers fall back to line heuristics. JSON.parse
  // is the one parser we have, and it reports failure only by throwing.
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  return asObject(value);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The `[section]` headers (INI/TOML) that the given lines fall under in `text`. A line is found
 * by its first exact occurrence; lines not found in the text are reported under `undefined`
 * so the caller can fall back to keyword checks.
 */
export function sectionsOf(text: string | null, lines: readonly string[]): Set<string | undefined> {
  const out = new Set<string | undefined>();
  if (text === null) {
    if (lines.length > 0) out.add(undefined);
    return out;
  }
  const all = text.split(/\r?\n/);
  for (const line of lines) {
    if (line.trim() === '') continue;
    const at = all.indexOf(line);
    if (at === -1) {
      out.add(undefined);
      continue;
    }
    out.add(headerAbove(all, at));
  }
  return out;
}

function headerAbove(lines: readonly string[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const header = /^\s*\[{1,2}\s*([^\]]+?)\s*\]{1,2}\s*(?:#.*)?$/.exec(lines[i] ?? '');
    if (header?.[1] !== undefined) return header[1].toLowerCase();
  }
  return '';
}
