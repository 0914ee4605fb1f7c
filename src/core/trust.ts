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

/**
 * A refusal as an error notification says it: "Redline: <lead>: <message>", except Restricted
 * Mode's, which is one sentence that names Redline already and reads the same at every door
 * (issue 15).
 */
export function failureText(failure: Failure, lead?: string): string {
  return failure.code === 'E_UNTRUSTED' ? failure.message : `Redline: ${lead === undefined ? '' : `${lead}: `}${failure.message}`;
}

/** The same inside a Redline surface (a webview notice, a comment thread): no "Redline: " prefix. */
export function failureNotice(failure: Failure, lead: string): string {
  return failure.code === 'E_UNTRUSTED' ? failure.message : `${lead}: ${failure.message}`;
}
