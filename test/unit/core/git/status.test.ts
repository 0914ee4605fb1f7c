import * as assert from 'node:assert/strict';
import { planReview } from '../../../../src/core/git/reviewPlan';
import { parseStatus, type StatusEntry } from '../../../../src/core/git/status';

const SHA = 'b68025345d5301abad4d9ec9166f455243a0d746';
const line = (xy: string, modes: [string, string, string], path: string, sub = 'N...') => `1 ${xy} ${sub} ${modes.join(' ')} ${SHA} ${SHA} ${path}`;

// Recorded from `git status --porcelain=v2 -z --untracked-files=all` (git 2.39): a deletion, a
// chmod +x, a modification, a staged rename, a path with a space and an untracked file.
const RECORDED = [
  line('.D', ['100644', '100644', '000000'], 'del.txt'),
  line('.M', ['100644', '100644', '100755'], 'ex.sh'),
  line('.M', ['100644', '100644', '100644'], 'mod.txt'),
  `2 R. N... 100644 100644 100644 ${SHA} ${SHA} R100 new.txt`,
  'old.txt',
  line('.M', ['100644', '100644', '100644'], 'with space.txt'),
  '? untracked.txt',
  '',
].join('\0');

function parsed(text: string): StatusEntry[] {
  const r = parseStatus(text);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

describe('git status (porcelain v2 -z)', () => {
  it('parses changed, renamed, untracked entries with modes and paths with spaces', () => {
    const entries = parsed(RECORDED);
    assert.deepEqual(
      entries.map((e) => [e.kind, e.path]),
      [
        ['changed', 'del.txt'],
        ['changed', 'ex.sh'],
        ['changed', 'mod.txt'],
        ['renamed', 'new.txt'],
        ['changed', 'with space.txt'],
        ['untracked', 'untracked.txt'],
      ],
    );
    const renamed = entries[3];
    assert.ok(renamed?.kind === 'renamed');
    assert.equal(renamed.origPath, 'old.txt', 'the original path is the next NUL field');
    assert.deepEqual([renamed.x, renamed.y], ['R', '.']);
    const ex = entries[1];
    assert.ok(ex?.kind === 'changed');
    assert.deepEqual(ex.modes, { head: '100644', index: '100644', worktree: '100755' });
  });

  it('parses unmerged and submodule entries and skips headers', () => {
    const entries = parsed(
      [
        '# branch.oid abc',
        `u UU N... 100644 100644 100644 100644 ${SHA} ${SHA} ${SHA} conflict.txt`,
        line('.M', ['160000', '160000', '160000'], 'vendor/lib', 'SC.U'),
        '! ignored.log',
        '',
      ].join('\0'),
    );
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['unmerged', 'changed', 'ignored'],
    );
    const sub = entries[1];
    assert.ok(sub?.kind === 'changed');
    assert.deepEqual(sub.submodule, { commitChanged: true, modified: false, untracked: true });
  });

  it('refuses a line it does not know, with the line in the message', () => {
    const r = parseStatus('X what is this\0');
    assert.ok(!r.ok);
    assert.match(r.message, /unexpected status line: X what/);
  });
});

describe('planReview: which files a working-tree review shows', () => {
  it('against the index: unstaged changes and untracked files; a staged-only rename is not shown', () => {
    const plan = planReview(parsed(RECORDED), 'index');
    assert.deepEqual(
      plan.map((f) => [f.kind, f.path]),
      [
        ['text', 'del.txt'],
        ['text', 'ex.sh'],
        ['text', 'mod.txt'],
        ['text', 'with space.txt'],
        ['text', 'untracked.txt'],
      ],
    );
    const [del, ex, , , untracked] = plan;
    assert.ok(del?.kind === 'text' && ex?.kind === 'text' && untracked?.kind === 'text');
    assert.deepEqual([del.base, del.inIndex, del.inWorktree], ['index', true, false], 'a deletion has a base and no working-tree file');
    assert.deepEqual(ex.modeChange, { from: '100644', to: '100755' }, 'a chmod is reported');
    assert.equal(ex.mode, '100644', 'staging keeps the index mode');
    assert.deepEqual([untracked.base, untracked.inIndex, untracked.inWorktree], [null, false, true], 'an untracked file is a whole-file addition');
  });

  it('against HEAD: the staged rename is reviewed from its old path', () => {
    const plan = planReview(parsed(RECORDED), 'HEAD');
    const renamed = plan.find((f) => f.path === 'new.txt');
    assert.ok(renamed?.kind === 'text');
    assert.deepEqual([renamed.oldPath, renamed.base, renamed.inIndex], ['old.txt', 'HEAD', true]);
  });

  it('lists conflicts, submodules, symlinks and nested repositories with a note instead of diffing them', () => {
    const plan = planReview(
      parsed(
        [
          `u UU N... 100644 100644 100644 100644 ${SHA} ${SHA} ${SHA} conflict.txt`,
          line('.M', ['160000', '160000', '160000'], 'vendor/lib', 'SCM.'),
          line('.M', ['120000', '120000', '120000'], 'link'),
          '? nested/',
          '',
        ].join('\0'),
      ),
      'index',
    );
    assert.deepEqual(
      plan.map((f) => [f.kind, f.path, f.kind === 'listed' ? f.note : '']),
      [
        ['listed', 'conflict.txt', 'unmerged: resolve the conflict before reviewing this file'],
        ['listed', 'vendor/lib', 'submodule: new commits, modified content; not entered'],
        ['listed', 'link', 'symbolic link: not diffed'],
        ['listed', 'nested', 'a repository of its own: not entered'],
      ],
    );
  });

  it('against HEAD: `git rm --cached` is listed once, not as a deletion and an untracked file', () => {
    const plan = planReview(parsed([line('D.', ['100644', '000000', '000000'], 'kept.txt'), '? kept.txt', ''].join('\0')), 'HEAD');
    assert.deepEqual(
      plan.map((f) => [f.kind, f.path]),
      [['listed', 'kept.txt']],
    );
  });
});
