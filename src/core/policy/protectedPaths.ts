import { CI_CONFIG_GLOBS, LOCKFILE_GLOBS } from './fileKinds';
import { compileGlobs, type GlobSet } from './glob';

export type ProtectionId =
  'editor-config' | 'ci-config' | 'agent-config' | 'agent-instructions' | 'mcp-config' | 'package-manifest' | 'lockfile' | 'execution-hook' | 'plan-constraint';

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
  rule('editor-config', 'Editor settings and tasks can enable auto-approval or run commands.', ['/.vscode/**', '*.code-workspace']),
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
  ]),
  rule('mcp-config', 'MCP configuration starts servers (programs) for agents.', ['*mcp*.json']),
  // The whole manifest, not only "scripts": dependency entries run install scripts too.
  rule('package-manifest', 'package.json scripts and dependencies run code on install, test and build.', ['package.json']),
  rule('lockfile', 'A lockfile pins what gets installed; a changed URL or hash installs other code.', LOCKFILE_GLOBS),
  rule('execution-hook', 'These files run code automatically (git hooks, dev containers, submodules).', [
    '/.husky/**',
    '.pre-commit-config.yaml',
    '/.devcontainer/**',
    '/.gitmodules',
    '.envrc',
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
