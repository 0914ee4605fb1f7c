import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { createChangeset } from '../../../../src/core/changeset/build';
import { acceptHunk } from '../../../../src/core/changeset/decisions';
import type { Changeset, FileInput } from '../../../../src/core/changeset/types';
import { formatChangesetPatch } from '../../../../src/core/patch/format';
import { applyFilePatch, changesetFromPatch } from '../../../../src/core/patch/fromPatch';
import { parseUnifiedDiff } from '../../../../src/core/patch/parse';
import { pairArb, RUNS } from '../changeset/arbitraries';

const FIXTURES = join(__dirname, '../../../fixtures/diff');

function make(files: FileInput[]): Changeset {
  const r = createChangeset({ id: 'cs', title: 't', source: 'agent', files });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', ...args], { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A throwaway repository holding `files` committed; removed after `body`. */
function withRepo(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'redline-patch-'));
  try {
    git(dir, ['init', '-q']);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(dir, ['add', '-A']);
    git(dir, ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'base']);
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkAndApply(dir: string, patch: string): void {
  writeFileSync(join(dir, '.patch'), patch);
  // Throws with git's message when the patch is refused.
  git(dir, ['apply', '--check', '.patch']);
  git(dir, ['apply', '.patch']);
}

describe('core/patch', () => {
  const names = readdirSync(FIXTURES).filter((n) => !n.includes('.'));

  it('every fixture round-trips through git apply --check and git apply, byte for byte', () => {
    const files: Record<string, string> = {};
    const inputs: FileInput[] = [];
    for (const name of names) {
      const base = readFileSync(join(FIXTURES, name, 'base.txt'), 'utf8');
      const proposed = readFileSync(join(FIXTURES, name, 'proposed.txt'), 'utf8');
      files[`${name}.txt`] = base;
      inputs.push({ path: `${name}.txt`, baseText: base, proposedText: proposed });
    }
    files['gone.txt'] = 'bye\r\nnow';
    files['old name.txt'] = 'same\ncontent\nhere\n';
    inputs.push({ path: 'dir/created.txt', baseText: null, proposedText: 'new\r\nfile' });
    inputs.push({ path: 'gone.txt', baseText: 'bye\r\nnow', proposedText: null });
    inputs.push({ path: 'new name.txt', oldPath: 'old name.txt', baseText: 'same\ncontent\nhere\n', proposedText: 'same\ncontent\nthere\n' });
    const cs = make(inputs);
    withRepo(files, (dir) => {
      checkAndApply(dir, formatChangesetPatch(cs));
      for (const f of inputs) {
        const path = join(dir, f.path);
        if (f.proposedText === null) assert.equal(existsSync(path), false, `${f.path} must be deleted`);
        else assert.equal(readFileSync(path, 'utf8'), f.proposedText, `${f.path} after git apply must equal the proposal`);
      }
      assert.equal(existsSync(join(dir, 'old name.txt')), false, 'the rename removed the old path');
    });
  });

  it('the accepted part alone applies and gives the decided text', () => {
    const base = readFileSync(join(FIXTURES, 'moved-block', 'base.txt'), 'utf8');
    const proposed = readFileSync(join(FIXTURES, 'moved-block', 'proposed.txt'), 'utf8');
    let cs = make([{ path: 'm.txt', baseText: base, proposedText: proposed }, { path: 'n.txt', baseText: null, proposedText: 'x\n' }]);
    const first = cs.files[0]!.hunks[0]!;
    const r = acceptHunk(cs, first.id);
    assert.ok(r.ok);
    cs = r.value;
    const patch = formatChangesetPatch(cs, { scope: 'accepted' });
    assert.ok(!patch.includes('n.txt'), 'an undecided created file is not in the accepted patch');
    withRepo({ 'm.txt': base }, (dir) => {
      checkAndApply(dir, patch);
      const parsed = parseUnifiedDiff(patch);
      assert.ok(parsed.ok);
      const fp = parsed.value[0]!;
      const expected = applyFilePatch(base, fp);
      assert.ok(expected.ok);
      assert.equal(readFileSync(join(dir, 'm.txt'), 'utf8'), expected.value, 'git and our parser agree on the accepted patch');
    });
  });

  it(`format -> parse -> apply gives the proposal (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(pairArb, ({ base, proposed }) => {
        const patch = formatChangesetPatch(make([{ path: 'p', baseText: base, proposedText: proposed }]));
        const parsed = parseUnifiedDiff(patch);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
        if (base === proposed) return assert.equal(parsed.value.length, 0, 'no change, no patch');
        const applied = applyFilePatch(base, parsed.value[0]!);
        assert.ok(applied.ok, applied.ok ? '' : applied.message);
        assert.equal(applied.value, proposed, 'the parsed patch must reproduce the proposal');
      }),
      { numRuns: RUNS },
    );
  });

  it('imports real git diff output: new, deleted, renamed, CRLF, no final newline, binary listed', () => {
    const patch = readFileSync(join(FIXTURES, 'git-working-tree.diff'), 'utf8');
    const bases: Record<string, string> = { 'keep.txt': 'a\nb\nc\n', 'old.txt': 'gone\n', 'win.txt': 'x\r\ny\r\n', 'moved.txt': Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join('') };
    const r = changesetFromPatch({ id: 'g', title: 'working tree', patch, readBase: (p) => bases[p] });
    assert.ok(r.ok, r.ok ? '' : r.message);
    const { changeset, binary } = r.value;
    assert.deepEqual(binary, [{ path: 'img.bin', oldPath: 'img.bin' }], 'the binary file is listed, not diffed');
    const byPath = new Map(changeset.files.map((f) => [f.path, f]));
    assert.deepEqual([...byPath.keys()].sort(), ['added.txt', 'keep.txt', 'old.txt', 'renamed.txt', 'win.txt'], 'every text file is imported');
    assert.equal(byPath.get('added.txt')?.status, 'added', 'new file');
    assert.equal(byPath.get('old.txt')?.status, 'deleted', 'deleted file');
    assert.equal(byPath.get('renamed.txt')?.oldPath, 'moved.txt', 'rename keeps the old path');
    assert.equal(byPath.get('keep.txt')?.proposedText, 'a\nB\nc', 'no final newline survives');
    assert.equal(byPath.get('win.txt')?.proposedText, 'x\r\nY\r\n', 'CRLF survives');
    assert.equal(changeset.source, 'git', 'source defaults to git');
  });

  it('a patch that does not apply, or is not a patch, is an error naming the problem', () => {
    const patch = readFileSync(join(FIXTURES, 'git-working-tree.diff'), 'utf8');
    const bases: Record<string, string> = { 'keep.txt': 'a\nX\nc\n', 'old.txt': 'gone\n', 'win.txt': 'x\r\ny\r\n', 'moved.txt': '' };
    const r = changesetFromPatch({ id: 'g', title: '', patch, readBase: (p) => bases[p] });
    assert.ok(!r.ok && r.code === 'E_PATCH_DOES_NOT_APPLY' && /keep\.txt: hunk 1 does not apply at line 2/.test(r.message), `got ${r.ok ? 'success' : r.message}`);
    const missing = changesetFromPatch({ id: 'g', title: '', patch, readBase: () => undefined });
    assert.ok(!missing.ok && missing.code === 'E_MISSING_BASE', 'a missing base is named');
    const junk = parseUnifiedDiff('hello world\n');
    assert.ok(!junk.ok && junk.code === 'E_PATCH_SYNTAX', 'text without a file header is not a patch');
    const short = parseUnifiedDiff('--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n');
    assert.ok(!short.ok && /ends early/.test(short.message), 'a truncated hunk is named');
  });
});
