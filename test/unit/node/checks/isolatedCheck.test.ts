import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRedactor } from '../../../../src/core/policy/secrets';
import { checkEnvironment, runIsolatedCheck, type IsolatedCheckRequest } from '../../../../src/node/checks/isolatedCheck';
import { createIsolatedCopy } from '../../../../src/node/checks/isolatedCopy';
import { runProcess } from '../../../../src/node/checks/runProcess';
import { detectSandbox, sandboxedArgv, type SandboxKind } from '../../../../src/node/checks/sandbox';

const FAKE_KEY = 'sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE-0123456789abcdef';

let work: string;
let sandbox: SandboxKind;

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(work, 'ws-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return root;
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await fs.readdir(root, { recursive: true })) {
    const abs = path.join(root, rel);
    const stat = await fs.lstat(abs);
    if (stat.isFile() && !rel.split(path.sep).includes('.git')) out[rel] = await fs.readFile(abs, 'utf8');
  }
  return out;
}

function request(root: string, command: string, extra: Partial<IsolatedCheckRequest> = {}): IsolatedCheckRequest {
  return {
    root,
    command,
    files: [],
    env: checkEnvironment({ ...process.env, ANTHROPIC_API_KEY: FAKE_KEY }, [FAKE_KEY]),
    sandbox,
    timeoutMs: 20_000,
    outputCap: 20_000,
    signal: new AbortController().signal,
    redact: createRedactor({ knownSecrets: [FAKE_KEY] }).redact,
    tmpRoot: work,
    ...extra,
  };
}

async function sandboxWorks(kind: SandboxKind): Promise<boolean> {
  const probe = await runProcess(sandboxedArgv(kind, { writable: work, cwd: work }, ['true']), {
    cwd: work,
    env: { PATH: process.env.PATH ?? '' },
    timeoutMs: 5000,
    outputCap: 1000,
  });
  return probe.exitCode === 0;
}

/**
 * Skips a test whose sandbox this machine cannot run (no bubblewrap, no user namespaces), except
 * on CI: .ci/run installs bubblewrap, so there a missing sandbox means the sandbox or its
 * detection broke, and a skip would hide exactly that.
 */
function requireSandbox(current: Mocha.Context, kind: SandboxKind, works: boolean): void {
  if (works) return;
  if (process.env.CI === 'true')
    assert.fail(`the ${kind} sandbox does not work on CI (detected: ${sandbox}); .ci/run installs bubblewrap, so its tests must run there, not be skipped`);
  current.skip();
}

describe('checks/isolated check', function () {
  this.timeout(30_000);

  before(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'redline-checks-test-'));
    sandbox = await detectSandbox();
  });
  after(() => fs.rm(work, { recursive: true, force: true }));

  it("runs in a copy with the proposals applied and leaves the user's files unchanged", async () => {
    const root = await workspace({ 'src/a.txt': 'disk\n', 'gone.txt': 'old\n', '.env': 'SECRET=1\n' });
    const before = await snapshot(root);
    const script =
      "const fs=require('fs');console.log('a='+fs.readFileSync('src/a.txt','utf8').trim());console.log('new='+fs.readFileSync('src/new.txt','utf8').trim());console.log('gone='+fs.existsSync('gone.txt'));console.log('env='+fs.existsSync('.env'));fs.writeFileSync('src/a.txt','written by the check');";
    const result = await runIsolatedCheck(
      request(root, `node -e "${script}"`, {
        files: [
          { path: 'src/a.txt', text: 'proposed\n' },
          { path: 'src/new.txt', text: 'created\n' },
          { path: 'gone.txt', text: null },
        ],
        skip: (rel) => rel.startsWith('.env'),
      }),
    );
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.exitCode, 0, result.value.output);
    assert.match(result.value.output, /a=proposed\nnew=created\ngone=false\nenv=false/, 'the check must see the proposals and no denied file');
    assert.deepEqual(await snapshot(root), before, "the user's files must be unchanged");
    assert.deepEqual(
      (await fs.readdir(work)).filter((n) => n.startsWith('redline-check-')),
      [],
      'the copy must be removed',
    );
  });

  it("runs the agent's command through the shell in the same copy, and says how long it ran", async () => {
    const root = await workspace({ 'src/a.txt': 'disk\n' });
    const before = await snapshot(root);
    const line = 'cat src/a.txt && echo chained > out.txt && cat out.txt | tr a-z A-Z';
    const result = await runIsolatedCheck(request(root, line, { shell: true, files: [{ path: 'src/a.txt', text: 'proposed\n' }] }));
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.exitCode, 0, result.value.output);
    assert.equal(result.value.output, 'proposed\nCHAINED\n', 'the shell must chain, redirect and pipe inside the copy, on the proposals');
    assert.ok(Number.isInteger(result.value.durationMs) && result.value.durationMs >= 0, `a duration: ${result.value.durationMs}`);
    assert.deepEqual(await snapshot(root), before, "the redirection must write into the copy, never the user's files");
    const declared = await runIsolatedCheck(request(root, line));
    assert.ok(!declared.ok && /cannot run/.test(declared.message), 'without the shell option the same line is refused, not interpreted');
  });

  it('copies a repository with its uncommitted work, links ignored node_modules, and leaves no trace in it', async () => {
    const root = await workspace({ '.gitignore': 'node_modules/\n', 'tracked.txt': 'committed\n', 'node_modules/dep/index.js': 'module.exports = 42;\n' });
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init');
    await fs.writeFile(path.join(root, 'tracked.txt'), 'uncommitted\n');
    await fs.writeFile(path.join(root, 'untracked.txt'), 'new work\n');
    const copy = await createIsolatedCopy({ root, files: [{ path: 'proposed.txt', text: 'p\n' }], tmpRoot: work });
    assert.ok(copy.ok, copy.ok ? '' : copy.message);
    try {
      assert.equal(copy.value.kind, 'git');
      assert.equal(await fs.readFile(path.join(copy.value.cwd, 'tracked.txt'), 'utf8'), 'uncommitted\n');
      assert.equal(await fs.readFile(path.join(copy.value.cwd, 'untracked.txt'), 'utf8'), 'new work\n');
      assert.equal(await fs.readFile(path.join(copy.value.cwd, 'proposed.txt'), 'utf8'), 'p\n');
      assert.ok((await fs.lstat(path.join(copy.value.cwd, 'node_modules'))).isSymbolicLink(), 'node_modules must be linked, not copied');
    } finally {
      await copy.value.dispose();
    }
    assert.doesNotMatch(git('worktree', 'list'), /redline-check-/, 'the copy must not be a worktree of the repository');
    assert.ok(await fs.stat(path.join(root, 'node_modules/dep/index.js')), 'the linked folder must survive the cleanup');
    assert.match(git('status', '--porcelain'), /^ M tracked.txt\n\?\? untracked.txt\n$/, "the user's working tree must be as it was");
  });

  it("refuses a proposal that would write through a linked folder into the user's files", async () => {
    const root = await workspace({ 'node_modules/dep/index.js': 'original\n', 'a.txt': 'a\n' });
    const result = await runIsolatedCheck(request(root, 'node -e 0', { files: [{ path: 'node_modules/dep/index.js', text: 'pwned\n' }] }));
    assert.equal(result.ok, false, 'writing through the symlink must be refused');
    assert.equal(await fs.readFile(path.join(root, 'node_modules/dep/index.js'), 'utf8'), 'original\n');
  });

  for (const kind of ['bwrap', 'unshare'] as const) {
    it(`gives the check no network under ${kind}: a listener on the host's 127.0.0.1 gets no connection`, async function () {
      requireSandbox(this, kind, await sandboxWorks(kind));
      let connections = 0;
      const server: Server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      try {
        const root = await workspace({
          'probe.js': `require('net').connect(${port}, '127.0.0.1').on('connect', () => { console.log('CONNECTED'); process.exit(0); }).on('error', (e) => { console.log('blocked: ' + e.code); process.exit(3); });\n`,
        });
        const result = await runIsolatedCheck(request(root, 'node probe.js', { sandbox: kind }));
        assert.ok(result.ok, result.ok ? '' : result.message);
        assert.doesNotMatch(result.value.output, /CONNECTED/, `the check reached the host (${kind}): ${result.value.output}`);
        assert.equal(result.value.exitCode, 3, result.value.output);
        assert.equal(connections, 0, 'the host listener must see no connection');
      } finally {
        server.close();
      }
    });
  }

  it('confines writes to the copy under bubblewrap', async function () {
    requireSandbox(this, 'bwrap', sandbox === 'bwrap');
    const root = await workspace({
      'w.js':
        "for (const p of process.argv.slice(2)) { try { require('fs').writeFileSync(p, 'x'); console.log('wrote ' + p); } catch (e) { console.log('refused: ' + e.code); } }\n",
    });
    // One target outside /tmp and home (read-only in the sandbox), one in the home folder (a
    // throwaway empty folder in the sandbox), one in the user's folder (under the host's /tmp
    // here, which the sandbox replaces with its own).
    const outside = path.join(readOnlyInSandbox(), `.redline-sandbox-probe-${process.pid}`);
    const home = path.join(os.homedir(), `.redline-sandbox-probe-${process.pid}`);
    const user = path.join(root, 'escaped.txt');
    try {
      const result = await runIsolatedCheck(request(root, `node w.js ${outside} ${home} ${user}`));
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.match(result.value.output, /refused: EROFS/, result.value.output);
      for (const target of [outside, home, user]) await assert.rejects(fs.stat(target), `nothing may be written outside the copy: ${target}`);
    } finally {
      await fs.rm(outside, { force: true });
      await fs.rm(home, { force: true });
    }
  });

  it('hides the workspace folder and the home folder from a check under bubblewrap; linked folders stay readable', async function () {
    requireSandbox(this, 'bwrap', sandbox === 'bwrap');
    // Outside /tmp (which the sandbox replaces anyway) and outside any git repository: the hiding
    // itself is under test.
    const outside = await fs.mkdtemp(path.join('/var/tmp', 'redline-check-hiding-'));
    try {
      const root = path.join(outside, 'ws');
      const home = path.join(outside, 'home');
      for (const [rel, text] of Object.entries({
        'ws/.env': 'DOTENV-SECRET\n',
        'ws/node_modules/dep/index.js': 'module.exports = 42;\n',
        'home/.ssh/id_rsa': 'SSH-SECRET\n',
        'home/.npmrc': 'NPMRC-SECRET\n',
      })) {
        await fs.mkdir(path.dirname(path.join(outside, rel)), { recursive: true });
        await fs.writeFile(path.join(outside, rel), text);
      }
      const probe = `const fs = require('fs'); for (const p of process.argv.slice(2)) { try { console.log(p.split('/').slice(-2).join('/') + ': [' + fs.readFileSync(p, 'utf8').trim() + ']'); } catch (e) { console.log(p.split('/').slice(-2).join('/') + ': ' + e.code); } } console.log('dep: ' + require('./node_modules/dep'));`;
      await fs.writeFile(path.join(root, 'probe.js'), probe);
      const targets = [path.join(root, '.env'), path.join(home, '.ssh', 'id_rsa'), path.join(home, '.npmrc')];
      const result = await runIsolatedCheck(request(root, `node probe.js ${targets.join(' ')}`, { home, skip: (rel) => rel.startsWith('.env') }));
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.doesNotMatch(result.value.output, /SECRET/, `the check read a secret: ${result.value.output}`);
      // The home folder is an empty folder but for its toolchains.
      assert.match(result.value.output, /ws\/\.env: ENOENT\n\.ssh\/id_rsa: ENOENT\nhome\/\.npmrc: ENOENT\ndep: 42/, result.value.output);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it("runs node, git and npm under bubblewrap with the user's real home folder hidden but its toolchains", async function () {
    requireSandbox(this, 'bwrap', sandbox === 'bwrap');
    const root = await workspace({
      'package.json': JSON.stringify({ name: 'toolchain-probe', version: '1.0.0', scripts: { test: 'node -e "console.log(1 + 1)" && git --version' } }),
    });
    // No `home` given: os.homedir(), with whatever PATH and toolchains this machine has.
    const result = await runIsolatedCheck(request(root, 'npm test'));
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.exitCode, 0, result.value.output);
    assert.match(result.value.output, /^2$/m, result.value.output);
    assert.match(result.value.output, /^git version /m, result.value.output);
  });

  it("leaves ANTHROPIC_API_KEY and other credentials out of the check's environment", async () => {
    const root = await workspace({
      'env.js':
        "console.log('key=' + (process.env.ANTHROPIC_API_KEY ?? 'none')); console.log('gh=' + (process.env.GITHUB_TOKEN ?? 'none')); console.log(Object.values(process.env).some((v) => v.includes('FAKEFAKE')) ? 'LEAK' : 'clean');\n",
    });
    const env = checkEnvironment({ ...process.env, ANTHROPIC_API_KEY: FAKE_KEY, GITHUB_TOKEN: 'ghp_abc', INNOCENT: `x${FAKE_KEY}` }, [FAKE_KEY]);
    const result = await runIsolatedCheck(request(root, 'node env.js', { env }));
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.match(result.value.output, /key=none\ngh=none\nclean/, result.value.output);
  });

  it('ends a check that outlives its timeout, with everything it started', async () => {
    const root = await workspace({
      'hang.js':
        "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000);\n",
    });
    const started = Date.now();
    const result = await runIsolatedCheck(request(root, 'node hang.js', { timeoutMs: 500 }));
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.timedOut, true);
    assert.ok(Date.now() - started < 5000, `a timed-out check took ${Date.now() - started} ms to end`);
    assert.match(result.value.output, /timed out/);
  });

  it('ends a cancelled check at once', async () => {
    const root = await workspace({ 'hang.js': 'setInterval(() => {}, 1000);\n' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const started = Date.now();
    const result = await runIsolatedCheck(request(root, 'node hang.js', { signal: abort.signal }));
    assert.equal(result.ok, false);
    // A check that ignored the signal would run until the suite's timeout; 10 s leaves room for a busy machine.
    assert.ok(Date.now() - started < 10_000, `cancel took ${Date.now() - started} ms`);
  });

  it('caps and redacts the output before it goes to the model', async () => {
    const root = await workspace({
      'loud.js': `console.log('first line'); console.log('x'.repeat(100000)); console.log('${FAKE_KEY}'); console.log('last line');\n`,
    });
    const result = await runIsolatedCheck(request(root, 'node loud.js', { outputCap: 2000 }));
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.ok(result.value.output.length < 2200, `output not capped: ${result.value.output.length}`);
    assert.match(result.value.output, /^first line/);
    assert.match(result.value.output, /last line\n$/);
    assert.match(result.value.output, /characters cut/);
    assert.ok(!result.value.output.includes(FAKE_KEY), 'the key must be redacted');
  });

  it('runs the declared argv without a shell and refuses shell syntax', async () => {
    const root = await workspace({ 'a.txt': 'a\n' });
    const refused = await runIsolatedCheck(request(root, 'node -e 0; touch pwned'));
    assert.equal(refused.ok, false, 'a ; must be refused, not run');
    // Quoted, shell syntax is a literal word, and the check must get exactly the declared words. A
    // shell in between would substitute, split or choke on them. (Looking for a file the
    // substitution would create cannot tell: it would land in the isolated copy, which is removed.)
    const literal = await runIsolatedCheck(request(root, "node -e 'console.log(JSON.stringify(process.argv.slice(1)))' '$(echo SUBSTITUTED)' 'two  words'"));
    assert.ok(literal.ok, literal.ok ? '' : literal.message);
    assert.equal(literal.value.exitCode, 0, `the check did not run as declared:\n${literal.value.output}`);
    assert.ok(literal.value.output.includes('["$(echo SUBSTITUTED)","two  words"]'), `the check did not get the declared words:\n${literal.value.output}`);
  });
});

/**
 * A folder the sandbox shows read-only: the checkout, unless it sits where the sandbox puts an
 * empty writable folder of its own (a clone under /tmp or the home folder); then /usr/local.
 */
function readOnlyInSandbox(): string {
  const masked = ['/tmp', '/var/tmp', '/run', os.homedir()];
  const cwd = process.cwd();
  return masked.some((m) => cwd === m || cwd.startsWith(`${m}/`)) ? '/usr/local' : cwd;
}
