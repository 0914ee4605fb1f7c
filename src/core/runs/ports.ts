import type { PlanInput } from '../agent/planInput';
import type { RunEnvironment } from '../agent/prompt';
import type { CommandPorts } from '../agent/commandTool';
import type { ChecksPort, FilesPort, PathGuard } from '../agent/ports';
import type { PathIntent } from '../policy/workspacePath';
import type { AgentDeps } from '../agent/run';
import type { PlanEditResult } from '../plan/editPlan';
import type { ParsedPlan } from '../plan/types';
import type { Result } from '../result';
import type { ModelNotice } from './modelCheck';
import type { StoredRun } from './runRecord';

/**
 * The run lifecycle's ways out of the core (issue 15: the application layer lives in the core and
 * reaches VS Code, Node and the model only through these). VS Code implements them in
 * `src/vscode/agent`; unit tests use fakes.
 */

/** The extension's one log; lines are redacted by the adapter before they are written. */
export interface LogPort {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The API key: SecretStorage first, then ANTHROPIC_API_KEY. */
export interface KeySource {
  get(): Promise<string | undefined>;
}

/** What the user is told outside the run's own log. */
export interface RunNotices {
  /** Something of the run went wrong that the user should see now (a warning notification). */
  warn(message: string): void;
  /** The key is missing or refused: an error with a *Set API Key* action. */
  authError(message: string): void;
  /**
   * About the model a run of `mode` uses: an error (the run was refused) or a warning, with a
   * one-click switch of that mode's model setting to `notice.switchTo` when there is one.
   */
  model(notice: ModelNotice, severity: 'error' | 'warning', mode: 'plan' | 'build'): void;
}

/** The agent's Files port and PathGuard, plus what the run lifecycle needs of them. */
export interface RunFiles extends FilesPort, PathGuard {
  /** The absolute path of a guard-resolved path, for writers (the plan file, the checks). */
  absolute(path: string, intent?: PathIntent): Promise<Result<string>>;
  /** The file as saved, ignoring unsaved edits; null when it does not exist. */
  readSaved(path: string): Promise<Result<string | null>>;
}

/**
 * Edits the plan file in place: `edit` gets the plan as the user's document holds it (unsaved
 * typing included); its changes are applied as one undoable edit. Resolves with whether anything
 * changed.
 */
export interface PlanWriter {
  edit(absolute: string, edit: (plan: ParsedPlan) => PlanEditResult): Promise<Result<boolean>>;
}

/** The agent's ports for one run (or one fix request): the model, the workspace and the checks. */
export type ModelDeps = Pick<AgentDeps, 'model' | 'files' | 'search' | 'guard' | 'checks' | 'clock' | 'questions'>;

export interface AgentPorts {
  /** The plan's declared checks, with approval, in an isolated copy. */
  checks(plan: { readonly path: string; readonly absolute: string; readonly input: PlanInput }): ChecksPort;
  /** The agent's own commands, run where the plan's checks run; without it the agent has no command tool. */
  commands?(plan: { readonly path: string; readonly absolute: string }): CommandPorts;
  /** The model (with `key` known, so it is redacted from whatever it says), the workspace and `checks`. */
  agent(key: string, checks: ChecksPort): ModelDeps;
  /** Where a run happens (OS, date, workspace folders, git branch and status), for its system prompt. */
  environment?(): Promise<RunEnvironment>;
}

/**
 * Where run records are kept (workspace storage in VS Code). The store redacts every string with
 * `redact` before it is written and keeps saves of one run in order.
 */
export interface RunStorePort {
  save(redact: (text: string) => string, run: StoredRun): Promise<void>;
  /** Stored runs, oldest first. */
  loadAll(): Promise<StoredRun[]>;
}
