/**
 * Redline's public API, exported from `activate()` (DESIGN.md, Public API). It is a contract:
 * other extensions, agents and acceptance tests drive Redline through it, so names, shapes and
 * states change only with `apiVersion`.
 */
/**
 * 'modified': the user edited the hunk's proposed lines before accepting it, and the file holds
 * the user's version. 'accepted' and 'rejected' keep their meaning.
 */
export type HunkState = 'pending' | 'accepted' | 'modified' | 'rejected' | 'stale';
export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed';
export type RunMode = 'plan' | 'build';
export type RunState = 'running' | 'done' | 'failed' | 'cancelled';

export interface HunkSnapshot {
  id: string;
  state: HunkState;
  revision: number;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  flags: string[];
}

export interface FileSnapshot {
  path: string;
  status: FileStatus;
  hunks: HunkSnapshot[];
}

export interface ChangesetSnapshot {
  id: string;
  title: string;
  source: string;
  files: FileSnapshot[];
}

export interface RunUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Dollars for the tokens whose price is known. */
  costUsd: number;
  /** Some tokens were spent on a model whose price is unknown: `costUsd` leaves them out. */
  priceUnknown?: true;
}

export interface RunSnapshot {
  id: string;
  mode: RunMode;
  state: RunState;
  changesetId?: string;
  error?: string;
  usage: RunUsage;
}

export interface ProposeChangesInput {
  title?: string;
  /** `path` is workspace-relative; `newText: null` deletes the file. */
  files: { path: string; newText: string | null }[];
}

/** Agents in a terminal whose edits Redline can review before they are written. */
export type TerminalAgent = 'claude-code' | 'gemini-cli' | 'codex';

export interface RedlineApi {
  readonly apiVersion: 1;
  proposeChanges(input: ProposeChangesInput): Promise<string>;
  getChangeset(id: string): ChangesetSnapshot | undefined;
  decide(changesetId: string, hunkId: string, decision: 'accept' | 'reject', reason?: string): Promise<void>;
  /** Resolves when the revision is in. */
  requestFix(changesetId: string, hunkId: string, comment: string): Promise<void>;
  /** `plan` is a workspace-relative plan file. */
  startRun(input: { plan: string; mode: RunMode }): Promise<string>;
  getRun(id: string): RunSnapshot | undefined;
  cancelRun(id: string): Promise<void>;
  onDidChange: (listener: (e: { kind: 'changeset' | 'run'; id: string }) => void) => { dispose(): void };
  /** Writes the agent's hook configuration for this workspace; `files` are workspace-relative. */
  connectAgent(agent: TerminalAgent): Promise<{ files: string[] }>;
  /** Puts back what `connectAgent` changed; `files` were changed back or removed. */
  disconnectAgent(agent: TerminalAgent): Promise<{ files: string[] }>;
  /**
   * Redline's MCP endpoint on loopback (streamable HTTP; send `Authorization: Bearer <token>`).
   * Undefined until the server listens: the first call starts it.
   */
  getMcpEndpoint(): { url: string; token: string } | undefined;
}
