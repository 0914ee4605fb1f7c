import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { createChangeset } from '../../../../src/core/changeset/build';
import { decideHunk } from '../../../../src/core/changeset/decisions';
import type { Changeset, FileInput } from '../../../../src/core/changeset/types';
import { formatChangesetPatch } from '../../../../src/core/patch/format';
import { applyFilePatch } from '../../../../src/core/patch/fromPatch';
import { parseUnifiedDiff } from '../../../../src/core/patch/parse';
import { pairArb, RUNS } from '../changeset/arbitraries';

const FIXTURES = join(__dirname, '../../../fixtures/diff');

function make(files: FileInput[]): Changeset {
  const r = createChangeset({ id: 'cs', title: 't', source: 'agent', files });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', ...args], {
    cwd,
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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

  it('the open part alone (accepted and pending, not rejected) applies to the base and gives that text', () => {
    const base = Array.from({ length: 40 }, (_, i) => `line ${i + 1}\n`).join('');
    const proposed = base.replace('line 2\n', 'line two\n').replace('line 20\n', 'line twenty\n').replace('line 38\n', 'line thirty-eight\n');
    let cs = make([
      { path: 'm.txt', baseText: base, proposedText: proposed },
      { path: 'n.txt', baseText: null, proposedText: 'x\n' },
      { path: 'gone.txt', baseText: 'bye\n', proposedText: null },
    ]);
    const [first, second] = cs.files[0]!.hunks;
    for (const [id, decision] of [
      [first!.id, 'accept'],
      [second!.id, 'reject'],
      [cs.files[1]!.hunks[0]!.id, 'reject'],
    ] as const) {
      const r = decideHunk(cs, id, decision);
      assert.ok(r.ok, r.ok ? '' : r.message);
      cs = r.value;
    }
    const patch = formatChangesetPatch(cs);
    assert.ok(!patch.includes('n.txt'), 'a rejected created file is not in the patch');
    assert.ok(patch.includes('deleted file mode'), 'a pending deletion is in the patch');
    withRepo({ 'm.txt': base, 'gone.txt': 'bye\n' }, (dir) => {
      checkAndApply(dir, patch);
      assert.equal(
        readFileSync(join(dir, 'm.txt'), 'utf8'),
        base.replace('line 2\n', 'line two\n').replace('line 38\n', 'line thirty-eight\n'),
        'the accepted and the pending hunk, without the rejected one',
      );
      assert.equal(existsSync(join(dir, 'gone.txt')), false, 'the pending deletion is applied');
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
});
