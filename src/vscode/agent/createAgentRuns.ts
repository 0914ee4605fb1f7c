import type * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import { CheckApprovals, testPreapproval } from '../checks/checkApprovals';
import type { Confirm } from '../checks/workspaceChecks';
import type { SandboxKind } from '../../node/checks/sandbox';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import type { AgentSettings } from './agentSettings';
import { AgentRuns } from './agentRuns';

export interface CreateAgentRunsDeps {
  context: Pick<vscode.ExtensionContext, 'extensionPath' | 'storageUri' | 'workspaceState' | 'extensionMode'>;
  session: ReviewSession;
  /** Resolves once the stored changesets are back (a continued run needs its own). */
  changesetsRestored?: Promise<void>;
  /** The ApiKeyStore: SecretStorage, then ANTHROPIC_API_KEY. */
  keys: { get(): Promise<string | undefined> };
  paths: WorkspacePaths;
  log: Logger;
  /** For tests: answers the check approval questions instead of a modal. */
  confirm?: Confirm;
  /** For tests: pretend a sandbox is (not) available. */
  sandbox?: () => Promise<SandboxKind>;
  settings?: () => AgentSettings;
  showAuthError?: (message: string) => void;
}

/**
 * The RunService the panel, the commands and the public API use. Cheap: it reads no file and
 * loads no SDK until the first run starts (the model bundle is loaded then).
 */
export function createAgentRuns(deps: CreateAgentRunsDeps): AgentRuns {
  return new AgentRuns({
    extensionPath: deps.context.extensionPath,
    storageUri: deps.context.storageUri,
    session: deps.session,
    ...(deps.changesetsRestored === undefined ? {} : { changesetsRestored: deps.changesetsRestored }),
    keys: deps.keys,
    paths: deps.paths,
    log: deps.log,
    approvals: new CheckApprovals(deps.context.workspaceState, testPreapproval(deps.context.extensionMode)),
    ...(deps.confirm === undefined ? {} : { confirm: deps.confirm }),
    ...(deps.sandbox === undefined ? {} : { sandbox: deps.sandbox }),
    ...(deps.settings === undefined ? {} : { settings: deps.settings }),
    ...(deps.showAuthError === undefined ? {} : { showAuthError: deps.showAuthError }),
  });
}
