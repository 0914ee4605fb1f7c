/** A Redline window as it registers itself for the hook (one file per window in global storage). */
export interface WindowEntry {
  readonly pid: number;
  readonly port: number;
  /** Absolute paths of the window's workspace folders. */
  readonly folders: readonly string[];
}

/**
 * The window that serves `path`: the one with the longest workspace folder containing it (a
 * nested folder opened in its own window wins over its parent's window). Compared segment by
 * segment, so `/a/bc` is not inside `/a/b`.
 */
export function windowFor(windows: readonly WindowEntry[], path: string, caseInsensitive: boolean): { window: WindowEntry; folder: string } | undefined {
  let best: { window: WindowEntry; folder: string; depth: number } | undefined;
  const target = segments(path, caseInsensitive);
  for (const window of windows) {
    for (const folder of window.folders) {
      const f = segments(folder, caseInsensitive);
      if (f.length > target.length || !f.every((s, i) => s === target[i])) continue;
      if (best === undefined || f.length > best.depth) best = { window, folder, depth: f.length };
    }
  }
  return best && { window: best.window, folder: best.folder };
}

function segments(path: string, caseInsensitive: boolean): string[] {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  return caseInsensitive ? parts.map((s) => s.toLowerCase()) : parts;
}

/** Parses one registry file; anything that does not fit is skipped by the caller. */
export function parseWindowEntry(value: unknown): WindowEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, port, folders } = value as { pid?: unknown; port?: unknown; folders?: unknown };
  if (!Number.isInteger(pid) || (pid as number) <= 0) return undefined;
  if (!Number.isInteger(port) || (port as number) <= 0 || (port as number) > 65_535) return undefined;
  if (!Array.isArray(folders) || !folders.every((f) => typeof f === 'string' && f.length > 0)) return undefined;
  return { pid: pid as number, port: port as number, folders: folders as string[] };
}
