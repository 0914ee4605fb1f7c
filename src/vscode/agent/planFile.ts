import * as vscode from 'vscode';
import type { PlanInput } from '../../core/agent/planInput';
import type { StepStatus as AgentStepStatus } from '../../core/agent/toolRegistry';
import { assignStepIds, setStepStatus, type PlanEditResult, type TextChange } from '../../core/plan/editPlan';
import { parsePlan } from '../../core/plan/parsePlan';
import { planForPrompt } from '../../core/plan/queries';
import type { ParsedPlan } from '../../core/plan/types';
import { planStepStatus } from '../../core/agent/planStepStatus';
import type { ReviewSession } from '../../core/review/reviewSession';
import { fail, ok, type Result } from '../../core/result';
import type { WorkspaceFiles } from './workspaceFiles';

export interface LoadedPlan {
  /** Workspace-relative, as the guard names it. */
  path: string;
  absolute: string;
  /** The plan text (unsaved edits included); '' for a plan file that does not exist yet. */
  text: string;
  exists: boolean;
  parsed: ParsedPlan;
  input: PlanInput;
}

/** Reads a plan through the path policy and gives the agent's view of it. */
export async function loadPlan(files: WorkspaceFiles, raw: string): Promise<Result<LoadedPlan>> {
  const path = await files.resolve(raw, 'read');
  if (!path.ok) return fail('E_PLAN', `plan ${raw}: ${path.message}`);
  const absolute = await files.absolute(path.value);
  if (!absolute.ok) return absolute;
  const text = await files.readText(path.value);
  if (!text.ok) return fail('E_PLAN', `plan ${path.value}: ${text.message}`);
  const parsed = parsePlan(text.value ?? '');
  return ok({ path: path.value, absolute: absolute.value, text: text.value ?? '', exists: text.value !== null, parsed, input: planInput(path.value, parsed) });
}

export function planInput(path: string, parsed: ParsedPlan): PlanInput {
  return {
    path,
    text: planForPrompt(parsed),
    steps: parsed.steps.map((s) => ({ id: s.id, title: s.text })),
    // A check is named by its command: the model asks for it by that name or its number.
    checks: parsed.checks.map((command) => ({ name: command, command })),
  };
}

/**
 * Edits the plan file in place: the edit is computed on the document's current text (the user's
 * unsaved typing included) and applied as one WorkspaceEdit, so it is one undo step and touches
 * only the characters it must. A document the user had not modified is saved again.
 */
export async function editPlanFile(absolute: string, edit: (plan: ParsedPlan) => PlanEditResult): Promise<Result<boolean>> {
  const uri = vscode.Uri.file(absolute);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    return fail('E_PLAN', `cannot open the plan: ${error instanceof Error ? error.message : String(error)}`);
  }
  const wasDirty = doc.isDirty;
  const result = edit(parsePlan(doc.getText()));
  if (!result.ok) return result;
  if (result.value.changes.length === 0) return ok(false);
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const change of result.value.changes) workspaceEdit.replace(uri, rangeOf(doc, change), change.text);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return fail('E_PLAN', 'VS Code refused the edit of the plan');
  if (!wasDirty) await doc.save();
  return ok(true);
}

function rangeOf(doc: vscode.TextDocument, change: TextChange): vscode.Range {
  return new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end));
}

export function markStep(absolute: string, step: string, status: AgentStepStatus): Promise<Result<boolean>> {
  const mapped = planStepStatus(status);
  if (mapped === undefined) return Promise.resolve(ok(false));
  return editPlanFile(absolute, (plan) => setStepStatus(plan, step, mapped));
}

/** Before a build: every step gets an id marker, so ids survive steps being reordered meanwhile. */
export function ensureStepIds(absolute: string): Promise<Result<boolean>> {
  return editPlanFile(absolute, (plan) => assignStepIds(plan));
}

const FENCE = /^(`{3,}|~{3,})[ \t]*(?:markdown|md)?[ \t]*\n([\s\S]*?)\n\1[ \t]*$/gm;

/**
 * The plan a plan-mode run answered with, as the new text of the plan file: the Markdown out of a
 * code fence if the model wrapped it, without a chatty lead-in, without the ordinal id markers
 * `planForPrompt` showed it, and with the file's own front matter, BOM and line breaks kept.
 * Undefined when the answer has no section heading: that is not a plan.
 */
export function planFromDraft(draft: string, current: ParsedPlan): string | undefined {
  let body = draft.replace(/\r\n/g, '\n');
  const fenced = [...body.matchAll(FENCE)].map((m) => m[2] ?? '').filter((b) => /^## /m.test(b));
  if (fenced.length > 0) body = fenced.sort((a, b) => b.length - a.length)[0] ?? body;
  const start = body.search(/^(?:---\n|#{1,2} )/m);
  if (start === -1 || !/^## /m.test(body)) return undefined;
  body = body.slice(start);
  // The model's own front matter gives way to the file's (status, created: Redline's business).
  const ownFrontMatter = /^---\n[\s\S]*?\n---\n/.exec(body);
  if (ownFrontMatter) body = body.slice(ownFrontMatter[0].length).replace(/^\n+/, '');
  body = body.replace(/[ \t]*<!-- id: #\d+ -->/g, '').replace(/\s*$/, '\n');
  const frontMatter = (current.frontMatter?.raw ?? '').replace(/\r\n/g, '\n');
  const separator = frontMatter === '' || frontMatter.endsWith('\n\n') ? '' : '\n';
  const text = frontMatter + separator + body;
  return current.bom + (current.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text);
}

/**
 * Plan mode's result goes to review as a change to the plan file, like any other proposal. The
 * value is the changeset's id, or undefined when the draft is the plan as it stands.
 */
export async function proposePlanDraft(session: ReviewSession, runId: string, plan: LoadedPlan, draft: string): Promise<Result<string | undefined>> {
  const text = planFromDraft(draft, plan.parsed);
  if (text === undefined) return fail('E_DRAFT', 'the model\'s answer has no "## " section, so it was not proposed as the plan');
  if (text === plan.text) return ok(undefined);
  const proposed = await session.propose({
    source: 'agent',
    runId,
    title: `Plan ${plan.exists ? 'revision' : 'draft'}: ${plan.parsed.title ?? plan.path}`,
    files: [{ path: plan.path, newText: text }],
  });
  return proposed.ok ? proposed : fail(proposed.code, `the drafted plan could not be put up for review: ${proposed.message}`);
}
