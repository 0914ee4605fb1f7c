import * as assert from 'node:assert/strict';
import { bwrapArgv, describeSandbox } from '../../../../src/node/checks/sandbox';

describe('checks/sandbox', () => {
  const hidden = {
    dirs: ['/home/alice', '/run', '/work/app'],
    readOnly: ['/home/alice/.cargo', '/work/app/node_modules'],
    maskDirs: ['/srv/agent'],
    maskFiles: ['/home/alice/.cargo/credentials.toml'],
  };
  const argv = bwrapArgv({ writable: '/tmp/copy', cwd: '/tmp/copy/pkg', hidden }, ['npm', 'test']);
  /** The mounts in order, each as `option target`. */
  const mounts = (): string[] => {
    const out: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const option = argv[i]!;
      if (option === '--tmpfs' || option === '--dev' || option === '--proc') out.push(`${option} ${argv[++i]!}`);
      else if (option === '--ro-bind' || option === '--bind') out.push(`${option} ${argv[(i += 2)]!}`);
    }
    return out;
  };

  it('hides, then lets through, then hides again, then binds the copy: a later mount covers an earlier one', () => {
    assert.deepEqual(mounts(), [
      '--ro-bind /',
      '--dev /dev',
      '--proc /proc',
      '--tmpfs /tmp',
      '--tmpfs /home/alice',
      '--tmpfs /run',
      '--tmpfs /work/app',
      '--ro-bind /home/alice/.cargo',
      '--ro-bind /work/app/node_modules',
      '--tmpfs /srv/agent',
      '--ro-bind /home/alice/.cargo/credentials.toml',
      '--bind /tmp/copy',
    ]);
    assert.deepEqual(argv.slice(argv.indexOf('--chdir')), ['--chdir', '/tmp/copy/pkg', '--', 'npm', 'test']);
  });

  it('cuts the network, the pid and ipc namespaces and the terminal session', () => {
    for (const flag of ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--new-session', '--die-with-parent']) {
      assert.ok(argv.includes(flag), `${flag} missing`);
    }
  });

  it('says what bubblewrap hides, and that a network namespace alone leaves the sockets reachable', () => {
    assert.match(describeSandbox('bwrap'), /home folder.*sockets.*out of sight/);
    assert.match(describeSandbox('unshare'), /reach the sockets/);
  });
});
