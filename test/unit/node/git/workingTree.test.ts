import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { lines } from '../../core/git/support';
import { reviewRepo } from './support';
import { TempRepo } from './tempRepo';

function ok<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

describe('working-tree review on a real git repository', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.remove());

  const base = lines(40);
  const three = base.replace('line 2\n', 'line two\n').replace('line 20\n', 'line twenty\n').replace('line 38\n', 'line thirty-eight\n');

  it('accepting one hunk of three stages exactly that hunk; the working tree is untouched', async () => {
    repo.write('src/a.txt', base);
    repo.commitAll();
    repo.write('src/a.txt', three);
    const r = await reviewRepo(repo);
    const hunks = r.hunks('src/a.txt');
    assert.equal(hunks.length, 3);
    ok(await r.session.decide(r.id, hunks[1]!.id, 'accept'));
    assert.equal(
      repo.staged(),
      [
        'diff --git a/src/a.txt b/src/a.txt',
        '--- a/src/a.txt',
        '+++ b/src/a.txt',
        '@@ -17,7 +17,7 @@ line 16',
        ' line 17',
        ' line 18',
        ' line 19',
        '-line 20',
        '+line twenty',
        ' line 21',
        ' line 22',
        ' line 23',
        '',
      ].join('\n'),
    );
    assert.equal(repo.read('src/a.txt'), three, 'staging must not touch the working tree');
    ok(await r.session.undo(r.id));
    assert.equal(repo.staged(), '', 'undoing the accept unstages it');
  });

  it('accepting selected lines stages half a hunk', async () => {
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('a.txt', base.replace('line 10\n', 'line 10\nnew a\nnew b\nnew c\nnew d\n'));
    const r = await reviewRepo(repo);
    ok(await r.session.decideLines(r.id, r.hunks()[0]!.id, [0, 1], 'accept'));
    assert.match(repo.staged(), /^\+new a\n\+new b\n/m);
    assert.doesNotMatch(repo.staged(), /new c|new d/, 'the unselected lines must stay unstaged');
    assert.match(repo.git('diff', '--no-color'), /^\+new c\n\+new d\n/m, 'the rest is still in the working tree');
  });

  it('rejecting reverts exactly that hunk in the working tree and stages nothing', async () => {
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('a.txt', three);
    const r = await reviewRepo(repo);
    ok(await r.session.decide(r.id, r.hunks()[0]!.id, 'reject', 'keep digits'));
    assert.equal(repo.read('a.txt'), three.replace('line two\n', 'line 2\n'));
    assert.equal(repo.staged(), '');
    assert.equal(r.session.get(r.id)!.changeset.files[0]!.hunks[0]!.reason, 'keep digits', 'the reason is kept for the agent');
  });

  it('an untracked file is a whole-file addition; accepting adds it with its executable bit', async () => {
    repo.write('README', 'x\n');
    repo.commitAll();
    repo.write('bin/run.sh', '#!/bin/sh\necho hi\n');
    fs.chmodSync(`${repo.root}/bin/run.sh`, 0o755);
    const r = await reviewRepo(repo);
    assert.deepEqual(
      r.session.get(r.id)!.changeset.files.map((f) => [f.path, f.status]),
      [['bin/run.sh', 'added']],
    );
    ok(await r.session.decide(r.id, r.hunks()[0]!.id, 'accept'));
    assert.match(repo.git('ls-files', '-s', 'bin/run.sh'), /^100755 /, 'a new executable file is staged as 100755');
  });

  it('accepting a deletion stages it; a modified file keeps its mode when staged', async () => {
    repo.write('gone.txt', 'bye\n');
    repo.write('tool.sh', base);
    fs.chmodSync(`${repo.root}/tool.sh`, 0o755);
    repo.commitAll();
    fs.rmSync(`${repo.root}/gone.txt`);
    repo.write('tool.sh', three);
    const r = await reviewRepo(repo);
    for (const h of r.hunks()) ok(await r.session.decide(r.id, h.id, 'accept'));
    assert.equal(repo.git('status', '--porcelain'), 'D  gone.txt\nM  tool.sh\n');
    assert.match(repo.git('ls-files', '-s', 'tool.sh'), /^100755 /);
  });

  it('CRLF lines are staged byte for byte', async () => {
    const crlf = base.replace(/\n/g, '\r\n');
    repo.write('win.txt', crlf);
    repo.commitAll();
    repo.write('win.txt', crlf.replace('line 5\r\n', 'line five\r\n').replace('line 30\r\n', 'line thirty\r\n'));
    const r = await reviewRepo(repo);
    ok(await r.session.decide(r.id, r.hunks()[0]!.id, 'accept'));
    const staged = repo.git('show', ':win.txt');
    assert.equal(staged, crlf.replace('line 5\r\n', 'line five\r\n'), 'the index must hold CRLF lines, changed only in the accepted hunk');
  });

  it("with core.autocrlf the index text is read through git's filters, so only real changes are hunks", async () => {
    repo.git('config', 'core.autocrlf', 'true');
    repo.write('auto.txt', base);
    repo.commitAll();
    fs.rmSync(`${repo.root}/auto.txt`);
    repo.git('checkout', '--', 'auto.txt');
    assert.match(repo.read('auto.txt'), /\r\n/, 'checkout wrote CRLF');
    repo.write('auto.txt', repo.read('auto.txt').replace('line 7\r\n', 'line seven\r\n'));
    const r = await reviewRepo(repo);
    const changed = r.session.get(r.id)!.changeset.files[0]!.items.filter((i) => i.kind !== 'context');
    assert.deepEqual(
      changed.map((i) => i.text),
      ['line 7\r\n', 'line seven\r\n'],
      'line endings alone must not make changed lines',
    );
    ok(await r.session.decide(r.id, r.hunks()[0]!.id, 'accept'));
    assert.equal(repo.git('cat-file', 'blob', ':auto.txt'), base.replace('line 7\n', 'line seven\n'), 'the clean filter stored LF');
  });

  it('against HEAD: a staged rename is one renamed file, and what is staged shows accepted', async () => {
    repo.write('old.txt', base);
    repo.commitAll();
    repo.git('mv', 'old.txt', 'new.txt');
    repo.write('new.txt', three);
    repo.git('add', 'new.txt');
    repo.write('new.txt', three.replace('line 10\n', 'line ten\n'));
    const r = await reviewRepo(repo, 'HEAD');
    const [file] = r.session.get(r.id)!.changeset.files;
    assert.deepEqual([file?.path, file?.oldPath, file?.status], ['new.txt', 'old.txt', 'renamed']);
    assert.deepEqual(
      r.hunks().map((h) => h.state),
      ['accepted', 'pending', 'accepted', 'accepted'],
    );
    ok(await r.session.decide(r.id, r.hunks()[1]!.id, 'accept'));
    assert.match(repo.git('diff', '--cached', '-M', '--name-status'), /^R\d+\told\.txt\tnew\.txt$/m);
    assert.equal(repo.git('diff', '--no-color'), '', 'everything is staged now');
  });

  it('binary files and files with conflict markers are listed, not diffed', async () => {
    repo.write('img.bin', new Uint8Array([0, 1, 2, 3]));
    repo.write('merge.txt', 'a\n');
    repo.commitAll();
    repo.write('img.bin', new Uint8Array([0, 9, 9, 9]));
    repo.write('merge.txt', '<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n');
    const r = await reviewRepo(repo);
    assert.deepEqual(r.session.get(r.id)!.changeset.files, []);
    assert.deepEqual(
      r.review.listed.map((l) => [l.path, l.note]),
      [
        ['img.bin', 'binary: listed, not diffed'],
        ['merge.txt', 'conflict markers at line 1: resolve them before reviewing this file'],
      ],
    );
  });

  it('a very large file is listed, not diffed; a submodule-like nested repository is listed, not entered', async () => {
    const big = lines(60_000, (i) => `a fairly long line number ${i} of a generated file`);
    repo.write('big.txt', big);
    repo.commitAll();
    repo.write('big.txt', big.replace('line number 7 ', 'line number seven '));
    const nested = new TempRepo('nested');
    try {
      repo.write('vendor/.keep', '');
      fs.renameSync(nested.root, `${repo.root}/vendor/lib`);
      const r = await reviewRepo(repo);
      assert.deepEqual(
        r.session.get(r.id)!.changeset.files.map((f) => f.path),
        ['vendor/.keep'],
      );
      assert.deepEqual(
        r.review.listed.map((l) => [l.path, l.note.replace(/\d+\.\d MB/, 'N MB')]),
        [
          ['vendor/lib', 'a repository of its own: not entered'],
          ['big.txt', 'too large to review here (N MB in the index): listed, not diffed'],
        ],
      );
    } finally {
      nested.remove();
    }
  });

  it('a decision refuses to overwrite an index changed by someone else', async () => {
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('a.txt', three);
    const r = await reviewRepo(repo);
    const [first, second] = r.hunks();
    ok(await r.session.decide(r.id, first!.id, 'accept'));
    repo.git('add', 'a.txt');
    // The session folds the new index in first: the hunk staged elsewhere is not staged twice.
    // The index now holds exactly its proposal, so the fold counts it accepted (as a Redo would).
    const again = await r.session.decide(r.id, second!.id, 'accept');
    assert.ok(!again.ok, 'deciding a hunk the index already changed under must fail');
    assert.match(again.message, /stale|no longer owns|already accepted/);
    assert.equal(repo.git('show', ':a.txt'), three, 'what the terminal staged is still staged');
  });
});
