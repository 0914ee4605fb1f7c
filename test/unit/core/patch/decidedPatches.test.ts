import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createChangeset } from '../../../../src/core/changeset/build';
import { decideHunk } from '../../../../src/core/changeset/decisions';
import { existsAfterDecisions, inPendingApplied, stateLookup, decidedText } from '../../../../src/core/changeset/items';
import type { Changeset, FileChange } from '../../../../src/core/changeset/types';
import { formatAcceptedPatch, formatPendingPatch } from '../../../../src/core/patch/format';
import { proposalsFromPatch } from '../../../../src/core/patch/fromPatch';
import { ok } from '../../../../src/core/result';
import { pairArb, RUNS, textArb } from '../changeset/arbitraries';

type Files = Record<string, string | null>;
type Decision = 'accept' | 'reject' | 'pending';

const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', ...args], { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

/** Writes `files` into `dir` (null: no such file). */
function put(dir: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path), { force: true });
    else writeFileSync(join(dir, path), text);
  }
}

function read(dir: string, paths: readonly string[]): Files {
  return Object.fromEntries(paths.map((p) => [p, existsSync(join(dir, p)) ? readFileSync(join(dir, p), 'utf8') : null]));
}

/** `git apply --check`, then `git apply`, of `patch` in `dir`; throws git's message when refused. */
function gitApply(dir: string, patch: string): void {
  if (patch === '') return;
  const file = join(dir, '..', `${Math.random().toString(36).slice(2)}.patch`);
  writeFileSync(file, patch);
  try {
    git(dir, ['apply', '--check', file]);
    git(dir, ['apply', file]);
  } finally {
    rmSync(file, { force: true });
  }
}

/** The changeset of `base` → `proposed`, with `decisions` taken on its hunks in file order (pending beyond the list). */
function decided(base: Files, proposed: Files, decisions: readonly Decision[]): Changeset {
  const made = createChangeset({
    id: 'cs',
    title: 't',
    source: 'patch:t.diff',
    files: Object.keys(proposed).map((path) => ({ path, baseText: base[path] ?? null, proposedText: proposed[path] ?? null })),
  });
  assert.ok(made.ok, made.ok ? '' : made.message);
  let cs = made.value;
  const ids = cs.files.flatMap((f) => f.hunks.map((h) => h.id));
  ids.forEach((id, k) => {
    const d = decisions[k] ?? 'pending';
    if (d === 'pending') return;
    const r = decideHunk(cs, id, d);
    assert.ok(r.ok, r.ok ? '' : r.message);
    cs = r.value;
  });
  return cs;
}

const textWith = (file: FileChange, exists: boolean, holds: (f: FileChange) => string): string | null => (exists ? holds(file) : null);
const decidedFiles = (cs: Changeset): Files => Object.fromEntries(cs.files.map((f) => [f.path, textWith(f, existsAfterDecisions(f), decidedText)]));
function openFiles(cs: Changeset): Files {
  return Object.fromEntries(
    cs.files.map((f) => {
      const stateOf = stateLookup(f.hunks);
      const live = f.hunks.filter((h) => h.state === 'pending' || h.state === 'accepted');
      const exists = f.status === 'added' ? live.length > 0 : f.status === 'deleted' ? live.length < f.hunks.length : true;
      return [
        f.path,
        exists
          ? f.items
              .filter((i) => inPendingApplied(i, stateOf))
              .map((i) => i.text)
              .join('')
          : null,
      ];
    }),
  );
}

/** What proposalsFromPatch makes of `patch` against `files`: every file's text afterwards. */
async function appliedInCore(patch: string, files: Files): Promise<Files> {
  if (patch === '') return files;
  const r = await proposalsFromPatch(patch, async (p) => ok(files[p] ?? null));
  assert.ok(r.ok, r.ok ? '' : `the patch must apply: ${r.message}\n${patch}`);
  assert.deepEqual(r.value.failures, [], 'no file of the patch may fail');
  return { ...files, ...Object.fromEntries(r.value.files.map((f) => [f.path, f.newText])) };
}

const nonEmpty = textArb.filter((t) => t.length > 0);
const casesArb = fc.record({
  pair: pairArb,
  created: nonEmpty,
  deleted: nonEmpty,
  decisions: fc.array(fc.constantFrom<Decision>('accept', 'reject', 'pending'), { maxLength: 12 }),
});
const scene = ({
  pair,
  created,
  deleted,
}: {
  pair: { base: string; proposed: string };
  created: string;
  deleted: string;
}): { base: Files; proposed: Files } => ({
  base: { 'm.txt': pair.base, 'n.txt': null, 'd.txt': deleted },
  proposed: { 'm.txt': pair.proposed, 'n.txt': created, 'd.txt': null },
});

describe('core/patch: the accepted part and the pending part as patches', function () {
  // The round trip spawns git a few times per case: slow on a loaded machine, never a hang.
  this.timeout(180_000);
  it('Copy Accepted: the accepted hunks against the base; Save Open Hunks: the pending ones against the files as they are now', async () => {
    const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
    const proposed = base.replace('line 2\n', 'line two\n').replace('line 15\n', 'line fifteen\n').replace('line 28\n', 'line 28\r\n');
    const cs = decided({ 'm.txt': base, 'n.txt': null, 'd.txt': 'bye\n' }, { 'm.txt': proposed, 'n.txt': 'new\n', 'd.txt': null }, [
      'accept',
      'reject',
      'pending',
      'pending',
      'accept',
    ]);
    const accepted = formatAcceptedPatch(cs);
    assert.match(accepted, /\+line two\n/, 'the accepted hunk is in the accepted patch');
    assert.doesNotMatch(accepted, /fifteen|line 28\r|n\.txt/, 'neither the rejected nor a pending hunk is');
    assert.match(accepted, /deleted file mode 100644\n--- a\/d\.txt\n\+\+\+ \/dev\/null\n/, 'the accepted deletion is');
    const pending = formatPendingPatch(cs);
    assert.match(
      pending,
      /^diff --git a\/m\.txt b\/m\.txt\n--- a\/m\.txt\n\+\+\+ b\/m\.txt\n@@ -25,6 \+25,6 @@\n/,
      `only the pending hunk of m.txt: ${pending}`,
    );
    assert.match(pending, /-line 28\n\+line 28\r\n/, 'the CR the hunk adds is kept');
    assert.match(pending, /new file mode 100644\n--- \/dev\/null\n\+\+\+ b\/n\.txt\n/, 'the pending created file');
    assert.doesNotMatch(pending, /d\.txt|fifteen/, 'the accepted deletion and the rejected hunk are not pending');
    assert.equal(formatPendingPatch(decided({ 'a.txt': 'a\n' }, { 'a.txt': 'b\n' }, ['accept'])), '', 'nothing pending, no patch');
    assert.equal(formatAcceptedPatch(decided({ 'a.txt': 'a\n' }, { 'a.txt': 'b\n' }, ['reject'])), '', 'nothing accepted, no patch');
  });

  it(`any decisions: the accepted patch takes the base to the files as decided, the pending patch takes those to every open hunk (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(casesArb, async (c) => {
        const { base, proposed } = scene(c);
        const cs = decided(base, proposed, c.decisions);
        const now = await appliedInCore(formatAcceptedPatch(cs), base);
        assert.deepEqual(now, decidedFiles(cs), 'the accepted patch on the base gives the decided files');
        assert.deepEqual(await appliedInCore(formatPendingPatch(cs), now), openFiles(cs), 'the pending patch on them gives every open hunk applied');
      }),
      { numRuns: RUNS },
    );
  });

  it('round trip through real git: git diff → proposals → changeset with decisions → both patches pass git apply --check where they apply (15 cases)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redline-decided-'));
    const repo = join(dir, 'repo');
    try {
      execFileSync('mkdir', [repo]);
      git(repo, ['init', '-q']);
      await fc.assert(
        fc.asyncProperty(casesArb, async (c) => {
          const { base, proposed } = scene(c);
          put(repo, base);
          git(repo, ['add', '-A']);
          git(repo, ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'base']);
          put(repo, proposed);
          git(repo, ['add', '-A']);
          const patch = git(repo, ['diff', '--cached', '--no-renames']);
          git(repo, ['reset', '-q', '--hard']);

          const fromPatch = await appliedInCore(patch, base);
          assert.deepEqual(fromPatch, proposed, "git diff's patch, applied by the core, gives the proposal");
          const cs = decided(base, fromPatch, c.decisions);
          gitApply(repo, formatAcceptedPatch(cs));
          assert.deepEqual(read(repo, Object.keys(base)), decidedFiles(cs), 'git apply of the accepted patch on the base');
          gitApply(repo, formatPendingPatch(cs));
          assert.deepEqual(read(repo, Object.keys(base)), openFiles(cs), 'git apply of the pending patch on the decided files');
        }),
        { numRuns: 15 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
