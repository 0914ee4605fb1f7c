import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { hiddenPaths, type HiddenPathsRequest } from '../../../../src/node/checks/hiddenPaths';

/** Outside /tmp, /var/tmp, /run and the test's home: where a socket would stay visible. */
/**
 * A temporary folder the sandbox would not hide on its own: under the checkout's test-results,
 * unless the checkout is under /tmp, /var/tmp or /run (a CI clone); then under the home folder,
 * which these tests replace with a fake one.
 */
const visibleTemp = async (prefix: string): Promise<string> => {
  const checkout = path.resolve(__dirname, '..', '..', '..', '..');
  const masked = ['/tmp', '/var/tmp', '/run'].some((m) => checkout === m || checkout.startsWith(`${m}/`));
  const base = masked ? path.join(os.homedir(), '.cache', 'redline-test') : path.join(checkout, 'test-results');
  await fs.mkdir(base, { recursive: true });
  return fs.mkdtemp(path.join(base, prefix));
};

describe('checks/hidden paths', () => {
  let dir: string;
  let home: string;
  let ws: string;
  const request = (over: Partial<HiddenPathsRequest> = {}): HiddenPathsRequest => ({
    root: ws,
    home,
    copyDir: path.join(dir, 'copy'),
    refersTo: [],
    env: { PATH: '/usr/bin:/bin' },
    hostEnv: {},
    ...over,
  });

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redline-hidden-'));
    home = path.join(dir, 'home');
    ws = path.join(dir, 'ws');
    for (const rel of [
      'home/.ssh/id_rsa',
      'home/.claude/.credentials.json',
      'home/.claude.json',
      'home/.bash_history',
      'home/.nvm/versions/node/v22/bin/node',
      'home/.cargo/bin/cargo',
      'home/.cargo/credentials.toml',
      'home/.tool/bin/tool',
      'home/projects/other/bin/run',
      'home/projects/other/.env',
      'home/.local/bin/pipx',
      'home/jdk/bin/java',
      'ws/node_modules/x/index.js',
    ]) {
      await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await fs.writeFile(path.join(dir, rel), 'x');
    }
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('hides the workspace, the whole home folder and the runtime folders; the copy keeps what it links to', async () => {
    const hidden = await hiddenPaths(
      request({
        refersTo: [path.join(ws, 'node_modules'), path.join(ws, 'gone'), path.join(dir, 'elsewhere')],
        hostEnv: { XDG_RUNTIME_DIR: '/run/user/4242' },
      }),
    );
    for (const expected of [ws, home, ...['/run', '/var/tmp'].filter(existsSync).map((p) => path.resolve(p))]) {
      assert.ok(hidden.dirs.includes(expected), `${expected} must be hidden: ${hidden.dirs.join(', ')}`);
    }
    assert.ok(hidden.readOnly.includes(path.join(ws, 'node_modules')), 'what the copy links to stays readable');
    assert.ok(!hidden.readOnly.some((p) => p.endsWith('gone') || p.endsWith('elsewhere')), 'only existing references inside a hidden folder');
    assert.ok(!hidden.readOnly.some((p) => /\.ssh|\.claude|history|projects/.test(p)), `let through: ${hidden.readOnly.join(', ')}`);
  });

  it('hides $XDG_RUNTIME_DIR wherever it is', async () => {
    const runtime = await visibleTemp('runtime-');
    try {
      const hidden = await hiddenPaths(request({ hostEnv: { XDG_RUNTIME_DIR: runtime } }));
      assert.ok(hidden.dirs.includes(runtime), hidden.dirs.join(', '));
    } finally {
      await fs.rm(runtime, { recursive: true, force: true });
    }
  });

  it('lets toolchains through read-only: the known folders, PATH entries and toolchain variables, never a wide folder or a project', async () => {
    const env = {
      PATH: [
        path.join(home, '.nvm/versions/node/v22/bin'),
        path.join(home, '.tool/bin'),
        path.join(home, 'projects/other/bin'),
        path.join(home, '.local/bin'),
        home,
        path.join(home, '.config'),
        '/usr/bin',
      ].join(':'),
      JAVA_HOME: path.join(home, 'jdk'),
      PWD: path.join(home, 'projects'),
    };
    const hidden = await hiddenPaths(request({ env }));
    const rel = hidden.readOnly.map((p) => path.relative(home, p)).sort();
    assert.deepEqual(rel, ['.cargo', '.local/bin', '.nvm', '.tool', 'jdk', 'projects/other/bin'], rel.join(', '));
  });

  it('hides credentials again inside what it lets through', async () => {
    const hidden = await hiddenPaths(request());
    assert.ok(hidden.readOnly.includes(path.join(home, '.cargo')));
    assert.deepEqual(hidden.maskFiles, [path.join(home, '.cargo/credentials.toml')]);
    assert.ok(!hidden.maskDirs.includes(path.join(home, '.ssh')), 'inside the hidden home folder already: no second mount');
  });

  it('keeps the home folder hidden when the copy lives inside it (the copy is bound over it)', async () => {
    const hidden = await hiddenPaths(request({ copyDir: path.join(home, 'copy') }));
    assert.ok(hidden.dirs.includes(home), hidden.dirs.join(', '));
  });

  it('leaves the workspace visible when hiding it would hide the copy or everything', async () => {
    for (const root of ['/', dir]) {
      const hidden = await hiddenPaths(request({ root }));
      assert.ok(!hidden.dirs.includes(root), `${root} was hidden`);
    }
    const copyInside = await hiddenPaths(request({ copyDir: path.join(ws, 'tmp', 'copy') }));
    assert.ok(!copyInside.dirs.includes(ws), 'the copy lives inside the workspace: hiding it would hide the copy');
  });

  describe('sockets the host listens on', () => {
    let sockets: string;
    const servers: Server[] = [];
    const listen = async (p: string): Promise<string> => {
      await fs.mkdir(path.dirname(p), { recursive: true });
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(p, resolve));
      return p;
    };
    before(async () => {
      sockets = await visibleTemp('sockets-');
    });
    after(async () => {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      await fs.rm(sockets, { recursive: true, force: true });
    });

    it('hides the folder of each socket its variables name and of each it listens on', async () => {
      const agent = await listen(path.join(sockets, 'agent', 'agent.sock'));
      const bus = await listen(path.join(sockets, 'bus', 'bus'));
      const docker = await listen(path.join(sockets, 'docker', 'docker.sock'));
      const unnamed = await listen(path.join(sockets, 'daemon', 'daemon.sock'));
      const hidden = await hiddenPaths(
        request({ hostEnv: { SSH_AUTH_SOCK: agent, DBUS_SESSION_BUS_ADDRESS: `unix:path=${bus},guid=abc`, DOCKER_HOST: `unix://${docker}` } }),
      );
      for (const socket of [agent, bus, docker, unnamed]) {
        assert.ok(hidden.maskDirs.includes(path.dirname(socket)), `${socket}'s folder must be hidden: ${hidden.maskDirs.join(', ')}`);
      }
    });

    it('never hides a folder the check needs: the copy, the workspace or what it lets through', async () => {
      const copyDir = path.join(sockets, 'shared', 'copy');
      await fs.mkdir(copyDir, { recursive: true });
      const beside = await listen(path.join(sockets, 'shared', 'beside.sock'));
      const hidden = await hiddenPaths(request({ copyDir, hostEnv: { SSH_AUTH_SOCK: beside } }));
      assert.ok(!hidden.maskDirs.some((d) => copyDir.startsWith(d)), `the copy was hidden: ${hidden.maskDirs.join(', ')}`);
    });
  });
});
