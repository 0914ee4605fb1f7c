import * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { KeySource, PlanWriter } from '../../core/runs/ports';
import { Runs } from '../../core/runs/runs';
import type { AgentSettings } from '../../core/runs/settings';
import type { SandboxKind } from '../../node/checks/sandbox';
import { CheckApprovals, testPreapproval } from '../checks/checkApprovals';
import { type AskCommand, CommandApprovals } from '../checks/commandApprovals';
import type { Confirm } from '../checks/workspaceChecks';
import { showAuthError } from '../commands/apiKeyCommands';
import type { Logger } from '../log';
import { vscodePlanWriter } from './planWriter';
import type { WorkspacePaths } from '../workspacePaths';
import { workspaceTrust } from '../workspaceTrust';
import { readAgentSettings } from './agentSettings';
import { EndpointGate } from './endpointGate';
import { showModelNotice } from './modelNotices';
import { RunPorts, type RunPortsDeps } from './runPorts';
import { RunStore } from './runStore';
import { linklessText } from '../untrustedText';

export interface CreateAgentRunsDeps {
  context: Pick<vscode.ExtensionContext, 'storageUri' | 'workspaceState' | 'extensionMode'> & { globalState: vscode.Memento };
  session: ReviewSession;
  /** Resolves once the stored changesets are back (a continued run needs its own). */
  changesetsRestored?: Promise<void>;
  /** The ApiKeyStore: SecretStorage, then ANTHROPIC_API_KEY. */
  keys: KeySource;
  paths: WorkspacePaths;
  log: Logger;
  /** Loads the model client (`dist/model.js`, with @anthropic-ai/sdk) when a run first needs it. */
  model: RunPortsDeps['model'];
  /** For tests: answers the check approval questions instead of a modal. */
  confirm?: Confirm;
  /** For tests: answers the questions about the agent's own commands instead of a modal. */
  askCommand?: AskCommand;
  /** For tests: pretend a sandbox is (not) available. */
  sandbox?: () => Promise<SandboxKind>;
  settings?: () => AgentSettings;
  showAuthError?: (message: string) => void;
  /**
   * The window's plan writer. The composition passes its own: this bundle loads later as a module
   * of its own, and the Plan panel's writes and a run's step marks must share one writer (one
   * queue per plan, one record of the writes in flight).
   */
  planWriter?: PlanWriter;
  /** The git binary of VS Code's git extension, for the run's environment block. */
  gitPath?: () => Promise<string>;
  /** Whether the key may go to the configured endpoint; asks in a remote window by default. */
  endpoints?: EndpointGate;
}

/**
 * The run lifecycle (core/runs) wired to VS Code: the workspace's files, the plan writer, workspace
 * trust, workspace storage, the settings, notifications and the model bundle. Cheap: it reads no
 * file and loads no SDK until the first run starts.
 */
export function createAgentRuns(deps: CreateAgentRunsDeps): Runs {
  const settings = deps.settings ?? (() => readAgentSettings(deps.log));
  const ports = new RunPorts({
    model: deps.model,
    keys: deps.keys,
    paths: deps.paths,
    log: deps.log,
    approvals: new CheckApprovals(deps.context.workspaceState, testPreapproval(deps.context.extensionMode)),
    ...(deps.confirm === undefined ? {} : { confirm: deps.confirm }),
    commandApprovals: new CommandApprovals(deps.context.workspaceState),
    ...(deps.askCommand === undefined ? {} : { askCommand: deps.askCommand }),
    ...(deps.sandbox === undefined ? {} : { sandbox: deps.sandbox }),
    ...(deps.gitPath === undefined ? {} : { gitPath: deps.gitPath }),
    settings,
    endpoints: deps.endpoints ?? new EndpointGate(deps.context.globalState),
  });
  return new Runs({
    session: deps.session,
    ...(deps.changesetsRestored === undefined ? {} : { changesetsRestored: deps.changesetsRestored }),
    keys: deps.keys,
    trust: workspaceTrust,
    store: new RunStore(deps.context.storageUri),
    log: deps.log,
    notices: {
      warn: (message) => void vscode.window.showWarningMessage(`Redline: ${linklessText(message)}`),
      authError: deps.showAuthError ?? showAuthError,
      model: (notice, severity, mode) => void showModelNotice(notice, severity, mode),
    },
    settings,
    files: ports.files,
    planWriter: deps.planWriter ?? vscodePlanWriter,
    ports,
  });
}
