import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';
import { ClearApiKeyCommand, SetApiKeyCommand } from './commands/apiKeyCommands';
import { registerCommands } from './commands/command';
import { FocusPlanCommand, NewPlanCommand } from './commands/planCommands';
import { ShowLogCommand } from './commands/showLogCommand';
import { createLogger } from './log';
import { PlanStore } from './plan/planStore';
import { PlanViewProvider } from './plan/planViewProvider';

/**
 * The composition root: builds every adapter once and registers it. Activation must stay cheap
 * (see the Performance issue): nothing here reads files or loads the model SDK.
 */
export function compose(context: vscode.ExtensionContext): void {
  const log = createLogger((text) => text);
  const keys = new ApiKeyStore(context.secrets);
  const plans = new PlanStore();
  const planView = new PlanViewProvider(context.extensionUri, plans, log);

  context.subscriptions.push(
    log,
    plans,
    planView,
    vscode.window.registerWebviewViewProvider(PlanViewProvider.viewId, planView),
    registerCommands([
      new FocusPlanCommand(),
      new NewPlanCommand(plans),
      new SetApiKeyCommand(keys),
      new ClearApiKeyCommand(keys),
      new ShowLogCommand(log),
    ]),
  );
}
