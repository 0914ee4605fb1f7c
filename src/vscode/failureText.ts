import type { Failure } from '../core/result';

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
