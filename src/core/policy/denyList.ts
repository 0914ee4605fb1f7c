import { compileGlobs } from './glob';
import { isGitSegment } from './pathSyntax';

/** One row of the deny table: the globs of one kind of secret, and why they are denied. */
export interface DenyGroup {
  readonly reason: string;
  readonly globs: readonly string[];
}

/**
 * Files whose content never reaches the model, a log or a webview: never read, never searched,
 * never shown with content. Matched at any depth, any case (see `compileGlobs`). The setting
 * `redline.policy.denyGlobs` extends this list; `!glob` entries re-allow what the other globs deny.
 */
export const DENY_GROUPS: readonly DenyGroup[] = [
  // also .envrc (direnv) and .env.example: people paste real keys into "examples"
  { reason: 'Environment files hold API keys and passwords.', globs: ['.env*'] },
  {
    reason: 'Private keys and keystores sign, decrypt and log in.',
    globs: ['*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.ppk', 'id_rsa*', 'id_dsa*', 'id_ecdsa*', 'id_ed25519*', '.ssh/**'],
  },
  { reason: 'PGP secret keys (an exported `.asc` is often the private key).', globs: ['*.asc', 'secring.*', '.gnupg/**'] },
  {
    reason: 'Package registry settings carry publish and install tokens.',
    // .yarnrc.yml may carry npmAuthToken; pip.conf an index URL with a password; Maven's
    // settings.xml and gradle.properties the repository passwords and signing keys.
    globs: [
      '.npmrc',
      '.yarnrc',
      '.yarnrc.yml',
      '.pypirc',
      'pip.conf',
      'pip.ini',
      'settings.xml',
      'settings-security.xml',
      'gradle.properties',
      '.gem/credentials',
      'auth.json' /* composer */,
    ],
  },
  {
    reason: 'Login files for machines, databases and web servers.',
    globs: ['.netrc', '_netrc', '.pgpass', '.my.cnf', '.htpasswd', '.git-credentials', '.vault-token'],
  },
  {
    reason: 'Cloud credentials and tokens.',
    globs: [
      // Narrower than `credentials*` / `secrets.*` on purpose: those deny source files such as
      // credentialsForm.tsx or secrets.ts, which the agent must be able to edit.
      'credentials',
      'credentials.*',
      '*[-_.]credentials',
      '*[-_.]credentials.*',
      'token.json', // Google OAuth quickstarts store the refresh token here
      '*service-account*.json',
      '*service_account*.json',
      '*firebase-adminsdk*.json',
      '.aws/**',
      '.azure/**',
      '.s3cfg',
      '.boto',
      'rclone.conf',
      '.terraformrc',
      'terraform.rc',
    ],
  },
  {
    reason: 'Container and cluster credentials.',
    globs: ['.docker/config.json', '.dockercfg', '.kube/config', 'kubeconfig', 'kubeconfig*', '*.kubeconfig'],
  },
  {
    reason: 'Secret stores and infrastructure state (Terraform state holds every secret it created).',
    globs: ['secrets/**', 'secrets.{json,yml,yaml,toml,ini,env,txt,properties,conf,cfg,xml}', '*.tfvars', '*.tfvars.json', '*.tfstate', '*.tfstate.*'],
  },
];

export const DEFAULT_DENY_GLOBS: readonly string[] = DENY_GROUPS.flatMap((g) => g.globs);

/** What a directory listing may show of an entry. */
export type ListingVisibility =
  | 'visible' // name, and content on request
  | 'name-only' // a denied file: shown by name, marked denied, never its size or content
  | 'hidden'; // `.git`: internals are not part of the project the agent works on

export interface DenyPolicy {
  /** The glob that denies this workspace-relative path, or undefined when allowed. */
  deniedBy(relativePath: string): string | undefined;
  /** For file search/grep: false for denied files and anything under `.git`. */
  isSearchable(relativePath: string): boolean;
  listingVisibility(relativePath: string): ListingVisibility;
}

/**
 * Denied files stay visible by name in listings (decision, issue 10): hiding them makes the
 * model guess and retry, and a name alone (`.env`) tells it nothing secret; showing the name
 * with a "denied" mark lets it tell the user why it cannot help with that file.
 */
export function createDenyPolicy(globs: readonly string[] = DEFAULT_DENY_GLOBS): DenyPolicy {
  const deny = compileGlobs(globs.filter((g) => !g.startsWith('!')));
  const allow = compileGlobs(globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1)));
  const deniedBy = (relativePath: string): string | undefined => {
    const glob = deny.matchingGlob(relativePath);
    return glob !== undefined && !allow.matches(relativePath) ? glob : undefined;
  };
  const inGit = (relativePath: string): boolean => relativePath.split('/').some(isGitSegment);
  return {
    deniedBy,
    isSearchable: (p) => !inGit(p) && deniedBy(p) === undefined,
    listingVisibility: (p) => (inGit(p) ? 'hidden' : deniedBy(p) !== undefined ? 'name-only' : 'visible'),
  };
}

/** Defaults plus the user's setting; `replaceDefaults` for teams that curate their own list. */
export function effectiveDenyGlobs(setting: { globs?: readonly string[]; replaceDefaults?: boolean }): string[] {
  const own = setting.globs ?? [];
  return setting.replaceDefaults === true ? [...own] : [...DEFAULT_DENY_GLOBS, ...own];
}

/**
 * The deny list from settings of every scope. Only the user's own settings may narrow it
 * (`replaceDefaults`, `!glob` re-allows); a workspace may add globs but never remove one, or a
 * cloned repository could ship a `.vscode/settings.json` that unlocks its reader's `.env`.
 */
export function denyGlobsFromScopes(user: { globs?: readonly string[]; replaceDefaults?: boolean }, workspace: readonly string[]): string[] {
  return [...effectiveDenyGlobs(user), ...workspace.filter((g) => !g.trim().startsWith('!'))];
}
