import * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { RunService } from '../../core/runs/runService';
import { registerCommands } from '../commands/command';
import { DeletePlanCommand, RenamePlanCommand } from './planCommands';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import { OpenPlan } from './openPlan';
import { PlanActions } from './planActions';
import { PlanComments } from './planComments';
import { PlanLinks } from './planLinks';
import { PlanRuns } from './planRuns';
import type { PlanStore } from './planStore';
import type { RenderBundle } from './renderEntry';
import { PlanViewProvider } from './planViewProvider';
import { OpenPlanInEditorCommand, PLAN_EDITOR_VIEW_TYPE, PlanEditorTab } from './planEditorTab';
import { runChangesetsOf } from './runChangesets';

/** Builds the Plan panel and its parts and registers the view, its editor tab and the plan file commands. */
export function registerPlanPanel(
  context: vscode.ExtensionContext,
  deps: { plans: PlanStore; log: Logger; runs: () => RunService | undefined; review: ReviewSession; paths: WorkspacePaths; render: () => RenderBundle },
): vscode.Disposable {
  const { plans, log } = deps;
  const hunks = runChangesetsOf(deps.review);
  const open = new OpenPlan(plans, deps.render);
  const runs = new PlanRuns(deps.runs, context.workspaceState, hunks, deps.render, log);
  const comments = new PlanComments(context.workspaceState);
  const actions = new PlanActions(plans, open, runs, comments, log);
  const view = new PlanViewProvider({
    extensionUri: context.extensionUri,
    memento: context.workspaceState,
    plans,
    open,
    runs,
    comments,
    actions,
    links: new PlanLinks(deps.paths),
    log,
  });
  // The same plan UI in an editor tab, attached to the same provider.
  const tab = new PlanEditorTab(view, open, context.extensionUri, log);
  return vscode.Disposable.from(
    hunks,
    open,
    runs,
    actions,
    view,
    tab,
    vscode.window.registerWebviewViewProvider(PlanViewProvider.viewId, view),
    vscode.window.registerWebviewPanelSerializer(PLAN_EDITOR_VIEW_TYPE, tab),
    registerCommands([new RenamePlanCommand(plans), new DeletePlanCommand(plans), new OpenPlanInEditorCommand(tab)]),
  );
}
