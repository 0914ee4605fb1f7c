import * as vscode from 'vscode';
import { parseAllowRules } from '../../core/agent/commandRules';
import type { CommandPorts, CommandSettings } from '../../core/agent/commandTool';
import { confines, describeSandbox } from '../../node/checks/sandbox';
import type { CommandApprovals, AskCommand } from './commandApprovals';
import { cachedSandbox, type CopyRunDeps, runInCopy } from './workspaceChecks';

export interface CommandsDeps extends CopyRunDeps {
  approvals: CommandApprovals;
  ask: AskCommand;
  settings: () => CommandSettings;
}

/**
 * The allow rules and the plan-mode switch, from the user's own settings only: a workspace that
 * could set them could let its agent run anything (issue 16), so a workspace value is never read,
 * whatever the scope in package.json says.
 */
export function readCommandSettings(timeoutMs: number): CommandSettings {
  const config = vscode.workspace.getConfiguration('redline');
  const allow = config.inspect<unknown>('commands.allow');
  const inPlan = config.inspect<unknown>('commands.allowInPlanMode');
  return {
    allow: parseAllowRules(allow?.globalValue ?? allow?.defaultValue),
    allowInPlanMode: (inPlan?.globalValue ?? inPlan?.defaultValue) === true,
    timeoutMs,
  };
}

/**
 * The agent's own commands for one run: each in an isolated copy of the plan's workspace folder
 * with the run's proposals, sandboxed like the plan's checks (the same copy, sandbox, environment
 * and redaction). Which command may run is the core's CommandGate's decision.
 */
export function createCommandPorts(deps: CommandsDeps, plan: { path: string; absolute: string }): CommandPorts {
  const sandbox = deps.sandbox ?? cachedSandbox;
  return {
    commands: {
      settings: deps.settings,
      async sandbox() {
        const kind = await sandbox();
        return { confined: confines(kind), description: describeSandbox(kind) };
      },
      async run(command, proposals, timeoutMs, signal) {
        const { outputCap } = deps.limits();
        return runInCopy(deps, plan, { command, shell: true, sandbox: await sandbox(), timeoutMs, outputCap, proposals, signal });
      },
    },
    approvals: {
      isRemembered: (command) => deps.approvals.isRemembered(command),
      remember: (command) => deps.approvals.remember(command),
      ask: async (question) => {
        deps.log.info(`command "${question.command}": asking the user`);
        const answer = await deps.ask(question).catch((error: unknown) => {
          // A question that cannot be shown is not an approval.
          deps.log.warn(`command "${question.command}": the question could not be shown: ${error instanceof Error ? error.message : String(error)}`);
          return { kind: 'dismissed' } as const;
        });
        deps.log.info(`command "${question.command}": ${answer.kind}`);
        return answer;
      },
    },
  };
}
