import { knownModels, type ModelFacts } from '../../src/core/agent/models';
import { errorJson } from './events';
import { asString, field, type Json, type JsonObject } from './json';

/** An answer of the models routes: what the server sends back. */
export interface ModelsAnswer {
  status: number;
  body: JsonObject;
}

const CAPABLE = { supported: true };
const UNABLE = { supported: false };

/** A model as `GET /v1/models` lists it (the SDK's `ModelInfo`), from Redline's table of facts. */
export function modelInfo(m: ModelFacts): JsonObject {
  const effort = (level: string): JsonObject => (m.efforts.some((e) => e === level) ? CAPABLE : UNABLE);
  return {
    type: 'model',
    id: m.id,
    display_name: m.displayName,
    created_at: '2026-01-01T00:00:00Z',
    lifecycle: m.lifecycle,
    deprecated_at: m.lifecycle === 'active' ? null : '2026-01-01T00:00:00Z',
    retires_at: m.retiresAt === undefined ? null : `${m.retiresAt}T00:00:00Z`,
    line: null,
    max_input_tokens: m.contextWindow,
    max_tokens: m.maxOutput,
    capabilities: {
      thinking: {
        supported: m.thinking !== 'none',
        types: {
          adaptive: m.thinking === 'always' || m.thinking === 'adaptive' ? CAPABLE : UNABLE,
          enabled: m.thinking === 'extended' ? CAPABLE : UNABLE,
          disabled: m.thinking === 'always' ? UNABLE : CAPABLE,
          between_tools: UNABLE,
        },
      },
      effort: {
        supported: m.efforts.length > 0,
        low: effort('low'),
        medium: effort('medium'),
        high: effort('high'),
        xhigh: effort('xhigh'),
        max: effort('max'),
      },
    },
  };
}

/**
 * The models API as the double plays it (issue 16): `GET /v1/models` pages through the table's
 * models (active and deprecated; retired ones only when `lifecycle=retired` is asked for, as the
 * real API does), `GET /v1/models/{id}` answers one, and `POST /v1/messages` naming a retired
 * model is refused the way the API refuses it: 404 `not_found_error`, "model: <id>".
 * Undefined: not a models route, the server goes on.
 */
export function modelsRoute(method: string, url: string, body: Json): ModelsAnswer | undefined {
  const parsed = new URL(url, 'http://double.invalid');
  const path = parsed.pathname;
  if (method === 'POST' && path === '/v1/messages') {
    const model = asString(field(body, 'model'));
    const retired =
      model === undefined ? undefined : knownModels().find((m) => m.lifecycle === 'retired' && (m.id === model || m.aliases?.includes(model) === true));
    return retired === undefined ? undefined : { status: 404, body: errorJson(404, 'not_found_error', `model: ${model ?? ''}`) };
  }
  if (method !== 'GET' || !path.startsWith('/v1/models')) return undefined;
  const one = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1];
  if (one !== undefined) {
    const id = decodeURIComponent(one);
    const m = knownModels().find((x) => x.id === id || x.aliases?.includes(id) === true);
    return m === undefined ? { status: 404, body: errorJson(404, 'not_found_error', `model: ${id}`) } : { status: 200, body: modelInfo(m) };
  }
  if (path !== '/v1/models') return undefined;
  const lifecycles = parsed.searchParams.getAll('lifecycle').flatMap((l) => l.split(','));
  const wanted = lifecycles.length > 0 ? lifecycles : ['active', 'deprecated'];
  const all = knownModels().filter((m) => wanted.includes(m.lifecycle));
  const limit = Math.min(1000, Math.max(1, Number(parsed.searchParams.get('limit') ?? 20) || 20));
  const after = parsed.searchParams.get('after_id');
  const start = after === null ? 0 : all.findIndex((m) => m.id === after) + 1;
  const page = all.slice(start, start + limit);
  return {
    status: 200,
    body: { data: page.map(modelInfo), has_more: start + limit < all.length, first_id: page[0]?.id ?? null, last_id: page[page.length - 1]?.id ?? null },
  };
}
