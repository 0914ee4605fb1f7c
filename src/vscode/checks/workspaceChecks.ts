import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckOutcome, ChecksPort, DeclaredCheck, ProposedFile } from '../../core/agent/ports';
import type { DenyPolicy } from '../../core/policy/denyList';
import type { PathIntent } from '../../core/policy/workspacePath';
import type { PlanInput } from '../../core/agent/planInput';
import { isDeclaredCheck, parseCheckCommand } from '../../core/policy/checkCommand';
import { createRedactor } from '../../core/policy/secrets';
import { fail, type Result } from '../../core/result';
import { deniedFileValues } from '../../node/checks/deniedValues';
import { checkEnvironment, type IsolatedOutcome, runIsolatedCheck } from '../../node/checks/isolatedCheck';
import type { CopyFile } from '../../node/checks/isolatedCopy';
import { confines, describeSandbox, detectSandbox, type SandboxKind } from '../../node/checks/sandbox';
import type { Logger } from '../log';
import type { CheckApprovals } from './checkApprovals';
import { environmentNote } from './commandApprovals';

/** A modal question; resolves true when the user chose `action`. */
export type Confirm = (message: string, detail: string, action: string) => Promise<boolean>;

export const modalConfirm: Confirm = async (message, detail, action) =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

/**
 * The one thing checks need of the workspace files: a guard-resolved absolute path. Declared here
 * (the agent's WorkspaceFiles satisfies it) so checks stay below the agent adapters.
 */
export interface AbsolutePaths {
  absolute(path: string, intent: PathIntent): Promise<Result<string>>;
}

/** What running anything in an isolated copy needs: the plan's checks and the agent's own commands. */
export interface CopyRunDeps {
  files: AbsolutePaths;
  log: Logger;
  apiKey: () => Promise<string | undefined>;
  limits: () => { timeoutMs: number; outputCap: number };
  /** The deny list as the settings give it now (`WorkspacePaths.denyPolicy`). */
  deny: () => DenyPolicy;
  sandbox?: () => Promise<SandboxKind>;
}

export interface ChecksDeps extends CopyRunDeps {
  approvals: CheckApprovals;
  confirm: Confirm;
}

let detected: Promise<SandboxKind> | undefined;
/** Probed once per window: the probe spawns processes. */
export const cachedSandbox = (): Promise<SandboxKind> => (detected ??= detectSandbox());

/**
 * The Checks port of one run: only the plan's declared checks, only once the user approved them
 * for this plan, each in an isolated copy with the run's proposals, sandboxed where possible.
 * It exists only inside a run, so Restricted Mode is refused before it by the run gate (core/runs).
 */
export function createChecksPort(deps: ChecksDeps, plan: { path: string; absolute: string; input: PlanInput }): ChecksPort {
  const declined = new Set<string>();
  return {
    async run(check: DeclaredCheck, proposals: ProposedFile[], signal: AbortSignal): Promise<Result<CheckOutcome>> {
      // Shell syntax in a declared check is refused with its reason, before anyone is asked.
      const parsed = parseCheckCommand(check.command);
      if (!parsed.ok) return fail('E_COMMAND', `the check cannot run: ${parsed.message}`);
      const commands = plan.input.checks.map((c) => c.command);
      if (!commands.includes(check.command) || !isDeclaredCheck(commands, check.command)) {
        return fail('not_declared', `"${check.command}" is not a check the plan declares`);
      }
      if (declined.has(check.command)) return fail('not_approved', 'the user did not allow this check; do not ask for it again in this run');
      const sandbox = await (deps.sandbox ?? cachedSandbox)();
      const where = describeSandbox(sandbox);
      if (!confines(sandbox)) {
        // Unconfined, every run is the user's call: a run can leave behind what the next one, or the
        // user's own tools, would run (a git hook, a shell profile), so no answer is remembered.
        const unsandboxed = sandbox === 'none';
        const allowed = await deps.confirm(
          unsandboxed ? `Run the check "${check.command}" without a sandbox?` : `Run the check "${check.command}" unconfined, with only its network cut off?`,
          `It runs code the agent proposed, before you reviewed it, in a temporary copy of the workspace with the proposals applied, ${where}. ${environmentNote(false)} You are asked before every run: install bubblewrap to confine checks.`,
          unsandboxed ? 'Run without sandbox' : 'Run unconfined',
        );
        if (!allowed) return fail('not_approved', `the user did not allow running this check ${unsandboxed ? 'without a sandbox' : 'unconfined'}`);
      } else if (!deps.approvals.isApproved(plan.path, check.command)) {
        const allowed = await deps.confirm(
          `Allow the agent to run the check "${check.command}" for the plan ${plan.path}?`,
          `It runs code the agent proposed, before you reviewed it, in a temporary copy of the workspace with the proposals applied, ${where}. ${environmentNote(true)} Your answer is remembered for this plan.`,
          'Allow for this plan',
        );
        if (!allowed) {
          declined.add(check.command);
          return fail('not_approved', 'the user did not allow this check; do not ask for it again in this run');
        }
        await deps.approvals.approve(plan.path, check.command);
      }
      const { timeoutMs, outputCap } = deps.limits();
      return runInCopy(deps, plan, { command: check.command, shell: false, sandbox, timeoutMs, outputCap, proposals, signal });
    },
  };
}

/** What runs, where and how long: the command as declared (checks) or as the user allowed it (shell). */
export interface CopyRun {
  command: string;
  shell: boolean;
  sandbox: SandboxKind;
  timeoutMs: number;
  outputCap: number;
  proposals: readonly ProposedFile[];
  signal: AbortSignal;
}

/**
 * Runs a command in an isolated copy of the plan's workspace folder with the proposals applied and
 * without the denied files, sandboxed as `run.sandbox` says, with the key out of the environment
 * and out of the output. Approval is the caller's business.
 */
export async function runInCopy(deps: CopyRunDeps, plan: { path: string; absolute: string }, run: CopyRun): Promise<Result<IsolatedOutcome>> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(plan.absolute));
  if (folder === undefined) return fail('E_FOLDER', 'the plan is not inside a workspace folder');
  const root = folder.uri.fsPath;
  const files = await copyFiles(deps.files, root, run.proposals);
  const key = await deps.apiKey();
  const keys = key === undefined ? [] : [key];
  const deny = deps.deny();
  const env = checkEnvironment(process.env, keys);
  // Whatever the check could have seen is redacted by value, in every encoding: the key, the
  // credentials taken out of its environment, and the values of the workspace's denied files.
  const known = [...keys, ...removedValues(process.env, env), ...(await deniedFileValues(root, (rel) => deny.deniedBy(rel) !== undefined))];
  const what = `${run.shell ? 'command' : 'check'} "${run.command}"`;
  deps.log.info(`${what} for ${plan.path}: ${describeSandbox(run.sandbox)}`);
  const outcome = await runIsolatedCheck({
    root,
    command: run.command,
    shell: run.shell,
    files,
    env,
    sandbox: run.sandbox,
    timeoutMs: run.timeoutMs,
    outputCap: run.outputCap,
    signal: run.signal,
    redact: createRedactor({ knownSecrets: known }).redact,
    skip: (rel) => deny.deniedBy(rel) !== undefined,
    // The copy holds this folder only; the window's other folders are hidden like this one.
    hide: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file' && f.uri.fsPath !== root).map((f) => f.uri.fsPath),
  });
  deps.log.info(
    `${what}: ${outcome.ok ? `exit ${outcome.value.exitCode ?? 'none'}${outcome.value.timedOut ? ' (timed out)' : ''} in ${outcome.value.durationMs} ms` : outcome.message}`,
  );
  return outcome;
}

/** The values of the variables scrubbing took out (a region or a socket path too: redacting those costs nothing). */
function removedValues(all: NodeJS.ProcessEnv, kept: Record<string, string>): string[] {
  return Object.entries(all).flatMap(([name, value]) => (value !== undefined && !(name in kept) ? [value] : []));
}

/** Proposals as files of the copy, relative to the folder the check runs in. */
async function copyFiles(files: AbsolutePaths, root: string, proposals: readonly ProposedFile[]): Promise<CopyFile[]> {
  const out: CopyFile[] = [];
  for (const p of proposals) {
    const abs = await files.absolute(p.path, 'write');
    if (!abs.ok) continue;
    const rel = path.relative(root, abs.value);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    out.push({ path: rel.split(path.sep).join('/'), text: p.proposedText });
  }
  return out;
}
