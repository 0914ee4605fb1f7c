import * as assert from 'node:assert/strict';
import { scrubEnvironment } from '../../../../src/core/policy/environment';

describe('core/policy/environment', () => {
  const env = {
    PATH: '/usr/local/bin:/usr/bin',
    HOME: '/home/alice',
    LANG: 'en_US.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'xterm-256color',
    TMPDIR: '/tmp',
    JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64',
    GOPATH: '/home/alice/go',
    VIRTUAL_ENV: '/home/alice/app/.venv',
    NODE_ENV: 'test',
    CI: 'true',
    ANTHROPIC_API_KEY: 'sk-ant-api03-canary',
    OPENAI_API_KEY: 'x',
    NPM_TOKEN: 'x',
    NODE_AUTH_TOKEN: 'x',
    GITHUB_TOKEN: 'x',
    GH_TOKEN: 'x',
    GITHUB_ACTIONS: 'true',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_PROFILE: 'prod',
    STRIPE_SECRET: 'x',
    SIGNING_KEY: 'x',
    DB_PASSWORD: 'x',
    my_service_token: 'x',
    SSH_AUTH_SOCK: '/run/user/1000/ssh-agent',
    VSCODE_GIT_IPC_HANDLE: '/run/user/1000/vscode-git.sock',
    VSCODE_GIT_ASKPASS_MAIN: '/opt/code/askpass-main.js',
    VSCODE_IPC_HOOK_CLI: '/run/user/1000/vscode-ipc.sock',
    GIT_ASKPASS: '/opt/code/askpass.sh',
    KUBECONFIG: '/home/alice/.kube/config',
    GOOGLE_APPLICATION_CREDENTIALS: '/home/alice/gcp.json',
    DATABASE_URL: 'postgres://app:Sup3rS3cretPw@db:5432/app',
    INNOCENT_NAME: 'plain-value',
    UNDEFINED_ONE: undefined,
  };

  it('keeps what toolchains need', () => {
    const out = scrubEnvironment(env);
    for (const name of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'JAVA_HOME', 'GOPATH', 'VIRTUAL_ENV', 'NODE_ENV', 'CI', 'INNOCENT_NAME']) {
      assert.equal(out[name], env[name as keyof typeof env], `${name} must be kept`);
    }
  });

  it('removes keys, tokens and the channels that hand them out', () => {
    const out = scrubEnvironment(env);
    const removed = Object.keys(env).filter((k) => !(k in out));
    for (const name of [
      'ANTHROPIC_API_KEY',
      'OPENAI_API_KEY',
      'NPM_TOKEN',
      'NODE_AUTH_TOKEN',
      'GITHUB_TOKEN',
      'GH_TOKEN',
      'GITHUB_ACTIONS',
      'AWS_ACCESS_KEY_ID',
      'AWS_PROFILE',
      'STRIPE_SECRET',
      'SIGNING_KEY',
      'DB_PASSWORD',
      'my_service_token',
      'SSH_AUTH_SOCK',
      'VSCODE_GIT_IPC_HANDLE',
      'VSCODE_GIT_ASKPASS_MAIN',
      'VSCODE_IPC_HOOK_CLI',
      'GIT_ASKPASS',
      'KUBECONFIG',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'DATABASE_URL',
      'UNDEFINED_ONE',
    ]) {
      assert.ok(removed.includes(name), `${name} must be removed`);
    }
  });

  it('removes every variable that names a socket or an IPC channel, by name or by value', () => {
    const channels = {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
      DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/var/run/dbus/system_bus_socket',
      SSH_AUTH_SOCK: '/tmp/ssh-XXXX/agent.42',
      SSH_ASKPASS: '/usr/lib/ssh/askpass',
      GPG_AGENT_INFO: '/run/user/1000/gnupg/S.gpg-agent:0:1',
      VSCODE_IPC_HOOK: '/run/user/1000/vscode-1.9-main.sock',
      VSCODE_IPC_HOOK_CLI: '/run/user/1000/vscode-ipc-1.sock',
      VSCODE_IPC_HOOK_EXTHOST: '/run/user/1000/vscode-ipc-2.sock',
      VSCODE_GIT_IPC_HANDLE: '/run/user/1000/vscode-git-1.sock',
      VSCODE_GIT_ASKPASS_NODE: '/opt/code/code',
      VSCODE_GIT_ASKPASS_EXTRA_ARGS: '',
      GIT_ASKPASS: '/opt/code/askpass.sh',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
      CONTAINER_HOST: 'unix:///run/podman/podman.sock',
      XDG_RUNTIME_DIR: '/run/user/1000',
      WAYLAND_DISPLAY: 'wayland-0',
      DISPLAY: ':0',
      TMUX: '/tmp/tmux-1000/default,1234,0',
      NVIM: '/run/user/1000/nvim.1.0',
      SWAYSOCK: '/run/user/1000/sway-ipc.sock',
      I3SOCK: '/run/user/1000/i3/ipc-socket.1',
      AT_SPI_BUS_ADDRESS: 'unix:path=/run/user/1000/at-spi/bus',
      MY_DAEMON_SOCKET: '/srv/daemon.sock',
      INNOCENT_LOOKING: 'unix:path=/srv/some/bus,guid=abc',
      ALSO_INNOCENT: 'unix:///srv/engine.sock',
    };
    const out = scrubEnvironment({ PATH: '/bin', ...channels });
    assert.deepEqual(out, { PATH: '/bin' }, `kept: ${Object.keys(out).join(', ')}`);
  });

  it('keeps variables that merely mention sockets or buses in passing', () => {
    const env = { PATH: '/bin', SOCKET_TIMEOUT_MS: '500', BUSINESS_UNIT: 'ops', UNIXTIME: '0', DOC_URL: 'https://example.com/unix:path' };
    assert.deepEqual(scrubEnvironment(env), env);
  });

  it('removes any variable holding a known secret, whatever its name', () => {
    const out = scrubEnvironment({ PATH: '/bin', HARMLESS: 'the-api-key-value-123' }, { knownSecrets: ['the-api-key-value-123'] });
    assert.deepEqual(out, { PATH: '/bin' });
  });

  it('does not mutate its input', () => {
    const input = { PATH: '/bin', GITHUB_TOKEN: 'x' };
    scrubEnvironment(input);
    assert.deepEqual(input, { PATH: '/bin', GITHUB_TOKEN: 'x' });
  });
});
