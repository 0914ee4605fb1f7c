import { FILTER_ATTRIBUTES, needsFilters, parseCheckAttr, type GitTextConfig } from '../../core/git/filters';
import { parseStatus, type StatusEntry } from '../../core/git/status';
import { fail, ok, type Result } from '../../core/result';
import { runGit, type GitCall } from './gitProcess';

/** Where a blob is read from: the index (stage 0) or HEAD. */
export type BlobSource = 'index' | 'HEAD';

export interface BlobRequest {
  readonly path: string;
  readonly from: BlobSource;
}

const PARALLEL_FILTERED_READS = 4;

/**
 * One git repository, reached with the git command (argument arrays, no shell). Paths are
 * relative to the repository root, with '/' separators, as git writes them.
 */
export class GitRepository {
  private textConfig: GitTextConfig | undefined;
  private readonly filtered = new Map<string, boolean>();

  private constructor(
    readonly root: string,
    /** The repository's git directory (`.git`, or elsewhere for a worktree), to watch its index. */
    readonly gitDir: string,
    private readonly git: string,
  ) {}

  /** The repository that holds `dir`, or undefined when `dir` is not in one. */
  static async open(git: string, dir: string): Promise<Result<GitRepository | undefined>> {
    const top = await runGit({ git, cwd: dir, args: ['rev-parse', '--show-toplevel', '--absolute-git-dir'], okCodes: [128] });
    if (!top.ok) return top;
    if (top.value.code !== 0) return ok(undefined);
    const [root = '', gitDir = ''] = top.value.stdout.toString('utf8').split('\n');
    return ok(root === '' ? undefined : new GitRepository(root, gitDir, git));
  }

  /** `git status` of the files under `pathspec` (relative to the root; '.' for all). */
  async status(pathspec: string): Promise<Result<StatusEntry[]>> {
    const out = await this.run(['status', '--porcelain=v2', '-z', '--untracked-files=all', '--', pathspec]);
    if (!out.ok) return out;
    const parsed = parseStatus(out.value.stdout.toString('utf8'));
    return parsed.ok ? parsed : fail(parsed.code, parsed.message);
  }

  /**
   * The texts of blobs as the working tree would have them (line endings and filters applied), by
   * `${from}:${path}`; null for a blob that does not exist. Files no filter touches are read in
   * one `git cat-file --batch`; the others one by one through `--filters`.
   */
  async readBlobs(requests: readonly BlobRequest[]): Promise<Result<Map<string, Uint8Array | null>>> {
    const out = new Map<string, Uint8Array | null>();
    if (requests.length === 0) return ok(out);
    const needs = await this.filteredPaths(requests.map((r) => r.path));
    if (!needs.ok) return needs;
    const batch = requests.filter((r) => !needs.value.has(r.path) && !/[\n\r]/.test(r.path));
    const single = requests.filter((r) => !batch.includes(r));
    if (batch.length > 0) {
      const read = await this.run(['cat-file', '--batch'], batch.map((r) => `${spec(r)}\n`).join(''));
      if (!read.ok) return read;
      const blobs = parseBatch(read.value.stdout, batch.length);
      if (!blobs.ok) return blobs;
      batch.forEach((r, i) => out.set(key(r), blobs.value[i] ?? null));
    }
    for (let i = 0; i < single.length; i += PARALLEL_FILTERED_READS) {
      const chunk = single.slice(i, i + PARALLEL_FILTERED_READS);
      const reads = await Promise.all(chunk.map((r) => this.run(['cat-file', '--filters', spec(r)], undefined, [128])));
      for (const [k, r] of reads.entries()) {
        const request = chunk[k];
        if (request === undefined) continue;
        if (!r.ok) return r;
        out.set(key(request), r.value.code === 0 ? new Uint8Array(r.value.stdout) : null);
      }
    }
    return ok(out);
  }

  /** Stages `text` at `path` (through the clean filter), or removes the path from the index (null). */
  async writeIndex(path: string, text: string | null, mode: string): Promise<Result<void>> {
    if (text === null) {
      const removed = await this.run(['update-index', '--force-remove', '--', path]);
      return removed.ok ? ok(undefined) : removed;
    }
    const hashed = await this.run(['hash-object', '-w', '--stdin', `--path=${path}`], new TextEncoder().encode(text));
    if (!hashed.ok) return hashed;
    const sha = hashed.value.stdout.toString('utf8').trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return fail('E_GIT', `git hash-object gave '${sha.slice(0, 80)}'`);
    const staged = await this.run(['update-index', '--add', '--cacheinfo', `${mode},${sha},${path}`]);
    return staged.ok ? ok(undefined) : staged;
  }

  /** Paths whose index text differs from the raw blob (line-ending conversion, filters). */
  private async filteredPaths(paths: readonly string[]): Promise<Result<Set<string>>> {
    const config = await this.config();
    if (!config.ok) return config;
    const unknown = [...new Set(paths)].filter((p) => !this.filtered.has(p));
    if (unknown.length > 0) {
      const attrs = await this.run(['check-attr', '-z', '--stdin', ...FILTER_ATTRIBUTES], unknown.map((p) => `${p}\0`).join(''));
      if (!attrs.ok) return attrs;
      const parsed = parseCheckAttr(attrs.value.stdout.toString('utf8'));
      for (const p of unknown) this.filtered.set(p, needsFilters(parsed.get(p) ?? new Map(), config.value));
    }
    return ok(new Set(paths.filter((p) => this.filtered.get(p))));
  }

  private async config(): Promise<Result<GitTextConfig>> {
    if (this.textConfig) return ok(this.textConfig);
    const out = await this.run(['config', '-z', '--get-regexp', '^core\\.(autocrlf|eol)$'], undefined, [1]);
    if (!out.ok) return out;
    const values = new Map<string, string>();
    for (const entry of out.value.stdout.toString('utf8').split('\0')) {
      const nl = entry.indexOf('\n');
      if (nl > 0) values.set(entry.slice(0, nl).toLowerCase(), entry.slice(nl + 1).toLowerCase());
    }
    const autocrlf = values.get('core.autocrlf');
    const eol = values.get('core.eol');
    this.textConfig = { nativeEol: process.platform === 'win32' ? 'crlf' : 'lf', ...(autocrlf ? { autocrlf } : {}), ...(eol ? { eol } : {}) };
    return ok(this.textConfig);
  }

  private run(args: readonly string[], input?: Uint8Array | string, okCodes?: readonly number[]): Promise<Result<{ stdout: Buffer; code: number }>> {
    const call: GitCall = { git: this.git, cwd: this.root, args, ...(input !== undefined ? { input } : {}), ...(okCodes ? { okCodes } : {}) };
    return runGit(call);
  }
}

function spec(r: BlobRequest): string {
  return r.from === 'index' ? `:${r.path}` : `HEAD:${r.path}`;
}

export function blobKey(from: BlobSource, path: string): string {
  return `${from}:${path}`;
}

function key(r: BlobRequest): string {
  return blobKey(r.from, r.path);
}

/** Splits `git cat-file --batch` output: "<oid> <type> <size>\n<bytes>\n", or "<name> missing\n". */
function parseBatch(out: Buffer, count: number): Result<(Uint8Array | null)[]> {
  const blobs: (Uint8Array | null)[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    const nl = out.indexOf(10, at);
    if (nl === -1) return fail('E_GIT', `git cat-file --batch ended early (${n} of ${count} objects)`);
    const header = out.toString('utf8', at, nl);
    at = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (m === null) {
      blobs.push(null);
      continue;
    }
    const size = Number(m[2]);
    blobs.push(m[1] === 'blob' ? new Uint8Array(out.subarray(at, at + size)) : null);
    at += size + 1;
  }
  return ok(blobs);
}
