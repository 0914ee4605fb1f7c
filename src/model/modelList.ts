import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import type { ListedModel } from '../core/agent/modelPicker';
import { fail, ok, type Result } from '../core/result';
import { classifyError } from './modelErrors';

/** More than the API has ever listed; a bound so a misbehaving endpoint cannot page forever. */
const MAX_MODELS = 500;

/**
 * The models the key can use (`GET /v1/models`, every page): active and deprecated ones, as the API
 * lists them by default. A failure is a value with a message fit to show (no key in it).
 */
export async function listModels(
  credentials: { apiKey: string; baseURL?: string },
  options: { timeoutMs?: number; /** Models per request (the API's most by default). */ pageSize?: number } = {},
): Promise<Result<ListedModel[]>> {
  const client = new Anthropic({
    apiKey: credentials.apiKey,
    authToken: null,
    baseURL: credentials.baseURL === undefined || credentials.baseURL === '' ? null : credentials.baseURL,
    maxRetries: 1,
    timeout: options.timeoutMs ?? 15_000,
    logLevel: 'off',
  });
  const listed: ListedModel[] = [];
  try {
    for await (const info of client.models.list({ limit: options.pageSize ?? 1000 })) {
      listed.push(toListed(info));
      if (listed.length >= MAX_MODELS) break;
    }
  } catch (error) {
    const scrub = (message: string): string => message.split(credentials.apiKey).join('[key]');
    if (error instanceof APIError || error instanceof APIConnectionError) {
      const failure = classifyError(error);
      return fail(failure.code, scrub(failure.message));
    }
    return fail('bad_response', scrub(`the models list could not be read: ${error instanceof Error ? error.message : String(error)}`));
  }
  return ok(listed);
}

function toListed(info: ModelInfo): ListedModel {
  return {
    id: String(info.id),
    ...(typeof info.display_name === 'string' && info.display_name !== '' ? { displayName: info.display_name } : {}),
    ...(info.lifecycle === 'active' || info.lifecycle === 'deprecated' || info.lifecycle === 'retired' ? { lifecycle: info.lifecycle } : {}),
    ...(typeof info.max_input_tokens === 'number' ? { contextWindow: info.max_input_tokens } : {}),
    ...(typeof info.max_tokens === 'number' ? { maxOutput: info.max_tokens } : {}),
    ...(typeof info.retires_at === 'string' ? { retiresAt: info.retires_at.slice(0, 10) } : {}),
  };
}
