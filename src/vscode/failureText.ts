import type { Failure } from '../core/result';

/**
 * A refusal as an error notification says it: after "Redline: ", except Restricted Mode's, which
 * is one sentence that names Redline already and reads the same at every door (issue 15).
 */
export function failureText(failure: Failure): string {
  return failure.code === 'E_UNTRUSTED' ? failure.message : `Redline: ${failure.message}`;
}
