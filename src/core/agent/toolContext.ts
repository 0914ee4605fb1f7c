import type { ProposalOverlay } from './overlay';
import type { PlanInput } from './planInput';
import type { CheckOutcome, ChecksPort, FilesPort, PathGuard, SearchPort } from './ports';
import type { ReportedStepStatus } from './toolRegistry';

/** What a tool may touch during one call. */
export interface ToolContext {
  guard: PathGuard;
  files: FilesPort;
  search: SearchPort;
  overlay: ProposalOverlay;
  checks: ChecksPort;
  plan: PlanInput;
  signal: AbortSignal;
  /** Edit tools may change only these paths when set (a fix request touches one file). */
  writable?: ReadonlySet<string>;
  onStepStatus(step: string, status: ReportedStepStatus, note: string | undefined): void;
  onCheck(name: string, outcome: CheckOutcome): void;
  /** The run's command tool (commandTool.ts' CommandGate); absent where no command may run (fix requests). */
  commands?: { run(command: string, purpose: string | undefined, timeoutMs: number | undefined, ctx: ToolContext): Promise<ToolOutcome> };
}

export interface ToolOutcome {
  content: string;
  isError: boolean;
}

export const done = (content: string): ToolOutcome => ({ content, isError: false });
export const refused = (content: string): ToolOutcome => ({ content, isError: true });

/** Most characters one tool result gives back; more is cut with a note, so one read cannot flood the context. */
export const resultCap = 60_000;

export function capped(text: string): string {
  return text.length <= resultCap ? text : `${text.slice(0, resultCap)}\n[… cut: ${text.length - resultCap} more characters]`;
}
