import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkEnvironment, runIsolatedCheck } from '../../../../src/node/checks/isolatedCheck';

/** What a desktop session hands every process: the way to its buses, agents and editor. */
const CHANNELS = {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
  DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/var/run/dbus/system_bus_socket',
  SSH_AUTH_SOCK: '/run/user/1000/ssh-agent.socket',
  XDG_RUNTIME_DIR: '/run/user/1000',
  VSCODE_IPC_HOOK_CLI: '/run/user/1000/vscode-ipc-1.sock',
  VSCODE_GIT_IPC_HANDLE: '/run/user/1000/vscode-git-1.sock',
  GIT_ASKPASS: '/opt/code/askpass.sh',
  DOCKER_HOST: 'unix:///var/run/docker.sock',
};

// The environment is scrubbed whatever the sandbox (runIsolatedCheck hands every kind the same
// one): under `unshare` and `none` nothing hides the sockets, so not handing out their addresses
// is all that is left there. `none` runs everywhere; the bwrap side is the integration suite's.
describe('checks/channels in the environment', () => {
  let work: string;
  before(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'redline-channels-'));
    await fs.mkdir(path.join(work, 'ws'));
    await fs.writeFile(
      path.join(work, 'ws', 'env.js'),
      `console.log(JSON.stringify(Object.keys(process.env).filter((k) => ${JSON.stringify(Object.keys(CHANNELS))}.includes(k))));\n`,
    );
  });
  after(() => fs.rm(work, { recursive: true, force: true }));

  it('a check without a sandbox finds no socket or IPC variable', async () => {
    const result = await runIsolatedCheck({
      root: path.join(work, 'ws'),
      command: 'node env.js',
      files: [],
      env: checkEnvironment({ ...process.env, ...CHANNELS }, []),
      sandbox: 'none',
      timeoutMs: 20_000,
      outputCap: 20_000,
      signal: new AbortController().signal,
      redact: (t) => t,
      tmpRoot: work,
    });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.output.trim(), '[]', `visible inside the check: ${result.value.output}`);
  });
});
