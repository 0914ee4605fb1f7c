import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';
import { ClearApiKeyCommand, SetApiKeyCommand } from './commands/apiKeyCommands';
import { registerCommands } from './commands/command';
import { FocusPlanCommand, NewPlanCommand } from './plan/planCommands';
import { ShowLogCommand } from './commands/showLogCommand';
import { createLogger } from './log';
import { PlanStore } from './plan/planStore';
import { registerPlanPanel } from './plan/registerPlanPanel';
import { redactSecrets } from '../core/policy/secrets';
import type { RedlineApi } from '../shared/api';
import { createApi } from './api';
import { DisposableStore } from './dispose';
import type { RunService } from '../core/runs/runService';
import { lazyAgentRuns } from './agent/lazyAgentRuns';
import { StopRunCommand } from './agent/stopRunCommand';
import { ContinueRunCommand } from './agent/continueRunCommand';
import { registerLazyEditor } from './editor/lazyEditor';
import { registerLazyGitReview } from './git/lazyGitReview';
import { SessionRegistry } from '../core/review/reviewSessions';
import { registerReview } from './review/registerReview';
import { WorkspacePaths } from './workspacePaths';

/**
 * The composition root: builds every adapter once and registers it. Activation must stay cheap
 * (see the Performance issue): nothing here reads files or loads the model SDK.
 */
export function compose(context: vscode.ExtensionContext): RedlineApi {
  const log = createLogger(redactSecrets);
  const paths = new WorkspacePaths();
  // Set once the agent is wired (it needs the review session); the review, the panel and the API
  // reach it only through this getter.
  const agentRef: { current?: RunService } = {};
  const runs = (): RunService | undefined => agentRef.current;
  const review = registerReview(context, { paths, log, runs });
  registerLazyEditor(context, { session: review.session, panels: review.panels, runs });
  // The working tree's session joins when its command first runs (dist/git.js).
  const otherSessions = new SessionRegistry();
  registerLazyGitReview(context, { paths, log, runs, sessions: otherSessions });
  const keys = new ApiKeyStore(context.secrets);
  const agent = lazyAgentRuns({ context, session: review.session, changesetsRestored: review.restored, keys, paths, log });
  agentRef.current = agent;
  context.subscriptions.push(agent.onDidChange((runId) => review.panels.runChanged(runId)));
  const plans = new PlanStore();
  const planPanel = registerPlanPanel(context, { plans, log, runs, review: review.session });

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
    ]),
  );
  const apiSubscriptions = new DisposableStore();
  context.subscriptions.push(apiSubscriptions);
  return createApi(review.session, runs, apiSubscriptions, otherSessions);
}
