import type { Message } from './conversation';
import type { ProposalOverlay } from './overlay';
import type { PlanInput } from './planInput';
import type { CheckOutcome, ChecksPort } from './ports';
import { fail } from '../result';
import { capped } from './toolContext';

/**
 * One declared check as it ran at the end of a build run. `not_run` (not approved, no sandbox, …)
 * is not the model's to fix, so it is never fed back; `failed` is a non-zero exit or a timeout.
 */
export interface FinalCheck {
  name: string;
  command: string;
  status: 'passed' | 'failed' | 'not_run';
  outcome: CheckOutcome;
}

/** How many times failing checks are fed back before the run ends with them failing. */
export const defaultCheckRounds = 3;

/** Runs every check the plan declares against the pending proposals, in the plan's order. */
export async function runPlanChecks(
  checks: ChecksPort,
  plan: PlanInput,
  overlay: ProposalOverlay,
  signal: AbortSignal,
  onCheck: (name: string, outcome: CheckOutcome) => void,
  onNotRun: (name: string, reason: string) => void,
): Promise<FinalCheck[]> {
  const results: FinalCheck[] = [];
  for (const check of plan.checks) {
    if (signal.aborted) break;
    const ran = await checks.run(check, overlay.all(), signal);
    const outcome = ran.ok ? ran.value : { exitCode: null, output: `did not run: ${ran.message}`, timedOut: false };
    if (ran.ok) onCheck(check.name, outcome);
    else onNotRun(check.name, notRunReason(ran.code, ran.message));
    const status = !ran.ok ? 'not_run' : outcome.exitCode === 0 && !outcome.timedOut ? 'passed' : 'failed';
    results.push({ name: check.name, command: check.command, status, outcome });
  }
  return results;
}

/** Why a check did not run, as the log and the model are told it. */
export function notRunReason(code: string, message: string): string {
  const why = code === 'not_approved' ? 'not approved' : code === 'E_COMMAND' ? 'refused as written' : code === 'not_declared' ? 'not declared' : 'not run';
  return why === 'not run' ? `not run: ${message}` : `not run (${why}): ${message}`;
}

/**
 * The checks port with its faults contained: an approval that cannot be shown (the port throws)
 * is that check not run, never the end of the run.
 */
export function guardedChecks(port: ChecksPort): ChecksPort {
  return {
    run: (check, proposals, signal) =>
      port
        .run(check, proposals, signal)
        .catch((error: unknown) =>
          fail('not_approved', `the approval could not be shown (${error instanceof Error ? error.message : String(error)}); the check did not run`),
        ),
  };
}

/** What the model is told of the plan's checks that did not run, so it never reports them as passed. */
export function notRunNote(checks: readonly FinalCheck[]): string | undefined {
  const notRun = checks.filter((c) => c.status === 'not_run');
  if (notRun.length === 0) return undefined;
  return [
    `These checks of the plan did not run, so nothing is known of them; do not report them as passed:`,
    ...notRun.map((c) => `- ${c.name}: ${c.outcome.output.replace(/^did not run: /, '')}`),
  ].join('\n');
}

/** The user message that gives the model failing checks to act on: each one's exit code and output. */
export function checkFeedback(failed: readonly FinalCheck[]): string {
  const parts = failed.map(({ name, command, outcome }) => {
    const how = outcome.timedOut ? 'timed out' : `exit code ${outcome.exitCode ?? 'none (killed by a signal)'}`;
    return `${name} (${command}): ${how}\n${outcome.output.trim() === '' ? '(no output)' : outcome.output.trim()}`;
  });
  return capped(
    [
      `The plan's checks ran against your proposals and ${failed.length === 1 ? 'one failed' : `${failed.length} failed`}.`,
      'Find the cause and fix your proposals; do not weaken, skip or narrow the checks. Then end with a short summary.',
      '',
      ...parts,
    ].join('\n'),
  );
}

/** Why the run ends with failing checks, for the run's error. */
export function checksStillFailing(failed: readonly FinalCheck[]): string {
  const names = failed.map((c) => `${c.name} (${c.outcome.timedOut ? 'timed out' : `exit ${c.outcome.exitCode ?? 'signal'}`})`).join(', ');
  return `The plan's checks still fail: ${names}. Proposals are kept for review.`;
}

/**
 * Adds a user text to the conversation: to the last message when that is the user's (tool results
 * the model has not answered yet), as a new message otherwise. Roles must alternate.
 */
export function pushUserText(messages: Message[], text: string): void {
  const last = messages[messages.length - 1];
  if (last?.role === 'user') messages[messages.length - 1] = { role: 'user', content: [...last.content, { type: 'text', text }] };
  else messages.push({ role: 'user', content: [{ type: 'text', text }] });
}
