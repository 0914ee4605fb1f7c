import * as vscode from 'vscode';
import type { ChecksPort, QuestionsPort } from '../../core/agent/ports';
import type { AgentPorts, KeySource, ModelDeps } from '../../core/runs/ports';
import type { PlanInput } from '../../core/agent/planInput';
import type { RunEnvironment } from '../../core/agent/prompt';
import type { AgentSettings } from '../../core/runs/settings';
import type { createAnthropicModel } from '../../model/anthropicModel';
import type { SandboxKind } from '../../node/checks/sandbox';
import { createDiskSearch } from '../../node/search/diskSearch';
import { findRipgrep } from '../../node/search/ripgrepPath';
import { timedSearch } from '../../node/search/timedSearch';
import type { CommandPorts } from '../../core/agent/commandTool';
import type { CheckApprovals } from '../checks/checkApprovals';
import { type AskCommand, type CommandApprovals, modalAskCommand } from '../checks/commandApprovals';
import { createCommandPorts, readCommandSettings } from '../checks/workspaceCommands';
import { type Confirm, createChecksPort, modalConfirm } from '../checks/workspaceChecks';
import type { EndpointGate } from './endpointGate';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import { inputBoxQuestions } from './questions';
import { runEnvironment } from './runEnvironment';
import { WorkspaceFiles } from './workspaceFiles';

export interface RunPortsDeps {
  /** Loads the model client (@anthropic-ai/sdk, a bundle of its own) when a run first asks for it. */
  model: () => { createAnthropicModel: typeof createAnthropicModel };
  keys: KeySource;
  paths: WorkspacePaths;
  log: Logger;
  approvals: CheckApprovals;
  confirm?: Confirm;
  /** Where ask_user's questions go; an input box by default. */
  questions?: QuestionsPort;
  commandApprovals: CommandApprovals;
  /** Asks about the agent's own commands; a modal by default. */
  askCommand?: AskCommand;
  /** Which sandbox checks get; probed once per window by default. */
  sandbox?: () => Promise<SandboxKind>;
  settings: () => AgentSettings;
  /** The git binary VS Code uses (its git extension's `git.path`), else `git`. */
  gitPath?: () => Promise<string>;
  /** Whether the key may go to the configured endpoint (asked before every request). */
  endpoints: EndpointGate;
}

/** The agent's ports as VS Code implements them: built per run (checks, model) or once (files). */
export class RunPorts implements AgentPorts {
  readonly search = timedSearch();
  readonly files: WorkspaceFiles;

  constructor(private readonly deps: RunPortsDeps) {
    // The rg VS Code ships; without it (a build that leaves it out) the JavaScript fallback searches.
    const rgPath = findRipgrep(vscode.env.appRoot);
    this.files = new WorkspaceFiles(deps.paths, this.search, createDiskSearch({ patterns: this.search, ...(rgPath === undefined ? {} : { rgPath }) }));
  }

  checks(plan: { path: string; absolute: string; input: PlanInput }): ChecksPort {
    const { approvals, confirm, log, keys, sandbox, settings } = this.deps;
    const limits = (): { timeoutMs: number; outputCap: number } => ({ timeoutMs: settings().checkTimeoutMs, outputCap: settings().checkOutputCap });
    return createChecksPort(
      {
        files: this.files,
        approvals,
        confirm: confirm ?? modalConfirm,
        log,
        apiKey: () => keys.get(),
        limits,
        deny: () => this.deps.paths.denyPolicy(),
        ...(sandbox === undefined ? {} : { sandbox }),
      },
      plan,
    );
  }

  environment(): Promise<RunEnvironment> {
    return runEnvironment(this.deps.gitPath ?? (async () => 'git'), () => this.deps.paths.denyPolicy());
  }

  commands(plan: { path: string; absolute: string }): CommandPorts {
    const { commandApprovals, askCommand, log, keys, sandbox, settings } = this.deps;
    return createCommandPorts(
      {
        files: this.files,
        log,
        apiKey: () => keys.get(),
        limits: () => ({ timeoutMs: settings().checkTimeoutMs, outputCap: settings().checkOutputCap }),
        deny: () => this.deps.paths.denyPolicy(),
        ...(sandbox === undefined ? {} : { sandbox }),
        approvals: commandApprovals,
        ask: askCommand ?? modalAskCommand,
        settings: () => readCommandSettings(settings().checkTimeoutMs),
      },
      plan,
    );
  }

  agent(key: string, checks: ChecksPort): ModelDeps {
    const baseURL = this.deps.settings().baseUrl;
    // The key is read again per request: one set meanwhile (a refused key replaced) counts at once.
    const model = this.deps.model().createAnthropicModel({
      credentials: async () => {
        const allowed = await this.deps.endpoints.check(baseURL);
        return allowed.ok ? { apiKey: (await this.deps.keys.get()) || key, baseURL } : { refused: allowed.message };
      },
    });
    const questions = this.deps.questions ?? inputBoxQuestions;
    return { model, files: this.files, search: this.search, guard: this.files, checks, clock: { now: () => Date.now() }, questions };
  }
}
