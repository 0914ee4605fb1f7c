import { fail, type Failure } from './result';

/**
 * Restricted Mode has one rule and one wording (issue 15): in an untrusted workspace Redline
 * writes no file and runs nothing. It is enforced at two gates only, the review session's write
 * port for writes and the run service for runs (the agent, its checks, fix requests, git), so no
 * door of the UI or the API can be missed.
 */
export const UNTRUSTED_MESSAGE = 'Restricted Mode: Redline writes no files and runs no agent, check or git command until you trust this workspace.';

export function untrusted(): Failure<'E_UNTRUSTED'> {
  return fail('E_UNTRUSTED', UNTRUSTED_MESSAGE);
}

/** Whether the workspace is trusted, asked at the moment of each write or run (trust can be granted meanwhile). */
export interface TrustPort {
  isTrusted(): boolean;
}
