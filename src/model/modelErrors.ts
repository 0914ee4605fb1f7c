import { APIConnectionError, APIError, AuthenticationError, NotFoundError, PermissionDeniedError, RateLimitError } from '@anthropic-ai/sdk';
import type { ModelErrorCode } from '../core/agent/ports';
import { type Failure, fail } from '../core/result';

/**
 * Maps an SDK error (after the SDK's own retries) to a failure the UI can act on. Messages are
 * written here, not passed through, so no header or key can leak into them; the API's own error
 * text is kept only as a quoted detail.
 */
export function classifyError(error: APIError | APIConnectionError): Failure<ModelErrorCode> {
  if (error instanceof APIConnectionError) {
    return fail('connection', 'Could not reach the model endpoint (connection failed after retries). Check redline.anthropic.baseUrl and the network.');
  }
  const detail = error.apiMessage === null ? '' : ` (${error.apiMessage})`;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return fail('auth', `The API key was refused (${error.status})${detail}. Set a valid key with "Redline: Set API Key".`);
  }
  if (error instanceof NotFoundError || (error.status === 404 && error.type === 'not_found_error')) {
    // The API names the model it does not serve as "model: <id>" (a 404 on /v1/messages is about nothing else).
    const model = /^model: (\S+)$/.exec(error.apiMessage ?? '')?.[1];
    return fail(
      'model_unavailable',
      `The model ${model === undefined ? '' : `${model} `}is not available (retired or unknown to this endpoint)${model === undefined ? detail : ''}. Pick another with "Redline: Select Model".`,
    );
  }
  if (error instanceof RateLimitError) {
    return fail('rate_limited', `Rate limited by the API (429), still after retries${detail}. Try again in a minute.`);
  }
  if (error.status === 529 || error.type === 'overloaded_error') {
    return fail('overloaded', `The API is overloaded (529), still after retries${detail}. Try again shortly.`);
  }
  if (error.status !== undefined && error.status >= 500) {
    return fail('server', `The API failed with ${error.status}, still after retries${detail}.`);
  }
  return fail('bad_request', `The API refused the request (${error.status ?? 'no status'})${detail}.`);
}
