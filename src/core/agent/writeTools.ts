import type { Result } from '../result';
import { findCheck, isKnownStep } from './planInput';
import { capped, done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { optStr, str, type ToolArgs } from './toolInput';
import type { ReportedStepStatus } from './toolRegistry';

/** Guard, step and scope checks shared by the edit tools; the value is the resolved path. */
async function writeTarget(ctx: ToolContext, args: ToolArgs): Promise<Result<string>> {
  const step = str(args, 'step');
  if (!isKnownStep(ctx.plan, step)) {
    const ids = ctx.plan.steps.map((s) => s.id).join(', ');
    return { ok: false, code: 'step', message: `unknown plan step "${step}"; the plan's steps are: ${ids}` };
  }
  const path = await ctx.guard.resolve(str(args, 'path'), 'write');
  if (!path.ok) return path;
  if (ctx.writable !== undefined && !ctx.writable.has(path.value)) {
    return { ok: false, code: 'scope', message: `this turn may change only ${[...ctx.writable].join(', ')}` };
  }
  return path;
}

export async function proposeEdit(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const path = await writeTarget(ctx, args);
  if (!path.ok) return refused(path.message);
  const result = await ctx.overlay.edit(path.value, str(args, 'old_string'), str(args, 'new_string'), str(args, 'step'));
  return result.ok ? done(result.value) : refused(result.message);
}

export async function createFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const path = await writeTarget(ctx, args);
  if (!path.ok) return refused(path.message);
  const result = await ctx.overlay.create(path.value, str(args, 'content'), str(args, 'step'));
  return result.ok ? done(result.value) : refused(result.message);
}

export async function deleteFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const path = await writeTarget(ctx, args);
  if (!path.ok) return refused(path.message);
  const result = await ctx.overlay.remove(path.value, str(args, 'step'));
  return result.ok ? done(result.value) : refused(result.message);
}

export function reportStepStatus(ctx: ToolContext, args: ToolArgs): ToolOutcome {
  const step = str(args, 'step');
  if (ctx.plan.steps.length === 0 || !isKnownStep(ctx.plan, step)) {
    return refused(`unknown plan step "${step}"; the plan's steps are: ${ctx.plan.steps.map((s) => s.id).join(', ') || '(none)'}`);
  }
  const status = str(args, 'status') as ReportedStepStatus;
  ctx.onStepStatus(step, status, optStr(args, 'note'));
  return done(`Step ${step} is now ${status}.`);
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
