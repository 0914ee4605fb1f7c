import { createRedactor } from './secrets';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Variables whose name says "credential": any case, anywhere in the name. */
const SECRET_NAME = /TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|COOKIE|SESSION|_KEY$|^KEY$|_PAT$|_PASS$/i;

/** Whole families: cloud and forge CLIs read credentials from several of their variables. */
const SECRET_PREFIX =
  /^(?:AWS_|AZURE_|ARM_|GOOGLE_|GCP_|GCLOUD_|CLOUDSDK_|GITHUB_|GH_|GITLAB_|GL_|ANTHROPIC_|OPENAI_|HF_|HUGGING_FACE_|DOCKER_|VAULT_|NPM_CONFIG_|YARN_NPM_|TWINE_|CODECOV_|SENTRY_|HEROKU_|DIGITALOCEAN_|CLOUDFLARE_|DATADOG_|DD_)/i;

/**
 * Names that hold no secret themselves but hand one out: an editor or git IPC handle a check
 * could call to get credentials or run commands in VS Code, an ssh-agent socket, a pointer to a
 * credentials file.
 */
const SECRET_CHANNELS =
  /^(?:VSCODE_GIT_\w*|VSCODE_IPC_HOOK\w*|GIT_ASKPASS|SSH_ASKPASS|SSH_AUTH_SOCK|GPG_AGENT_INFO|KUBECONFIG|NETRC|PGPASSFILE|PGPASSWORD|BOTO_CONFIG|DOCKER_CONFIG)$/i;

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
    if (SECRET_NAME.test(name) || SECRET_PREFIX.test(name) || SECRET_CHANNELS.test(name)) continue;
    if (secrets.find(`${name}=${value}`).length > 0) continue;
    kept[name] = value;
  }
  return kept;
}
