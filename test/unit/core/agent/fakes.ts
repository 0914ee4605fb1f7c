import type { PlanInput } from '../../../../src/core/agent/planInput';
import type {
  CheckOutcome,
  ChecksPort,
  DeclaredCheck,
  DirEntry,
  FilesPort,
  PathGuard,
  ProposalSink,
  ProposedFile,
  SearchPort,
} from '../../../../src/core/agent/ports';
import {
  type FileMatches,
  type FileQuery,
  type FoundFiles,
  type TextSearchQuery,
  type TextSearchResult,
  searchInText,
  toolGlob,
} from '../../../../src/core/agent/textSearch';
import type { PathIntent } from '../../../../src/core/policy/workspacePath';
import { fail, ok, type Result } from '../../../../src/core/result';
import { timedSearch } from '../../../../src/node/search/timedSearch';

/** Files on "disk", in memory. Paths are workspace-relative with `/`. */
export class MemoryFiles implements FilesPort {
  readonly reads: string[] = [];
  readonly searches: TextSearchQuery[] = [];
  /** Tests shorten its time limit. */
  search: SearchPort = timedSearch();
  constructor(readonly files: Map<string, string>) {}

  async readText(path: string): Promise<Result<string | null>> {
    this.reads.push(path);
    return ok(this.files.get(path) ?? null);
  }

  async listDir(path: string): Promise<Result<DirEntry[]>> {
    const prefix = path === '' || path === '.' ? '' : `${path}/`;
    const entries = new Map<string, DirEntry>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      if (name !== undefined) entries.set(name, { name, kind: rest.length > 0 ? 'dir' : 'file' });
    }
    return ok([...entries.values()]);
  }

  async findFiles(query: FileQuery): Promise<Result<FoundFiles>> {
    const matches = toolGlob(query.glob);
    const all = [...this.files.keys()].filter((p) => matches(p)).sort();
    return ok({ paths: all.slice(0, query.limit), ...(all.length > query.limit ? { cut: { by: 'hits' as const, limit: query.limit } } : {}) });
  }

  /** Matches like the workspace adapter's fallback does: through the time-limited matcher, sorted by path, `skip` left out. */
  async searchText(query: TextSearchQuery): Promise<Result<TextSearchResult>> {
    this.searches.push(query);
    const matcher = this.search.compile(query.pattern, query.isRegex, { ignoreCase: query.ignoreCase });
    if (!matcher.ok) return matcher;
    const inGlob = query.glob === undefined ? () => true : toolGlob(query.glob);
    const files: FileMatches[] = [];
    let hits = 0;
    for (const path of [...this.files.keys()].sort()) {
      if (query.skip.has(path) || !inGlob(path)) continue;
      if (hits >= query.maxHits) return ok({ files, cut: { by: 'hits', limit: query.maxHits } });
      const found = searchInText(matcher.value, path, this.files.get(path) ?? '', query.context, query.maxHits - hits);
      if (!found.ok) return found;
      if (found.value === undefined) continue;
      files.push(found.value);
      hits += found.value.matches;
    }
    return ok({ files });
  }
}

/**
 * A stand-in for the path policy: normalizes `./`, refuses escapes and absolute paths, and denies
 * secrets (`.env*`) for every intent, and `protected/` for writes.
 */
export class FakeGuard implements PathGuard {
  readonly refusals: { raw: string; intent: PathIntent }[] = [];

  async resolve(raw: string, intent: PathIntent): Promise<Result<string>> {
    const path = raw.replace(/^\.\/+/, '').replace(/\/+$/, '');
    const refuse = (message: string): Result<string> => {
      this.refusals.push({ raw, intent });
      return fail('denied', message);
    };
    if (raw.startsWith('/') || path.split('/').includes('..')) return refuse(`${raw} is outside the workspace`);
    if (path.split('/').some((part) => part.startsWith('.env'))) return refuse(`${raw} is on the deny list (secrets)`);
    if (intent === 'write' && path.startsWith('protected/')) return refuse(`${raw} is protected by the plan's constraints`);
    return ok(path === '' ? '.' : path);
  }
}

export class RecordingSink implements ProposalSink {
  readonly batches: ProposedFile[][] = [];

  async apply(files: ProposedFile[]): Promise<void> {
    this.batches.push(files.map((f) => ({ ...f, stepRanges: [...f.stepRanges] })));
  }

  /** The latest state of each file across all batches. */
  latest(): Map<string, ProposedFile> {
    const out = new Map<string, ProposedFile>();
    for (const batch of this.batches) for (const file of batch) out.set(file.path, file);
    return out;
  }
}

/** A check's result by the run's number (0-based), or a fixed one; a string fails the check as not run. */
export type CheckScript = CheckOutcome | ((run: number) => CheckOutcome | string);

export class FakeChecks implements ChecksPort {
  readonly runs: { check: DeclaredCheck; proposals: ProposedFile[] }[] = [];
  constructor(public script: CheckScript = { exitCode: 0, output: 'all tests passed', timedOut: false }) {}

  async run(check: DeclaredCheck, proposals: ProposedFile[]): Promise<Result<CheckOutcome>> {
    const outcome = typeof this.script === 'function' ? this.script(this.runs.length) : this.script;
    this.runs.push({ check, proposals });
    return typeof outcome === 'string' ? fail('not_approved', outcome) : ok(outcome);
  }
}

export const systemClock = { now: (): number => performance.now() };

export function plan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    path: '.redline/plans/greeting.md',
    text: '# Greeting\n\n## Steps\n- [ ] s1 Rename greet\n- [ ] s2 Add farewell\n- [ ] s3 Test it\n\n## Checks\n- `npm test`\n',
    steps: [
      { id: 's1', title: 'Rename greet' },
      { id: 's2', title: 'Add farewell' },
      { id: 's3', title: 'Test it' },
    ],
    checks: [{ name: 'unit tests', command: 'npm test' }],
    ...overrides,
  };
}
