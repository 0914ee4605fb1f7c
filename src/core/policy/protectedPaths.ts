import { CI_CONFIG_GLOBS, LOCKFILE_GLOBS } from './fileKinds';
import { compileGlobs, type GlobSet } from './glob';

export type ProtectionId =
  | 'editor-config'
  | 'ci-config'
  | 'agent-config'
  | 'agent-instructions'
  | 'mcp-config'
  | 'package-manifest'
  | 'lockfile'
  | 'execution-hook'
  | 'build-wrapper'
  | 'plan-constraint'
  | 'plan-steering';

export interface Protection {
  readonly id: ProtectionId;
  readonly reason: string;
  /** The glob that matched (for plan constraints, the plan's own glob). */
  readonly glob: string;
}

interface ProtectionRule {
  readonly id: ProtectionId;
  readonly reason: string;
  readonly globs: GlobSet;
  readonly except?: GlobSet;
}

function rule(id: ProtectionId, reason: string, globs: readonly string[], except: readonly string[] = []): ProtectionRule {
  return { id, reason, globs: compileGlobs(globs), except: except.length > 0 ? compileGlobs(except) : undefined };
}

/**
 * Paths whose change can grant the agent more power or run code outside review, so a hunk
 * touching them is accepted only one by one (never *Accept all* or the API's bulk accept).
 * Each entry answers a known incident: settings that turn on auto-approve (CVE-2025-53773),
 * config writes that lead to code execution (CVE-2025-53098, CVE-2025-54135).
 */
const PROTECTION_RULES: readonly ProtectionRule[] = [
  // JetBrains keeps run configurations and startup tasks (run when the project opens) in `.idea/`;
  // Zed's settings and tasks live in `.zed/`.
  rule('editor-config', 'Editor settings and tasks can enable auto-approval or run commands.', ['/.vscode/**', '*.code-workspace', '.idea/**', '.zed/**']),
  rule('ci-config', 'CI configuration runs with repository secrets on every push.', CI_CONFIG_GLOBS),
  rule(
    'agent-config',
    'Agent configuration can widen what an agent is allowed to do.',
    [
      '/.redline/**',
      '.claude/**',
      '.cursor/**',
      '.roo/**',
      '.continue/**',
      '.windsurf/**',
      // The hook and MCP configuration files Redline's own agent connectors write live here too.
      '.gemini/**',
      '.codex/**',
      '.opencode/**',
      'opencode.json',
      'opencode.jsonc',
      '.clinerules',
      '.cursorrules',
      '.roomodes',
      '.windsurfrules',
      '.aider*',
    ],
    // Plans are the agent's own work product and live here by design (DESIGN.md).
    ['/.redline/plans/**'],
  ),
  // Decision: instruction files are protected at any depth. Agents read them as trusted
  // instructions on every later run, so an edit is a prompt injection with a long fuse.
  rule('agent-instructions', 'Agent instruction files are read as trusted instructions by later runs.', [
    'CLAUDE.md',
    'CLAUDE.local.md',
    'AGENTS.md',
    'GEMINI.md',
    '.github/copilot-instructions.md',
    '.github/instructions/**',
    '.github/prompts/**',
    '.github/chatmodes/**',
  ]),
  rule('mcp-config', 'MCP configuration starts servers (programs) for agents.', ['*mcp*.json']),
  // The whole manifest, not only "scripts": dependency entries run install scripts too.
  rule('package-manifest', 'package.json scripts and dependencies run code on install, test and build.', ['package.json']),
  rule('lockfile', 'A lockfile pins what gets installed; a changed URL or hash installs other code.', LOCKFILE_GLOBS),
  rule('execution-hook', 'These files run code automatically (git hooks, dev containers, submodules, package manager hooks).', [
    '/.husky/**',
    '.pre-commit-config.yaml',
    // Git hook managers, and the folders `core.hooksPath` conventionally names.
    'lefthook.{yml,yaml,json,toml}',
    'lefthook-local.{yml,yaml,json,toml}',
    '.lefthook.{yml,yaml,json,toml}',
    '.lefthook-local.{yml,yaml,json,toml}',
    '.simple-git-hooks.{json,js,cjs,mjs}',
    'simple-git-hooks.{json,js,cjs,mjs}',
    '.githooks/**',
    '.git-hooks/**',
    '.hooks/**',
    '/.devcontainer/**',
    '/.devcontainer.json',
    '/.gitmodules',
    '.envrc',
    // Package managers run these on every install: a pnpm hook is code, `.npmrc` and `.yarnrc`
    // can set the shell that runs every script (`script-shell`, `yarn-path`).
    '.pnpmfile.{cjs,mjs,js}',
    'pnpmfile.{cjs,mjs,js}',
    '.npmrc',
    '.yarnrc',
    '.yarnrc.yml',
  ]),
  // Decision: build files (Makefile, build.gradle, pom.xml) are not protected: nothing runs them
  // but a command someone starts, and they are reviewed as the code they are. Wrapper settings are
  // different: every later build downloads and runs whatever distribution they name.
  rule('build-wrapper', 'Build wrapper settings choose the build tool that every later build downloads and runs.', [
    'gradle/wrapper/gradle-wrapper.properties',
    '.mvn/wrapper/maven-wrapper.properties',
    '.mvn/extensions.xml',
    '.mvn/jvm.config',
    '.mvn/maven.config',
  ]),
];

/**
 * Why a change to this workspace-relative path needs its own look; [] when it does not.
 * `constraints` are the plan's Constraints globs (gitignore-like anchoring, any case).
 */
export function protectionFor(path: string, constraints: readonly string[] = []): Protection[] {
  const out: Protection[] = [];
  for (const r of PROTECTION_RULES) {
    const glob = r.globs.matchingGlob(path);
    if (glob !== undefined && r.except?.matches(path) !== true) out.push({ id: r.id, reason: r.reason, glob });
  }
  const constraintGlob = constraints.length > 0 ? compileGlobs(constraints).matchingGlob(path) : undefined;
  if (constraintGlob !== undefined) {
    out.push({ id: 'plan-constraint', reason: `The plan's Constraints say '${constraintGlob}' must not be touched.`, glob: constraintGlob });
  }
  return out;
}

export function isProtected(path: string, constraints: readonly string[] = []): boolean {
  return protectionFor(path, constraints).length > 0;
}
