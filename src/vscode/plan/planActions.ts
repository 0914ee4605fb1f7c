import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
import { DisposableBase } from '../../core/dispose';
import type { Logger } from '../log';
import type { StartRunInput } from '../../core/runs/runService';
import type { OpenPlan } from './openPlan';
import type { PlanComments } from './planComments';
import { createPlanFile } from './planFiles';
import type { PlanRuns } from './planRuns';
import type { PlanStore } from './planStore';
import { editPlanText } from '../agent/planWriter';
import { failureText } from '../../core/trust';
import { approvalEdit, reviewStatusEdit, statusAfterRun, statusEdit, type PlanTextEdit } from '../../core/plan/transitions';
import { outcomeSentence } from '../../shared/outcomeText';
import type { ReviewOutcomeView } from '../../shared/planProtocol';
import { withLineBreaks, wholeTextChange } from '../../core/plan/textChange';
import { parsePlan } from '../../core/plan/parsePlan';
import { linklessText, plainText } from '../untrustedText';

const NO_AGENT = 'Redline: the agent is not available in this window yet.';
/**
 * The done moment is announced once the last decision has settled: an accept undone a moment
 * later (the review's `u`, the editor's Ctrl+Z) takes the plan back to review, and a notification
 * already shown could not be taken back.
 */
const SETTLE_MS = 3_000;

/**
 * The panel's actions on plans and runs. Each reads the plan's current text, computes the change
 * in the core, and applies it as one WorkspaceEdit; runs go through RunService.
 */
export class PlanActions extends DisposableBase {
  private readonly finished = new Set<string>();
  private readonly announcing = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: PlanStore,
    private readonly open: OpenPlan,
    private readonly runs: PlanRuns,
    private readonly comments: PlanComments,
    private readonly log: Logger,
  ) {
    super();
    // Step marks in the file are written by the agent wiring (agent/planFile.ts); the panel
    // shows the reported statuses from the events and moves only the plan's status.
    this._register(runs.onDidChange((runId) => void this.runChanged(runId)));
    this._register({ dispose: () => this.announcing.forEach((timer) => clearTimeout(timer)) });
  }

  /** Saves the text from the panel's edit mode; refuses when the plan changed since the edit began. */
  async saveText(id: string, version: number, text: string): Promise<Result<void>> {
    const current = this.open.current;
    if (!current || current.id !== id) return { ok: false, code: 'not-open', message: 'The plan is no longer open.' };
    if (current.version !== version) {
      const answer = await vscode.window.showWarningMessage(
        'The plan changed while you were editing it in the panel.',
        { modal: true, detail: 'Overwrite it with the text from the panel, or cancel and keep editing?' },
        'Overwrite',
      );
      if (answer !== 'Overwrite') return { ok: false, code: 'changed', message: 'Not saved: the plan changed meanwhile.' };
    }
    const saved = await editPlanText(current.uri, (before) => ok({ changes: wholeTextChange(before, withLineBreaks(text, parsePlan(before).eol)) }));
    if (!saved.ok) return fail(saved.code, `Not saved: ${saved.message}`);
    // The editor keeps a document the user had open; a save from the panel is a save of the file.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === current.uri.toString());
    if (doc?.isDirty) await doc.save();
    await this.open.reload();
    return { ok: true, value: undefined };
  }

  /** "Approve & build" (build) or "Save plan only": step ids, status approved, then the build run. */
  async approve(id: string, build: boolean): Promise<void> {
    const uri = this.store.uriOf(id);
    if (!uri) return;
    if (build && !this.ensureAgent()) return;
    if (this.draftWaiting(id)) {
      void vscode.window.showWarningMessage("Redline: the agent's draft of this plan is still waiting. Keep or discard it first.");
      return;
    }
    if (build && !(await this.confirmStepless(uri))) return;
    const edited = await this.edit(uri, (text) => approvalEdit(text));
    if (!edited) return;
    if (!build) {
      void vscode.window.showInformationMessage('Redline: plan approved. Start the build from the panel when you are ready.');
      return;
    }
    if (await this.start(id, { mode: 'build' })) await this.edit(uri, (text) => statusEdit(text, 'building'));
  }

  /**
   * A plan without steps gives the agent nothing to tick and the review nothing to group by: the
   * build goes ahead only when the user says so.
   */
  private async confirmStepless(uri: vscode.Uri): Promise<boolean> {
    const text = await vscode.workspace.openTextDocument(uri).then(
      (doc) => doc.getText(),
      () => undefined,
    );
    if (text === undefined || parsePlan(text).steps.length > 0) return true;
    const answer = await vscode.window.showWarningMessage(
      'This plan has no steps.',
      {
        modal: true,
        detail:
          'The agent builds from the Goal alone, and its edits are not grouped by step. Add steps under "## Steps" (one "- [ ]" line each), or build anyway.',
      },
      'Build Anyway',
    );
    return answer === 'Build Anyway';
  }

  /** "Draft with agent": plan mode from a one-line intent; a new plan is created when none is open. */
  async draft(intent: string, id: string | undefined): Promise<string | undefined> {
    if (!this.ensureAgent()) return undefined;
    let planId = id;
    if (planId === undefined) {
      const uri = await createPlanFile(this.store, intent.length > 80 ? `${intent.slice(0, 77)}…` : intent);
      if (!uri) return undefined;
      await this.store.list();
      planId = this.store.idOf(uri);
    }
    if (planId === undefined) return undefined;
    await this.start(planId, { mode: 'plan', intent: intent.trim() });
    return planId;
  }

  /** Sends the plan's comments to a plan-mode run that revises the plan; they are cleared once it starts. */
  async sendComments(id: string): Promise<void> {
    if (!this.ensureAgent()) return;
    const comments = this.comments.of(id);
    if (comments.length === 0) return;
    const started = await this.start(id, {
      mode: 'plan',
      comments: comments.map((c) => ({ line: c.line, text: c.text, ...(c.section === undefined ? {} : { section: c.section }) })),
    });
    if (started) await this.comments.clear(id);
  }

  /** Keeps or discards a plan-mode run's draft: every waiting hunk of the plan file at once. */
  async decideDraft(runId: string, decision: 'accept' | 'reject'): Promise<void> {
    if (decision === 'accept' && !(await this.confirmSteering(runId))) return;
    const result = await this.runs.decideDraft(runId, decision);
    if (!result.ok) {
      void vscode.window.showErrorMessage(
        failureText(result, `the draft was not ${decision === 'accept' ? 'kept' : 'discarded'} (open the review to decide hunk by hunk)`),
      );
      return;
    }
    await this.open.reload();
  }

  /**
   * Keep takes a draft in bulk, but its hunks on the plan's Checks (commands later runs execute) and
   * Constraints (what the agent must leave alone) are accepted one by one; a draft that drops or
   * rewrites a check or constraint the plan had asks first, naming each. True when kept now.
   */
  private async confirmSteering(runId: string): Promise<boolean> {
    const lost = this.runs.draftSteering(runId);
    if (lost.length > 0) {
      const shown = lost.length > 20 ? [...lost.slice(0, 20), `… and ${lost.length - 20} more`] : lost;
      const answer = await vscode.window.showWarningMessage(
        "This draft drops or rewrites the plan's Checks or Constraints.",
        {
          modal: true,
          detail: `Checks run as commands in every later build; Constraints say what the agent must not touch.\n\n${shown.map((l) => plainText(l)).join('\n')}`,
        },
        'Keep',
      );
      if (answer !== 'Keep') return false;
    }
    const kept = await this.runs.keepProtected(runId);
    if (kept.ok) return true;
    void vscode.window.showErrorMessage(failureText(kept, 'the draft was not kept (open the review to decide hunk by hunk)'));
    return false;
  }

  async stop(runId: string): Promise<void> {
    await this.runs.service()?.cancel(runId);
  }

  private async start(planId: string, input: Omit<StartRunInput, 'plan'>): Promise<string | undefined> {
    const service = this.runs.service();
    const plan = this.store.relativePath(planId);
    if (!service || !plan) return undefined;
    const result = await service.start({ plan, ...input });
    if (!result.ok) {
      void vscode.window.showErrorMessage(linklessText(failureText(result, 'the run did not start')));
      return undefined;
    }
    await this.runs.remember(planId, result.value);
    this.runs.log(result.value);
    return result.value;
  }

  /**
   * A build that ends leaves its plan "in review" (proposals wait) or back at "approved"; then, as
   * its review moves, the last decision takes the plan to "done" (and says what came of it) and an
   * undone decision brings it back.
   */
  private async runChanged(runId: string): Promise<void> {
    const run = this.runs.service()?.get(runId);
    const planId = this.runs.planOf(runId);
    const uri = planId && this.store.uriOf(planId);
    if (!run || !uri) return;
    const next = statusAfterRun(run);
    if (next !== undefined && !this.finished.has(runId)) {
      this.finished.add(runId);
      await this.edit(uri, (text) => statusEdit(text, next), { quiet: true });
    }
    if (run.mode !== 'build' || run.state === 'running' || run.changesetId === undefined || this.runs.latestOf(planId) !== runId) return;
    const outcome = this.runs.outcome(runId);
    const moved = await editPlanText(uri, (text) => reviewStatusEdit(text, outcome !== undefined));
    if (!moved.ok) this.log.warn(`plan status after the review of ${uri.toString()} not set: ${moved.message}`);
    if (!moved.ok || !moved.value) return;
    await this.open.reload();
    clearTimeout(this.announcing.get(runId));
    this.announcing.delete(runId);
    if (outcome === undefined) return;
    const settled = setTimeout(() => {
      this.announcing.delete(runId);
      const now = this.runs.outcome(runId);
      if (now !== undefined) void this.announce(runId, now);
    }, SETTLE_MS);
    this.announcing.set(runId, settled);
  }

  /** The done moment: what the review came to, and what to do next. */
  private async announce(runId: string, outcome: ReviewOutcomeView): Promise<void> {
    const next = ['Commit…', ...(outcome.rejected.length > 0 ? ['Continue Run…'] : [])];
    const picked = await vscode.window.showInformationMessage(`Redline: review complete. ${outcomeSentence(outcome)}`, ...next);
    if (picked === 'Commit…') await vscode.commands.executeCommand('workbench.view.scm');
    else if (picked === 'Continue Run…') await vscode.commands.executeCommand('redline.continueRun', runId);
  }

  private async edit(uri: vscode.Uri, compute: (text: string) => Result<PlanTextEdit>, opts: { quiet?: boolean } = {}): Promise<boolean> {
    const edited = await editPlanText(uri, compute);
    if (!edited.ok) {
      if (opts.quiet) this.log.warn(`plan edit to ${uri.toString()} refused: ${edited.message}`);
      else void vscode.window.showErrorMessage(`Redline: ${edited.message}`);
      return false;
    }
    await this.open.reload();
    return true;
  }

  private draftWaiting(planId: string): boolean {
    const runId = this.runs.latestOf(planId);
    return runId !== undefined && this.runs.view(runId)?.proposal !== undefined;
  }

  private ensureAgent(): boolean {
    const service = this.runs.service();
    if (service === undefined) {
      void vscode.window.showWarningMessage(NO_AGENT);
      return false;
    }
    // Asked before a draft creates its plan file: a refused run must leave nothing behind.
    const refused = service.refusal();
    if (refused !== undefined) void vscode.window.showErrorMessage(linklessText(failureText(refused)));
    return refused === undefined;
  }
}
