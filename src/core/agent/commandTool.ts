import type { Result } from '../result';
import { allowingRule } from './commandRules';
import type { CheckOutcome, ProposedFile } from './ports';
import { capped, done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { optInt, optStr, str, type ToolArgs } from './toolInput';
import { type AgentMode, findTool, type ToolDef } from './toolRegistry';

const COMMAND_TOOL = 'run_command';

/** A finished command: what a check reports, and how long the process ran. */
export interface CommandOutcome extends CheckOutcome {
  durationMs: number;
}

/** The user's settings for the agent's commands, read at each call (from user settings only). */
export interface CommandSettings {
  /** `redline.commands.allow`: commands that run without asking (commandRules.ts). */
  allow: readonly string[];
  /** `redline.commands.allowInPlanMode`: allow-listed commands may run in plan mode too. */
  allowInPlanMode: boolean;
  /** The longest a command may run; the model may ask for less. */
  timeoutMs: number;
}

/** Where a command would run: `confined` is false when no sandbox confines its writes, and then every run is asked. */
export interface CommandSandbox {
  confined: boolean;
  /** For the approval question: what the sandbox does and does not keep out. */
  description: string;
}

/**
 * Runs one command of the agent's in an isolated copy of the workspace with `proposals` applied,
 * sandboxed where possible, its output capped and redacted. Approval is not its business.
 */
export interface CommandPort {
  settings(): CommandSettings;
  sandbox(): Promise<CommandSandbox>;
  run(command: string, proposals: readonly ProposedFile[], timeoutMs: number, signal: AbortSignal): Promise<Result<CommandOutcome>>;
}

export interface CommandQuestion {
  command: string;
  /** Why the agent wants it, in its own words (shown, never trusted). */
  purpose: string | undefined;
  sandbox: CommandSandbox;
  /** False when "always" is not offered (no sandbox: every run is asked). */
  canRemember: boolean;
}

/** The user's answer; `dismissed` (the question closed, or could not be shown) counts as not approved. */
export type CommandAnswer = { kind: 'once' } | { kind: 'always' } | { kind: 'deny'; reason: string } | { kind: 'dismissed' };

/**
 * Asks the user about a command and remembers "always for this workspace" where a cloned
 * repository cannot ship it (workspace state, not a setting).
 */
export interface CommandApprovalPort {
  isRemembered(command: string): boolean;
  remember(command: string): Promise<void>;
  ask(question: CommandQuestion): Promise<CommandAnswer>;
}

/** What a run gives the command tool: its ports. */
export interface CommandPorts {
  commands: CommandPort;
  approvals: CommandApprovalPort;
}

/**
 * The command tool's state for one run: its mode and the commands the user turned down, which are
 * refused again without asking (a model retrying a denied command must not nag).
 */
export class CommandGate {
  private readonly declined = new Map<string, string>();

  constructor(
    readonly mode: AgentMode,
    private readonly ports: CommandPorts,
  ) {}

  /** Whether the run offers the tool: always in build mode, in plan mode only when the user allows it. */
  get offered(): boolean {
    return this.mode === 'build' || this.ports.commands.settings().allowInPlanMode;
  }

  async run(command: string, purpose: string | undefined, requestedMs: number | undefined, ctx: ToolContext): Promise<ToolOutcome> {
    const settings = this.ports.commands.settings();
    const rule = allowingRule(settings.allow, command);
    if (this.mode === 'plan') {
      if (!settings.allowInPlanMode) return refused('plan mode runs no commands (redline.commands.allowInPlanMode is off); nothing was run');
      if (rule === undefined) {
        return refused(`plan mode runs only the commands the user allows in redline.commands.allow, and "${command}" is not one of them; nothing was run`);
      }
    }
    const earlier = this.declined.get(command);
    if (earlier !== undefined) return refused(`${earlier} (already refused in this run; do not ask for it again)`);
    const sandbox = await this.ports.commands.sandbox();
    // Plan mode never asks, so it never runs what only a question would let through.
    if (this.mode === 'plan' && !sandbox.confined) {
      return refused('plan mode runs commands only in a sandbox that confines them (bubblewrap), and none is available here; nothing was run');
    }
    const approved = rule !== undefined || this.ports.approvals.isRemembered(command);
    // Without a sandbox every run is the user's call, as it is for checks.
    if (!approved || !sandbox.confined) {
      const answer = await this.ports.approvals.ask({ command, purpose, sandbox, canRemember: sandbox.confined });
      if (answer.kind === 'deny' || answer.kind === 'dismissed') {
        const why =
          answer.kind === 'dismissed'
            ? `not run (not approved): the user did not approve "${command}"`
            : `not run: the user denied "${command}"${answer.reason.trim() === '' ? '' : ` and said: ${answer.reason.trim()}`}`;
        this.declined.set(command, why);
        return refused(why);
      }
      if (answer.kind === 'always' && sandbox.confined) await this.ports.approvals.remember(command);
    }
    const timeoutMs = Math.min(settings.timeoutMs, requestedMs ?? settings.timeoutMs);
    const outcome = await this.ports.commands.run(command, ctx.overlay.all(), timeoutMs, ctx.signal);
    if (!outcome.ok) return refused(`"${command}" did not run: ${outcome.message}`);
    // A failing command is a result the model reads, not a failed tool call.
    return done(capped(commandReport(command, outcome.value, timeoutMs)));
  }
}

/** The tools a run offers: the command tool only with a gate that offers it (a fix request has none). */
export function withCommandTool(tools: readonly ToolDef[], gate: CommandGate | undefined): readonly ToolDef[] {
  const others = tools.filter((d) => d.name !== COMMAND_TOOL);
  const def = findTool(COMMAND_TOOL);
  return gate?.offered === true && def !== undefined ? [...others, def] : others;
}

/** The result the model sees: the command, its exit code (or the timeout), how long it took, its output. */
function commandReport(command: string, outcome: CommandOutcome, timeoutMs: number): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const status = outcome.timedOut
    ? `timed out after ${seconds(timeoutMs)} and was stopped`
    : outcome.exitCode === null
      ? 'ended by a signal (no exit code)'
      : `exit code ${outcome.exitCode}`;
  const output = outcome.output.trim() === '' ? '(no output)' : outcome.output.replace(/\s+$/, '');
  return `$ ${command}\n${status}, ${seconds(outcome.durationMs)}\n${output}`;
}

/** The run_command handler: the gate decides, the port runs. */
export async function runCommand(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  if (ctx.commands === undefined) return refused('running commands is not available here; nothing was run');
  // Run as written (spacing inside quotes matters); only the rule matching normalizes it.
  const command = str(args, 'command').trim();
  if (command === '') return refused('the command is empty; nothing was run');
  const seconds = optInt(args, 'timeout_seconds');
  return ctx.commands.run(command, optStr(args, 'purpose'), seconds === undefined ? undefined : seconds * 1000, ctx);
}
