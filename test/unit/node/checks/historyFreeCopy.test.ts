import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createIsolatedCopy, type IsolatedCopy } from '../../../../src/node/checks/isolatedCopy';
import { TempRepo } from '../git/tempRepo';

const denied = (rel: string): boolean => /(^|\/)\.env$/.test(rel);

/** git in the copy, as a check would run it (none of Redline's safe settings). */
function gitIn(copy: IsolatedCopy, ...args: string[]): { out: string; code: number } {
  try {
    return { out: execFileSync('git', args, { cwd: copy.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), code: 0 };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { out: `${e.stdout}${e.stderr}`, code: e.status };
  }
}

describe('checks/history-free copy', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let tmpRoot: string;
  let marker: string;
  beforeEach(() => {
    repo = new TempRepo('copy');
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-copy-test-'));
    marker = path.join(tmpRoot, 'marker');
  });
  afterEach(() => {
    repo.remove();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  async function copyOf(root: string, files: { path: string; text: string | null }[] = []): Promise<IsolatedCopy> {
    const copy = await createIsolatedCopy({ root, files, skip: denied, tmpRoot });
    assert.ok(copy.ok, copy.ok ? '' : copy.message);
    return copy.value;
  }

  it('holds no commit but HEAD: a .env deleted from history cannot be read back', async () => {
    repo.write('.env', 'SECRET=old-canary\n');
    repo.write('a.txt', 'a\n');
    repo.commitAll('with the secret');
    repo.git('rm', '-q', '--cached', '.env');
    fs.rmSync(path.join(repo.root, '.env'));
    repo.commitAll('secret removed');
    const oldBlob = repo.git('rev-parse', 'HEAD~1:.env').trim();
    const copy = await copyOf(repo.root);
    try {
      const log = gitIn(copy, 'log', '-p', '--all');
      assert.doesNotMatch(log.out, /old-canary/, 'git log -p --all in the copy showed the deleted secret');
      assert.equal(gitIn(copy, 'rev-list', '--all').out.trim().split('\n').length, 1, 'the copy must hold exactly one commit');
      assert.notEqual(gitIn(copy, 'show', 'HEAD~1:.env').code, 0, 'git show HEAD~1:.env must fail');
      assert.notEqual(gitIn(copy, 'cat-file', '-p', oldBlob).code, 0, 'the old blob must not be in the copy');
      assert.doesNotMatch(gitIn(copy, 'rev-parse', '--git-common-dir').out, new RegExp(repo.root), "the copy's git must not be the user's");
    } finally {
      await copy.dispose();
    }
  });

  it("keeps uncommitted work, deletions and proposals visible to git diff, and the denied files out of HEAD's tree too", async () => {
    repo.write('a.txt', 'a\n');
    repo.write('gone.txt', 'gone\n');
    repo.write('.env', 'SECRET=committed-canary\n');
    repo.commitAll();
    repo.write('a.txt', 'a changed\n');
    fs.rmSync(path.join(repo.root, 'gone.txt'));
    repo.write('new.txt', 'untracked\n');
    const copy = await copyOf(repo.root, [{ path: 'proposed.txt', text: 'p\n' }]);
    try {
      assert.equal(fs.existsSync(path.join(copy.cwd, '.env')), false, 'the denied file was copied');
      assert.equal(fs.existsSync(path.join(copy.cwd, 'gone.txt')), false, 'a deleted file came back');
      assert.equal(gitIn(copy, 'ls-tree', '-r', '--name-only', 'HEAD').out, 'a.txt\ngone.txt\n', "HEAD's tree in the copy, minus .env");
      assert.doesNotMatch(gitIn(copy, 'log', '-p', '--all').out, /committed-canary/);
      assert.equal(gitIn(copy, 'status', '--porcelain').out, ' M a.txt\n D gone.txt\n?? new.txt\n?? proposed.txt\n');
      assert.match(gitIn(copy, 'diff').out, /-a\n\+a changed/);
    } finally {
      await copy.dispose();
    }
  });

  it("copies only the workspace folder of a larger repository: the parent's files and denied files stay out", async () => {
    repo.write('.env', 'PARENT=canary\n');
    repo.write('other/secret.txt', 'other project\n');
    repo.write('app/src/a.ts', 'a\n');
    repo.write('app/.env', 'APP=canary\n');
    repo.commitAll();
    repo.write('app/src/a.ts', 'a changed\n');
    const copy = await copyOf(path.join(repo.root, 'app'));
    try {
      assert.deepEqual(fs.readdirSync(copy.dir).sort(), ['.git', 'src'], 'the copy holds the folder and its own .git only');
      assert.equal(copy.cwd, copy.dir);
      assert.equal(fs.readFileSync(path.join(copy.cwd, 'src/a.ts'), 'utf8'), 'a changed\n');
      assert.equal(gitIn(copy, 'ls-tree', '-r', '--name-only', 'HEAD').out, 'src/a.ts\n', "the copy's HEAD holds the folder's tree only");
      assert.doesNotMatch(gitIn(copy, 'log', '-p', '--all').out, /canary|other project/);
    } finally {
      await copy.dispose();
    }
  });

  it("runs nothing the user's .git names while it is made: hooks, fsmonitor, filter drivers", async () => {
    repo.write('a.txt', 'a\n');
    repo.write('.gitattributes', '* filter=evil\n');
    repo.commitAll();
    const program = repo.write('.git/run.sh', `#!/bin/sh\necho ran >> '${marker}'\ncat\n`);
    fs.chmodSync(program, 0o755);
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction']) {
      fs.copyFileSync(program, path.join(repo.root, '.git', 'hooks', hook));
      fs.chmodSync(path.join(repo.root, '.git', 'hooks', hook), 0o755);
    }
    repo.git('config', 'core.fsmonitor', program);
    repo.git('config', 'filter.evil.smudge', program);
    repo.git('config', 'filter.evil.clean', program);
    repo.write('a.txt', 'a changed\n');
    const copy = await copyOf(repo.root);
    try {
      assert.equal(fs.readFileSync(path.join(copy.cwd, 'a.txt'), 'utf8'), 'a changed\n');
    } finally {
      await copy.dispose();
    }
    assert.equal(fs.existsSync(marker), false, `a program from the user's .git ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });

  it('leaves submodules as empty folders and keeps symlinks as links', async () => {
    repo.write('a.txt', 'a\n');
    fs.symlinkSync('a.txt', path.join(repo.root, 'link.txt'));
    repo.commitAll();
    const sub = repo.git('rev-parse', 'HEAD').trim();
    repo.git('update-index', '--add', '--cacheinfo', `160000,${sub},vendor/sub`);
    repo.git('commit', '-q', '-m', 'submodule');
    const copy = await copyOf(repo.root);
    try {
      assert.equal(fs.readlinkSync(path.join(copy.cwd, 'link.txt')), 'a.txt');
      assert.deepEqual(fs.readdirSync(path.join(copy.cwd, 'vendor/sub')), []);
      assert.equal(gitIn(copy, 'status', '--porcelain').out, '', 'the copy of a clean repository is clean');
    } finally {
      await copy.dispose();
    }
  });
});
