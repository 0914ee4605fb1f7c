// The Plan panel's actions wired as registerPlanPanel wires them, over a session a test owns: the
// doors of the panel (Keep, Discard) are driven here without a webview.
import * as vscode from 'vscode';
import type { RunService } from '../../src/core/runs/runService';
import { Bundles } from '../../src/vscode/bundles';
import { OpenPlan } from '../../src/vscode/plan/openPlan';
import { PlanActions } from '../../src/vscode/plan/planActions';
import { PlanComments } from '../../src/vscode/plan/planComments';
import { PlanRuns } from '../../src/vscode/plan/planRuns';
import { PlanStore } from '../../src/vscode/plan/planStore';
import { runChangesetsOf } from '../../src/vscode/plan/runChangesets';
import { MemoryMemento } from './agentSupport';
import type { OwnAgent } from './safetyHarness';

/** The Plan panel's rendering, from the extension's own bundle (as the composition root loads it). */
const render = () => new Bundles(vscode.extensions.getExtension('redline.redline')!.extensionPath).get('render');

/** The Plan panel's actions wired as registerPlanPanel wires them, on `runs` and the own agent's review session. */
export function planPanel(own: OwnAgent, runs: () => RunService): { actions: PlanActions; store: PlanStore; dispose(): void } {
  const memento = new MemoryMemento();
  const hunks = runChangesetsOf(own.session);
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
  const planRuns = new PlanRuns(runs, memento, hunks, render, log);
  const store = new PlanStore();
  const open = new OpenPlan(store, render);
  const actions = new PlanActions(store, open, planRuns, new PlanComments(memento), log);
  return { actions, store, dispose: () => [actions, open, store, planRuns, hunks].forEach((d) => d.dispose()) };
}

/**
 * A run service that knows one plan-mode run, `runId`, whose draft is `changesetId`: a plan run
 * cannot always start where the test runs (Restricted Mode), and Keep needs only this much of it.
 */
export function draftRun(runId: string, changesetId: string): () => RunService {
  const runs = {
    get: (id: string) => (id === runId ? { id, mode: 'plan', state: 'done', changesetId } : undefined),
    onDidEvent: () => new vscode.Disposable(() => undefined),
    onDidChange: () => new vscode.Disposable(() => undefined),
  };
  return () => runs as unknown as RunService;
}
