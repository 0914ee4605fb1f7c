import { createRedactor } from './secrets';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Variables whose name says "credential": any case, anywhere in the name. */
const SECRET_NAME = /TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|COOKIE|SESSION|_KEY$|^KEY$|_PAT$|_PASS$/i;

/** Whole families: cloud and forge CLIs read credentials from several of their variables. */
const SECRET_PREFIX =
  /^(?:AWS_|AZURE_|ARM_|GOOGLE_|GCP_|GCLOUD_|CLOUDSDK_|GITHUB_|GH_|GITLAB_|GL_|ANTHROPIC_|OPENAI_|HF_|HUGGING_FACE_|DOCKER_|VAULT_|NPM_CONFIG_|YARN_NPM_|TWINE_|CODECOV_|SENTRY_|HEROKU_|DIGITALOCEAN_|CLOUDFLARE_|DATADOG_|DD_)/i;

/**
 * Names that hold no secret themselves but lead to one: a socket or IPC channel a check could call
 * to get credentials or run code outside its sandbox (an editor's IPC and git-askpass handles, an
 * ssh or gpg agent, a session or system bus, a container daemon, a terminal multiplexer or editor
 * server, a display) or a file of credentials. The pattern takes whole families: every
 * `VSCODE_*`/`DBUS_*`/`DOCKER_*` and every name that ends in a socket or bus address.
 */
const CHANNEL_NAMES = new Set([
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'SSH_AUTH_SOCK',
  'SSH_AGENT_PID',
  'GPG_AGENT_INFO',
  'XDG_RUNTIME_DIR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'WAYLAND_SOCKET',
  'TMUX',
  'STY',
  'NVIM',
  'NVIM_LISTEN_ADDRESS',
  'KITTY_LISTEN_ON',
  'PULSE_SERVER',
  'PIPEWIRE_REMOTE',
  'NOTIFY_SOCKET',
  'CONTAINER_HOST',
  'BUILDKIT_HOST',
  'CONTAINERD_ADDRESS',
  'GNOME_KEYRING_CONTROL',
  'KRB5CCNAME',
  'KUBECONFIG',
  'NETRC',
  'PGPASSFILE',
  'BOTO_CONFIG',
]);
const CHANNEL_PATTERN = /^(?:VSCODE_|DBUS_|DOCKER_|PODMAN_)|(?:SOCK|SOCKET|_IPC_HOOK\w*|_IPC_HANDLE|_BUS_ADDRESS)$/i;
/** A value that is a socket address, whatever its variable is called (`unix:path=…`, `unix://…`). */
const CHANNEL_VALUE = /\bunix:(?:path|abstract|tmpdir|dir|runtime)=|\bunix:\/\//i;

/** Whether a variable names a socket or an IPC channel (by its name or its value). */
const isChannel = (name: string, value: string): boolean => CHANNEL_NAMES.has(name.toUpperCase()) || CHANNEL_PATTERN.test(name) || CHANNEL_VALUE.test(value);

/** Kept whatever they look like: the basics every toolchain needs. */
const ALWAYS_KEEP = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TERM', 'TZ', 'TMPDIR', 'TMP', 'TEMP', 'PWD', 'CI']);

/**
 * The environment a check runs with: the user's, minus anything that is or leads to a
 * credential (issue 10: "one that reads ANTHROPIC_API_KEY finds nothing"). A denylist, not an
 * allowlist, so toolchains keep JAVA_HOME, GOPATH, VIRTUAL_ENV…; values are scanned too, so a
 * `DATABASE_URL` with a password in it goes even though its name is innocent.
 */
export function scrubEnvironment(env: Environment, options: { knownSecrets?: readonly string[] } = {}): Record<string, string> {
  const kept: Record<string, string> = {};
  // One matcher for every variable: building it per variable cost a tenth of a second per check.
  const secrets = createRedactor({ knownSecrets: options.knownSecrets ?? [] });
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (ALWAYS_KEEP.has(name) || /^LC_[A-Z]+$/.test(name)) {
      kept[name] = value;
      continue;
    }
    if (SECRET_NAME.test(name) || SECRET_PREFIX.test(name) || isChannel(name, value)) continue;
    if (secrets.find(`${name}=${value}`).length > 0) continue;
    kept[name] = value;
  }
  return kept;
}
