import { decidedText, existsAfterDecisions } from '../changeset/items';
import { replaceFiles } from '../changeset/locate';
import { rebaseFile } from '../changeset/rebase';
import type { Changeset, FileChange, HunkRecord, HunkRevision, Item, LineKind } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { flagChangeset, type FlagContext, type FlagRules } from './flags';
import type { ResolvedFile, ReviewWorkspace } from './ports';
import type { ChangesetEntry } from './changesetEntry';
import type { ReviewStep } from '../../shared/reviewProtocol';
import { restoreMarks, serializeMarks, type SeenMarks } from './seenMarks';

/**
 * A changeset as stored between windows: everything the review needs to carry on (base and
 * proposed texts, the merged lines with their hunks, decisions, reasons, revisions, flags, which
 * flagged hunks were seen), as plain JSON. The undo history is not kept: like an editor's undo
 * stack it belongs to the window, and its copies of whole files would multiply the record.
 */
export interface ChangesetRecord {
  readonly version: typeof CHANGESET_RECORD_VERSION;
  readonly savedAt: number;
  readonly changeset: { readonly id: string; readonly title: string; readonly source: string; readonly files: readonly FileChange[] };
  readonly seen: readonly string[];
  readonly flagContext?: FlagContext;
  readonly runId?: string;
  readonly steps?: readonly ReviewStep[];
}

/** What a valid record gives back, ready for `ReviewSession.restore`. */
export interface StoredChangeset {
  readonly changeset: Changeset;
  readonly seen: SeenMarks;
  readonly savedAt: number;
  readonly flagContext?: FlagContext;
  readonly runId?: string;
  readonly steps?: readonly ReviewStep[];
}

export const CHANGESET_RECORD_VERSION = 1;

/** Ids become file names in the store: no separators, nothing long. */
export const CHANGESET_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function serializeChangeset(entry: ChangesetEntry, savedAt: number): ChangesetRecord {
  const { id, title, source, files } = entry.changeset;
  return {
    version: CHANGESET_RECORD_VERSION,
    savedAt,
    changeset: { id, title, source, files },
    seen: serializeMarks(entry.seen),
    ...(entry.flagContext === undefined ? {} : { flagContext: entry.flagContext }),
    ...(entry.runId === undefined ? {} : { runId: entry.runId }),
    ...(entry.steps === undefined ? {} : { steps: entry.steps }),
  };
}

/**
 * A stored changeset as a session entry: its files resolved again and rebased onto their current
 * text, so what changed meanwhile makes the hunks it touches stale and no character the user has
 * is lost. A file that cannot be read or rebased now is kept as stored; deciding on it later says
 * why it cannot apply.
 */
export async function restoredEntry(workspace: ReviewWorkspace, rules: FlagRules, stored: StoredChangeset): Promise<Result<ChangesetEntry>> {
  const files = new Map<string, ResolvedFile>();
  const rebased = new Map<number, FileChange>();
  for (const [i, file] of stored.changeset.files.entries()) {
    const r = await workspace.resolve(file.path);
    if (!r.ok) return fail(r.code, `${file.path}: ${r.message}`);
    if (r.value.path !== file.path) return fail('E_INPUT', `${file.path} now resolves to ${r.value.path}`);
    files.set(file.path, r.value);
    const texts = await workspace.read(r.value);
    const current = texts.ok ? texts.value.current : null;
    if (current === null || !existsAfterDecisions(file) || current === decidedText(file)) continue;
    const moved = rebaseFile(file, current);
    if (moved.ok) rebased.set(i, moved.value);
  }
  const cs = rebased.size > 0 ? replaceFiles(stored.changeset, rebased) : stored.changeset;
  const { changeset, details } = flagChangeset(rules, cs, stored.flagContext);
  return ok({
    changeset,
    files,
    flags: details,
    seen: stored.seen,
    ...(stored.flagContext ? { flagContext: stored.flagContext } : {}),
    ...(stored.runId ? { runId: stored.runId } : {}),
    ...(stored.steps ? { steps: stored.steps } : {}),
  });
}

/**
 * Checks a stored record field by field and rebuilds it from the checked values only. Anything
 * that does not fit (a damaged file, a record of another version) is a failure whose message
 * names the first problem and where it is; nothing of it is used.
 */
export function restoreChangeset(value: unknown): Result<StoredChangeset, 'E_RECORD'> {
  const check = new Check();
  const restored = readRecord(check, value);
  return check.first === undefined ? ok(restored) : fail('E_RECORD', `changeset record: ${check.first}`);
}

type Json = unknown;

/**
 * Reads JSON against the expected shape. A mismatch is noted (the first one is kept) and a
 * neutral value returned, so reading goes on without exceptions and the caller throws the
 * result away when anything was noted.
 */
class Check {
  first: string | undefined;

  problem(where: string, what: string): void {
    this.first ??= `${where} ${what}`;
  }

  obj(value: Json, where: string): Record<string, Json> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, Json>;
    this.problem(where, 'must be an object');
    return {};
  }

  arr(value: Json, where: string): Json[] {
    if (Array.isArray(value)) return value;
    this.problem(where, 'must be an array');
    return [];
  }

  str(value: Json, where: string, nonEmpty = false): string {
    if (typeof value === 'string' && (!nonEmpty || value !== '')) return value;
    this.problem(where, nonEmpty ? 'must be a non-empty string' : 'must be a string');
    return '';
  }

  optStr(value: Json, where: string): string | undefined {
    return value === undefined ? undefined : this.str(value, where);
  }

  textOrNull(value: Json, where: string): string | null {
    return value === null ? null : this.str(value, where);
  }

  int(value: Json, where: string, min: number): number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    this.problem(where, `must be an integer of at least ${min}`);
    return min;
  }

  oneOf<T extends string>(value: Json, where: string, values: readonly [T, ...T[]]): T {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    this.problem(where, `must be one of ${values.join(', ')}`);
    return values[0];
  }

  strings(value: Json, where: string): string[] {
    return this.arr(value, where).map((s, i) => this.str(s, `${where}[${i}]`));
  }
}

const lineKinds: readonly [LineKind, ...LineKind[]] = ['context', 'removed', 'added'];

function readRecord(c: Check, value: Json): StoredChangeset {
  const record = c.obj(value, 'the record');
  if (record['version'] !== CHANGESET_RECORD_VERSION) {
    c.problem('the record', `has version ${JSON.stringify(record['version'])}; this Redline reads version ${CHANGESET_RECORD_VERSION}`);
  }
  const savedAt = record['savedAt'];
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) c.problem('savedAt', 'must be a time');
  const cs = c.obj(record['changeset'], 'changeset');
  const id = c.str(cs['id'], 'changeset.id', true);
  if (!CHANGESET_ID.test(id)) c.problem('changeset.id', `${JSON.stringify(id.slice(0, 120))} is not a changeset id`);
  const hunkIds = new Set<string>();
  const files = c.arr(cs['files'], 'changeset.files').map((f, i) => readFile(c, f, `changeset.files[${i}]`, hunkIds));
  if (files.length === 0) c.problem('changeset.files', 'is empty');
  const paths = new Set<string>();
  for (const f of files) {
    if (paths.has(f.path)) c.problem('changeset.files', `name ${f.path} twice`);
    paths.add(f.path);
  }
  const flagContext = record['flagContext'] === undefined ? undefined : readFlagContext(c, record['flagContext']);
  const runId = c.optStr(record['runId'], 'runId');
  const steps =
    record['steps'] === undefined
      ? undefined
      : c.arr(record['steps'], 'steps').map((s, i) => {
          const step = c.obj(s, `steps[${i}]`);
          return { id: c.str(step['id'], `steps[${i}].id`, true), title: c.str(step['title'], `steps[${i}].title`) };
        });
  const changeset: Changeset = { id, title: c.str(cs['title'], 'changeset.title'), source: c.str(cs['source'], 'changeset.source', true), files, undo: [] };
  const marks = restoreMarks(c.strings(record['seen'], 'seen'), changeset);
  for (const h of marks.keys()) if (!hunkIds.has(h)) marks.delete(h);
  return {
    changeset,
    seen: marks,
    savedAt: typeof savedAt === 'number' ? savedAt : 0,
    ...(flagContext === undefined ? {} : { flagContext }),
    ...(runId === undefined ? {} : { runId }),
    ...(steps === undefined ? {} : { steps }),
  };
}

function readFile(c: Check, value: Json, where: string, hunkIds: Set<string>): FileChange {
  const f = c.obj(value, where);
  const path = c.str(f['path'], `${where}.path`, true);
  const oldPath = c.optStr(f['oldPath'], `${where}.oldPath`);
  const hunks = c.arr(f['hunks'], `${where}.hunks`).map((h, i) => readHunk(c, h, `${where}.hunks[${i}]`));
  const own = new Set<string>();
  for (const h of hunks) {
    if (hunkIds.has(h.id)) c.problem(`${where}.hunks`, `use the id ${h.id} twice`);
    hunkIds.add(h.id);
    own.add(h.id);
  }
  const items = c.arr(f['items'], `${where}.items`).map((raw, i): Item => {
    const at = `${where}.items[${i}]`;
    const item = c.obj(raw, at);
    const kind = c.oneOf(item['kind'], `${at}.kind`, lineKinds);
    const text = c.str(item['text'], `${at}.text`);
    if (kind === 'context') {
      if (item['hunk'] !== undefined) c.problem(at, 'is a context line with a hunk');
      return { kind, text };
    }
    const hunk = c.str(item['hunk'], `${at}.hunk`, true);
    if (!own.has(hunk)) c.problem(`${at}.hunk`, `names ${hunk}, which is not a hunk of ${path}`);
    return { kind, text, hunk };
  });
  return {
    path,
    ...(oldPath === undefined ? {} : { oldPath }),
    status: c.oneOf(f['status'], `${where}.status`, ['modified', 'added', 'deleted', 'renamed']),
    context: c.int(f['context'], `${where}.context`, 0),
    baseText: c.textOrNull(f['baseText'], `${where}.baseText`),
    proposedText: c.textOrNull(f['proposedText'], `${where}.proposedText`),
    items,
    hunks,
  };
}

function readHunk(c: Check, value: Json, where: string): HunkRecord {
  const h = c.obj(value, where);
  const reason = c.optStr(h['reason'], `${where}.reason`);
  const staleReason = c.optStr(h['staleReason'], `${where}.staleReason`);
  const freshBase = c.optStr(h['freshBase'], `${where}.freshBase`);
  if (h['detached'] !== undefined && typeof h['detached'] !== 'boolean') c.problem(`${where}.detached`, 'must be true or false');
  // Records from before edited accepts have no `edited`: such a hunk is an ordinary one.
  const edited = h['edited'] === undefined ? undefined : { proposed: c.str(c.obj(h['edited'], `${where}.edited`)['proposed'], `${where}.edited.proposed`) };
  const history = c.arr(h['history'], `${where}.history`).map((raw, i): HunkRevision => {
    const at = `${where}.history[${i}]`;
    const r = c.obj(raw, at);
    const lines = c.arr(r['lines'], `${at}.lines`).map((l, k) => {
      const line = c.obj(l, `${at}.lines[${k}]`);
      return { kind: c.oneOf(line['kind'], `${at}.lines[${k}].kind`, lineKinds), text: c.str(line['text'], `${at}.lines[${k}].text`) };
    });
    return { revision: c.int(r['revision'], `${at}.revision`, 1), lines, replacedBy: c.str(r['replacedBy'], `${at}.replacedBy`) };
  });
  return {
    id: c.str(h['id'], `${where}.id`, true),
    state: c.oneOf(h['state'], `${where}.state`, ['pending', 'accepted', 'rejected', 'stale']),
    ...(reason === undefined ? {} : { reason }),
    ...(staleReason === undefined ? {} : { staleReason }),
    ...(freshBase === undefined ? {} : { freshBase }),
    revision: c.int(h['revision'], `${where}.revision`, 1),
    history,
    flags: c.strings(h['flags'], `${where}.flags`),
    steps: c.strings(h['steps'], `${where}.steps`),
    ...(h['intent'] === undefined ? {} : { intent: c.str(h['intent'], `${where}.intent`) }),
    ...(h['detached'] === true ? { detached: true } : {}),
    ...(edited === undefined ? {} : { edited }),
  };
}

function readFlagContext(c: Check, value: Json): FlagContext {
  const ctx = c.obj(value, 'flagContext');
  const constraints = ctx['constraints'] === undefined ? undefined : c.strings(ctx['constraints'], 'flagContext.constraints');
  let tripwires: FlagContext['tripwires'];
  if (ctx['tripwires'] !== undefined) {
    const t = c.obj(ctx['tripwires'], 'flagContext.tripwires');
    const paths = t['planContextPaths'] === undefined ? undefined : c.strings(t['planContextPaths'], 'flagContext.tripwires.planContextPaths');
    const threshold = t['deletionThreshold'] === undefined ? undefined : c.int(t['deletionThreshold'], 'flagContext.tripwires.deletionThreshold', 1);
    tripwires = { ...(paths === undefined ? {} : { planContextPaths: paths }), ...(threshold === undefined ? {} : { deletionThreshold: threshold }) };
  }
  return { ...(constraints === undefined ? {} : { constraints }), ...(tripwires === undefined ? {} : { tripwires }) };
}
