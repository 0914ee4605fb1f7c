import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';
import { Bundles, once } from './bundles';
import { ClearApiKeyCommand, SetApiKeyCommand } from './commands/apiKeyCommands';
import { registerCommands } from './commands/command';
import { FocusPlanCommand, NewPlanCommand } from './plan/planCommands';
import { ShowLogCommand } from './commands/showLogCommand';
import { createLogger } from './log';
import { PlanStore } from './plan/planStore';
import { registerPlanPanel } from './plan/registerPlanPanel';
import type { PolicyRules } from '../core/policy/policyRules';
import { redactSecrets } from '../core/policy/secrets';
import type { RedlineApi } from '../shared/api';
import { createApi } from './api';
import { DisposableStore } from '../core/dispose';
import type { RunService } from '../core/runs/runService';
import { LazyAgentRuns } from './agent/lazyAgentRuns';
import { EndpointGate } from './agent/endpointGate';
import { vscodePlanWriter } from './agent/planWriter';
import { SelectModelCommand } from './agent/selectModelCommand';
import { StopRunCommand } from './agent/stopRunCommand';
import { ContinueRunCommand } from './agent/continueRunCommand';
import { ChangesetTree, CHANGESETS_VIEW } from './editor/changesetTree';
import { LazyWorkerLineDiff } from '../node/lazyLineDiff';
import { onFirstChangeset, SessionRegistry } from '../core/review/reviewSessions';
import { registerReview } from './review/registerReview';
import { WorkspacePaths } from './workspacePaths';
import { GitExtensionApi } from './git/gitExtension';
import { CLAUDE_CONNECTIONS_KEY, CODEX_CONNECTIONS_KEY, GEMINI_CONNECTIONS_KEY, isHookChangeset, isMcpChangeset } from '../core/terminalAgents/hookSource';
import { MCP_SERVED_KEY } from '../core/terminalAgents/mcpConfig';
import { AgentActivity, connectedAgents } from '../core/terminalAgents/agentActivity';
import { AgentsTree, AGENTS_VIEW } from './terminalAgents/agentsTree';

/**
 * The composition root: builds every adapter once and registers it. Activation must stay cheap
 * (see the Performance issue): nothing here reads files or loads the model SDK. Every bundle loaded
 * on first use (bundles.json) is loaded here, by `bundles.get`, inside the callback or port that
 * needs it; the code below names each load point.
 */
export function compose(context: vscode.ExtensionContext): RedlineApi {
  const log = createLogger(redactSecrets);
  const bundles = new Bundles(context.extensionPath);
  // Tripwires, protected paths and the deny list (with their glob matcher): the first path check or proposal.
  const policy = (): PolicyRules => bundles.get('policy').policyRules;
  const rules: PolicyRules = {
    evaluateTripwires: (input, ctx) => policy().evaluateTripwires(input, ctx),
    protectionFor: (path, constraints) => policy().protectionFor(path, constraints),
    denyPolicy: (user, workspace) => policy().denyPolicy(user, workspace),
  };
  const paths = new WorkspacePaths(rules);
  context.subscriptions.push(paths);
  // Set once the agent is wired (it needs the review session); the review, the panel and the API
  // reach it only through this getter.
  const agentRef: { current?: RunService } = {};
  const runs = (): RunService | undefined => agentRef.current;
  // Large proposals are diffed, and a large changeset's moved code found, in a worker; the host's
  // side of it loads with the first one.
  const lineDiff = new LazyWorkerLineDiff(bundles.file('diffWorker'), () => bundles.get('diffPort'));
  // What terminal agents do (connected, waiting, gone), for the views built now; the hooks feed it once they
  // run. Its marks are kept in the workspace state for the next window.
  const activity = new AgentActivity(() => connectedAgents((key) => context.workspaceState.get(key)), context.workspaceState);
  const review = registerReview(context, { paths, log, runs, rules, lineDiff, movedCode: lineDiff, agentState: (id) => activity.state(id) });
  context.subscriptions.push(
    activity,
    activity.onDidChange((id) => {
      if (id !== undefined) review.panels.get(id)?.refreshHeader();
    }),
  );

  // The editor review: the Changesets tree from activation (a contributed view must have its
  // provider); the rest once the review session first holds a changeset, restored ones included,
  // or one of its commands first runs. Until then there is nothing to decorate.
  const editor = once(() => bundles.get('editor').registerEditor(context, { session: review.session, panels: review.panels, runs }));
  const tree = new ChangesetTree(review.session, activity);
  const agentsTree = new AgentsTree(activity, review.session);
  context.subscriptions.push(
    lineDiff,
    tree,
    vscode.window.createTreeView(CHANGESETS_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    agentsTree,
    vscode.window.createTreeView(AGENTS_VIEW, { treeDataProvider: agentsTree }),
    onFirstChangeset(review.session, () => void editor()),
  );
  // The working tree's session joins `otherSessions`, where the API finds its changesets, when
  // Review Working Tree first runs.
  const otherSessions = new SessionRegistry();
  const git = once(() => {
    const wired = bundles.get('git').registerGitReview(context, { paths, log, runs, rules, movedCode: lineDiff });
    otherSessions.add(wired.session);
    return [wired.command];
  });

  // Review Patch… and Copy Changeset as Patch, on the first run of either.
  const patch = once(() => bundles.get('patch').patchCommands(review.session, review.workspace, review.panels));

  // Terminal agents reviewed through their hooks: at activation when this workspace was connected
  // (the agent may already be waiting), else with Connect or a hook changeset's first fix request.
  const gitPath = () => new GitExtensionApi().gitPath();
  const terminalAgents = once(() =>
    bundles.get('terminalAgents').registerTerminalAgents(context, {
      session: review.session,
      workspace: review.held,
      log,
      hookClient: bundles.file('hookClient'),
      mcpBridge: bundles.file('mcpBridge'),
      mcpServer: () => bundles.get('mcp'),
      gitPath,
      activity,
      autoAllowGuards: {
        denied: (path) => paths.denyPolicy().deniedBy(path) !== undefined,
        protectedPath: (path) => rules.protectionFor(path).length > 0,
      },
    }),
  );
  // MCP is served from activation too once it was served here: a client may be configured for it.
  const connected = [CLAUDE_CONNECTIONS_KEY, GEMINI_CONNECTIONS_KEY, CODEX_CONNECTIONS_KEY].some((key) => context.workspaceState.get(key) !== undefined);
  if (connected || context.workspaceState.get(MCP_SERVED_KEY) === true) terminalAgents();

  // The agent wiring, on the first call that needs a run; the model client with a run's first turn.
  const keys = new ApiKeyStore(context.secrets);
  // One gate for runs and the model list, so one confirmation serves both.
  const endpoints = new EndpointGate(context.globalState);
  const agent = new LazyAgentRuns(
    () =>
      bundles.get('agent').createAgentRuns({
        context,
        session: review.session,
        changesetsRestored: review.restored,
        keys,
        paths,
        log,
        model: () => bundles.get('model'),
        gitPath,
        endpoints,
        planWriter: vscodePlanWriter,
      }),
    // Ask fix on a terminal agent's or an MCP client's edit sends the comment back to that agent.
    (id, hunkId, comment) => {
      const source = review.session.get(id)?.changeset.source ?? '';
      return isHookChangeset(source) || isMcpChangeset(source) ? terminalAgents().askFix(id, hunkId, comment) : undefined;
    },
  );
  agentRef.current = agent;
  context.subscriptions.push(agent.onDidChange((runId) => review.panels.runChanged(runId)));
  // The plan as HTML (marked) and the run log, with the first plan shown or log built.
  const plans = new PlanStore();
  const planPanel = registerPlanPanel(context, { plans, log, runs, review: review.session, paths, render: () => bundles.get('render') });

  context.subscriptions.push(
    log,
    plans,
    planPanel,
    agent,
    registerCommands([
      new FocusPlanCommand(),
      new NewPlanCommand(plans),
      new SetApiKeyCommand(keys),
      new ClearApiKeyCommand(keys),
      new ShowLogCommand(log),
      new StopRunCommand(() => agent),
      new ContinueRunCommand(runs),
      // The SDK (the model bundle) loads when the picker first lists the models.
      new SelectModelCommand(keys, () => bundles.get('model').listModels, endpoints),
    ]),
    // The contributed commands whose code is in the editor, git and patch bundles, from the manifest.
    bundles.registerCommands(context.extension.packageJSON, { editor, git, patch, terminalAgents: () => terminalAgents().commands }),
  );
  const apiSubscriptions = new DisposableStore();
  context.subscriptions.push(apiSubscriptions);
  return createApi(review.session, runs, apiSubscriptions, otherSessions, terminalAgents);
}
