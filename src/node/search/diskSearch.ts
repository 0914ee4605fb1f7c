import * as fs from 'node:fs/promises';
import type { SearchPort } from '../../core/agent/ports';
import { capHits, type FileMatches, type FoundFiles, type SearchCut, searchInText, toolGlob } from '../../core/agent/textSearch';
import { ok } from '../../core/result';
import { ripgrepFiles, ripgrepText } from './ripgrep';
import { DEFAULT_TIME_LIMIT_MS, type DiskSearch, MAX_FILE_BYTES, MAX_LISTED_FILES } from './scope';
import { type WalkedFile, walkFiles } from './walk';

export interface DiskSearchOptions {
  /** The rg binary; the JavaScript fallback is used without it. */
  rgPath?: string;
  /** Compiles the fallback's patterns under a time limit (timedSearch). */
  patterns: SearchPort;
  timeLimitMs?: number;
  /** The fallback reads at most this many files per search; more is cut and says so. */
  maxFiles?: number;
}

/** How many files the fallback reads at once: enough to hide the disk's latency, few enough to stay light. */
const READ_BATCH = 32;

export function createDiskSearch(options: DiskSearchOptions): DiskSearch {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const { rgPath } = options;
  if (rgPath !== undefined) {
    return {
      engine: 'ripgrep',
      searchText: (scope, query) => ripgrepText(rgPath, scope, query, timeLimitMs),
      findFiles: (scope, query) => ripgrepFiles(rgPath, scope, query, timeLimitMs, byMtime),
    };
  }
  const maxFiles = options.maxFiles ?? 50_000;
  return {
    engine: 'fallback',
    async searchText(scope, query) {
      const matcher = options.patterns.compile(query.pattern, query.isRegex, { ignoreCase: query.ignoreCase });
      if (!matcher.ok) return matcher;
      const inGlob = query.glob === undefined ? () => true : toolGlob(query.glob);
      const deadline = Date.now() + timeLimitMs;
      let cut: SearchCut | undefined;
      // The walk is cheap (folder listings): list first, then read in path order, so a cut is the same every time.
      const candidates: WalkedFile[] = [];
      for (const root of scope.roots) {
        await walkFiles(root, scope, (file) => {
          if (inGlob(file.relative) && !query.skip.has(file.path)) candidates.push(file);
          if (candidates.length > maxFiles) cut = { by: 'files', limit: maxFiles };
          else if (Date.now() > deadline) cut = { by: 'time', limit: timeLimitMs };
          return cut === undefined;
        });
        if (cut !== undefined) break;
      }
      const files: FileMatches[] = [];
      let hits = 0;
      const toRead = candidates.slice(0, maxFiles);
      for (let start = 0; start < toRead.length; start += READ_BATCH) {
        if (Date.now() > deadline) return ok({ files, cut: { by: 'time', limit: timeLimitMs } });
        const batch = toRead.slice(start, start + READ_BATCH);
        const texts = await Promise.all(batch.map((f) => readSearchable(f.absolute)));
        for (const [i, file] of batch.entries()) {
          const text = texts[i];
          if (text === undefined) continue;
          // One past the limit, so that a cut is said only when there is more.
          const found = searchInText(matcher.value, file.path, text, query.context, query.maxHits - hits + 1);
          if (!found.ok) return found;
          if (found.value === undefined) continue;
          const kept = capHits([found.value], query.maxHits - hits);
          files.push(...kept.files);
          hits += kept.files.reduce((n, f) => n + f.matches, 0);
          if (kept.cut) return ok({ files, cut: { by: 'hits', limit: query.maxHits } });
        }
      }
      return ok(cut === undefined ? { files } : { files, cut });
    },
    async findFiles(scope, query) {
      const matches = toolGlob(query.glob);
      const deadline = Date.now() + timeLimitMs;
      const found: { path: string; absolute: string }[] = [];
      let cut: FoundFiles['cut'];
      for (const root of scope.roots) {
        await walkFiles(root, scope, (file) => {
          if (Date.now() > deadline) cut = { by: 'time', limit: timeLimitMs };
          else if (found.length >= MAX_LISTED_FILES) cut = { by: 'files', limit: MAX_LISTED_FILES };
          else if (matches(file.relative)) found.push(file);
          return cut === undefined;
        });
        if (cut !== undefined) break;
      }
      const sorted = query.sort === 'mtime' ? await byMtime(found) : found.map((f) => f.path).sort();
      if (sorted.length > query.limit) cut ??= { by: 'hits', limit: query.limit };
      return ok({ paths: sorted.slice(0, query.limit), ...(cut === undefined ? {} : { cut }) });
    },
  };
}

/** A file's text unless it is too big, binary (a NUL byte, as rg decides) or unreadable. */
async function readSearchable(absolute: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(absolute);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    const bytes = await fs.readFile(absolute);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** Newest first; a file that vanished meanwhile sorts last. */
async function byMtime(files: readonly { path: string; absolute: string }[]): Promise<string[]> {
  const times = await Promise.all(
    files.map((f) =>
      fs.stat(f.absolute).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  return files
    .map((f, i) => ({ path: f.path, time: times[i] ?? 0 }))
    .sort((a, b) => b.time - a.time || (a.path < b.path ? -1 : 1))
    .map((f) => f.path);
}
