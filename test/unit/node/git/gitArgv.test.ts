import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryFilterEnv, SAFE_GIT_CONFIG, safeGitArgs, safeGitEnv } from '../../../../src/node/git/gitArgv';
import { runGit } from '../../../../src/node/git/gitProcess';
import { GitRepository } from '../../../../src/node/git/gitRepository';
import { TempRepo } from './tempRepo';

/** A program git would run, which leaves `marker` behind if it ever runs. */
function plantProgram(repo: TempRepo, rel: string, marker: string): string {
  const abs = repo.write(rel, `#!/bin/sh\necho ran > '${marker}'\n`);
  fs.chmodSync(abs, 0o755);
  return abs;
}

describe("Redline's own git: no program the repository names", function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let marker: string;
  beforeEach(() => {
    repo = new TempRepo('argv');
    marker = path.join(repo.root, '..', `${path.basename(repo.root)}-marker`);
    repo.write('a.txt', 'a\n');
    repo.commitAll();
  });
  afterEach(() => {
    repo.remove();
    fs.rmSync(marker, { force: true });
  });

  it('puts every safe setting before the subcommand, as -c pairs', () => {
    const argv = safeGitArgs(['status', '--porcelain']);
    assert.deepEqual(argv.slice(-2), ['status', '--porcelain']);
    assert.equal(argv.length, SAFE_GIT_CONFIG.length * 2 + 2);
    for (const [i, setting] of SAFE_GIT_CONFIG.entries()) assert.deepEqual(argv.slice(i * 2, i * 2 + 2), ['-c', setting]);
    assert.ok(SAFE_GIT_CONFIG.includes('core.hooksPath=/dev/null') && SAFE_GIT_CONFIG.includes('core.fsmonitor=false'));
  });

  it('drops every GIT_* variable of the host, whatever its case, and adds what the caller asks', () => {
    const env = safeGitEnv({ PATH: '/bin', GIT_DIR: '/elsewhere', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'", git_ssh_command: 'x' }, { LC_ALL: 'C' });
    assert.deepEqual(env, { PATH: '/bin', LC_ALL: 'C' });
  });

  it("switches off the repository's own filter drivers and keeps the user's global ones", () => {
    const query = ['local', 'filter.evil.clean\nrun.sh', 'global', 'filter.lfs.smudge\ngit-lfs smudge -- %f', 'worktree', 'filter.a.b.process\nx', ''].join(
      '\0',
    );
    const env = repositoryFilterEnv(query);
    assert.equal(env.GIT_CONFIG_COUNT, '8');
    const set = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`], env[`GIT_CONFIG_VALUE_${i}`]]));
    assert.deepEqual(set, {
      'filter.evil.clean': '',
      'filter.evil.smudge': '',
      'filter.evil.process': '',
      'filter.evil.required': 'false',
      'filter.a.b.clean': '',
      'filter.a.b.smudge': '',
      'filter.a.b.process': '',
      'filter.a.b.required': 'false',
    });
    assert.deepEqual(repositoryFilterEnv(''), {});
  });

  it('runs no filter driver from the repository config when the review reads and stages a file', async () => {
    const program = plantProgram(repo, '.git/filter.sh', marker);
    fs.writeFileSync(program, `#!/bin/sh\necho ran >> '${marker}'\ncat\n`);
    repo.write('.gitattributes', '*.txt filter=evil\n');
    repo.commitAll();
    repo.git('config', 'filter.evil.clean', program);
    repo.git('config', 'filter.evil.smudge', program);
    repo.git('config', 'filter.evil.required', 'true');
    repo.write('a.txt', 'changed\n');
    const opened = await GitRepository.open('git', repo.root);
    assert.ok(opened.ok && opened.value !== undefined);
    const status = await opened.value.status('.');
    assert.ok(status.ok, status.ok ? '' : status.message);
    const blobs = await opened.value.readBlobs([{ path: 'a.txt', from: 'HEAD' }]);
    assert.ok(blobs.ok, blobs.ok ? '' : blobs.message);
    const written = await opened.value.writeIndex('a.txt', 'staged\n', '100644');
    assert.ok(written.ok, written.ok ? '' : written.message);
    assert.equal(fs.existsSync(marker), false, 'a filter driver from .git/config ran');
  });

  it('runs no fsmonitor program a repository config names (git status)', async () => {
    const program = plantProgram(repo, '.git/fsmonitor.sh', marker);
    repo.git('config', 'core.fsmonitor', program);
    repo.write('a.txt', 'changed\n');
    const opened = await GitRepository.open('git', repo.root);
    assert.ok(opened.ok && opened.value !== undefined);
    const status = await opened.value.status('.');
    assert.ok(status.ok, status.ok ? '' : status.message);
    assert.equal(fs.existsSync(marker), false, 'core.fsmonitor ran during a status');
  });

  it('runs no hook of the repository (post-index-change after staging a hunk)', async () => {
    plantProgram(repo, '.git/hooks/post-index-change', marker);
    const opened = await GitRepository.open('git', repo.root);
    assert.ok(opened.ok && opened.value !== undefined);
    const written = await opened.value.writeIndex('a.txt', 'staged\n', '100644');
    assert.ok(written.ok, written.ok ? '' : written.message);
    assert.match(repo.staged('a.txt'), /\+staged/);
    assert.equal(fs.existsSync(marker), false, 'the post-index-change hook ran');
  });

  it('runs no hook from a core.hooksPath folder the repository config names', async () => {
    plantProgram(repo, '.githooks/post-index-change', marker);
    repo.git('config', 'core.hooksPath', '.githooks');
    const staged = await runGit({
      git: 'git',
      cwd: repo.root,
      args: ['update-index', '--add', '--cacheinfo', `100644,${repo.git('rev-parse', 'HEAD:a.txt').trim()},b.txt`],
    });
    assert.ok(staged.ok, staged.ok ? '' : staged.message);
    assert.equal(fs.existsSync(marker), false, 'a hook under core.hooksPath ran');
  });

  it('refuses every transport, so an ext:: URL runs nothing even when the repository config allows it', async () => {
    repo.git('config', 'protocol.ext.allow', 'always');
    const out = await runGit({ git: 'git', cwd: repo.root, args: ['ls-remote', `ext::sh -c echo% ran% >% ${marker}`] });
    assert.equal(out.ok, false, 'the transport was allowed');
    assert.equal(fs.existsSync(marker), false, 'the ext:: transport ran its command');
  });

  it('ignores GIT_DIR in the host environment (it would point git at another repository)', async () => {
    const other = new TempRepo('other');
    const before = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(other.root, '.git');
    try {
      const out = await runGit({ git: 'git', cwd: repo.root, args: ['rev-parse', '--show-toplevel'] });
      assert.ok(out.ok && out.value.stdout.toString('utf8').trim() === repo.root, 'git was pointed at another repository');
    } finally {
      if (before === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = before;
      other.remove();
    }
  });
});
