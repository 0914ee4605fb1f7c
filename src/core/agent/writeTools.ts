import { fail, ok, type Result } from '../result';
import { MAX_INTENT } from '../../shared/readingOrder';
import { findCheck } from './planInput';
import { resolveStep } from './stepRef';
import { capped, done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { objects, optStr, str, type ToolArgs } from './toolInput';
import type { ReportedStepStatus } from './toolRegistry';

interface Target {
  path: string;
  step: string;
  intent?: string;
}

/** The edit's stated intent, trimmed: one line, at most MAX_INTENT characters; absent is fine. */
export function intentOf(args: ToolArgs): Result<string | undefined> {
  const raw = optStr(args, 'intent');
  if (raw === undefined) return ok(undefined);
  const intent = raw.trim();
  if (intent === '') return fail('intent', 'intent is blank; give one short line or leave it out. Nothing was proposed');
  if (/[\r\n\u2028\u2029]/.test(intent)) return fail('intent', 'intent must be one line (it has a line break). Nothing was proposed');
  if (intent.length > MAX_INTENT)
    return fail('intent', `intent is ${intent.length} characters, over the cap of ${MAX_INTENT}; shorten it. Nothing was proposed`);
  return ok(intent);
}

/** Guard, step and scope checks shared by the edit tools: the resolved path and the plan's own step id. */
async function writeTarget(ctx: ToolContext, args: ToolArgs, field = 'path'): Promise<Result<Target>> {
  const intent = intentOf(args);
  if (!intent.ok) return intent;
  const step = resolveStep(ctx.plan, str(args, 'step'));
  if (!step.ok) return step;
  const path = await ctx.guard.resolve(str(args, field), 'write');
  if (!path.ok) return path;
  if (ctx.writable !== undefined && !ctx.writable.has(path.value)) {
    return { ok: false, code: 'scope', message: `this turn may change only ${[...ctx.writable].join(', ')}` };
  }
  return ok({ path: path.value, step: step.value, ...(intent.value === undefined ? {} : { intent: intent.value }) });
}

const answer = (result: Result<string>): ToolOutcome => (result.ok ? done(result.value) : refused(result.message));

export async function proposeEdit(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const target = await writeTarget(ctx, args);
  if (!target.ok) return refused(target.message);
  const edit = { oldString: str(args, 'old_string'), newString: str(args, 'new_string'), replaceAll: args['replace_all'] === true };
  return answer(await ctx.overlay.editMany(target.value.path, [edit], target.value.step, target.value.intent));
}

export async function proposeEdits(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const target = await writeTarget(ctx, args);
  if (!target.ok) return refused(target.message);
  const edits = objects(args, 'edits').map((e) => ({
    oldString: str(e, 'old_string'),
    newString: str(e, 'new_string'),
    replaceAll: e['replace_all'] === true,
  }));
  return answer(await ctx.overlay.editMany(target.value.path, edits, target.value.step, target.value.intent));
}

export async function createFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const target = await writeTarget(ctx, args);
  if (!target.ok) return refused(target.message);
  return answer(await ctx.overlay.create(target.value.path, str(args, 'content'), target.value.step, target.value.intent));
}

export async function writeFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const target = await writeTarget(ctx, args);
  if (!target.ok) return refused(target.message);
  return answer(await ctx.overlay.write(target.value.path, str(args, 'content'), target.value.step, target.value.intent));
}

export async function deleteFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const target = await writeTarget(ctx, args);
  if (!target.ok) return refused(target.message);
  return answer(await ctx.overlay.remove(target.value.path, target.value.step, target.value.intent));
}

export async function renameFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const from = await writeTarget(ctx, args, 'from');
  if (!from.ok) return refused(from.message);
  const to = await writeTarget(ctx, args, 'to');
  if (!to.ok) return refused(to.message);
  if (from.value.path === to.value.path) return refused(`from and to are the same path (${to.value.path}); nothing to move`);
  return answer(await ctx.overlay.rename(from.value.path, to.value.path, to.value.step, to.value.intent));
}

export function reportStepStatus(ctx: ToolContext, args: ToolArgs): ToolOutcome {
  if (ctx.plan.steps.length === 0) return refused(`this plan declares no steps; there is no status to set`);
  const step = resolveStep(ctx.plan, str(args, 'step'));
  if (!step.ok) return refused(step.message);
  const status = str(args, 'status') as ReportedStepStatus;
  ctx.onStepStatus(step.value, status, optStr(args, 'note'));
  return done(`Step ${step.value} is now ${status}.`);
}

export async function runCheck(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const ref = str(args, 'check');
  const check = findCheck(ctx.plan, ref);
  if (check === undefined) {
    const names = ctx.plan.checks.map((c, i) => `${i + 1}. ${c.name}`).join('; ');
    return refused(`"${ref}" is not a check this plan declares; declared: ${names || '(none)'}`);
  }
  const outcome = await ctx.checks.run(check, ctx.overlay.all(), ctx.signal);
  if (!outcome.ok) return refused(`check ${check.name} did not run: ${outcome.message}`);
  ctx.onCheck(check.name, outcome.value);
  const { exitCode, output, timedOut } = outcome.value;
  const status = timedOut ? 'timed out' : `exit code ${exitCode ?? 'none'}`;
  // A failing check is a result the model must act on, not a failed tool call.
  return done(capped(`${check.name} (${check.command}): ${status}\n${output}`));
}
