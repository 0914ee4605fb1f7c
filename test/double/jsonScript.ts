import { asArray, asString, field, isObject, type Json } from './json';
import { firstUserText, lastToolResults, lastUserText, modeOf, systemText, turnOf, type ReplyBlock, type ScriptFn, type Step } from './script';

/**
 * A data-driven script for the offline demo and fixtures: the first rule whose `match` fits the
 * request gives the reply. Every `match` field is optional; an empty match always fits.
 *
 *     { "rules": [ { "match": { "mode": "build", "turn": 0 }, "reply": { "kind": "reply", ... } } ],
 *       "fallback": { "kind": "reply", "content": [{ "type": "text", "text": "Done." }] } }
 */
export interface JsonScript {
  rules: { match: RuleMatch; reply: Step }[];
  fallback?: Step;
}

export interface RuleMatch {
  mode?: 'plan' | 'build';
  /** Assistant turns already in the request (0 = first request of a run). */
  turn?: number;
  lastUserContains?: string;
  /** The run's opening message (a plan run's intent or review comments, a fix request's comment). */
  firstUserContains?: string;
  /** The system prompt, which carries the plan a build works on. */
  systemContains?: string;
  /** The last user message carries a result of this tool. */
  toolResult?: string;
  toolResultContains?: string;
}

function matches(match: RuleMatch, body: Json): boolean {
  if (match.mode !== undefined && modeOf(body) !== match.mode) return false;
  if (match.turn !== undefined && turnOf(body) !== match.turn) return false;
  if (match.lastUserContains !== undefined && !lastUserText(body).includes(match.lastUserContains)) return false;
  if (match.firstUserContains !== undefined && !firstUserText(body).includes(match.firstUserContains)) return false;
  if (match.systemContains !== undefined && !systemText(body).includes(match.systemContains)) return false;
  const results = lastToolResults(body);
  if (match.toolResult !== undefined && !results.some((r) => r.name === match.toolResult)) return false;
  const wanted = match.toolResultContains;
  if (wanted !== undefined && !results.some((r) => r.text.includes(wanted))) return false;
  return true;
}

export function compileJsonScript(script: JsonScript): ScriptFn {
  return ({ body }) => {
    const rule = script.rules.find((r) => matches(r.match, body));
    return rule?.reply ?? script.fallback ?? { kind: 'error', status: 500, errorType: 'api_error', message: 'double: no rule matched' };
  };
}

/** Parses and checks a script file's JSON; the message names the first thing wrong. */
export function parseJsonScript(text: string): { ok: true; script: JsonScript } | { ok: false; message: string } {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    return { ok: false, message: `script is not JSON: ${(error as Error).message}` };
  }
  const rules = field(value, 'rules');
  if (!Array.isArray(rules)) return { ok: false, message: 'script needs a "rules" array' };
  const out: JsonScript = { rules: [] };
  for (const [i, rule] of rules.entries()) {
    const match = field(rule, 'match') ?? {};
    const reply = parseStep(field(rule, 'reply'));
    if (!isObject(match)) return { ok: false, message: `rules[${i}].match must be an object` };
    if (typeof reply === 'string') return { ok: false, message: `rules[${i}].reply: ${reply}` };
    out.rules.push({ match: parseMatch(match), reply });
  }
  const fallback = field(value, 'fallback');
  if (fallback !== undefined) {
    const step = parseStep(fallback);
    if (typeof step === 'string') return { ok: false, message: `fallback: ${step}` };
    out.fallback = step;
  }
  return { ok: true, script: out };
}

function parseMatch(match: Json): RuleMatch {
  const out: RuleMatch = {};
  const mode = field(match, 'mode');
  if (mode === 'plan' || mode === 'build') out.mode = mode;
  const turn = field(match, 'turn');
  if (typeof turn === 'number') out.turn = turn;
  const lastUserContains = asString(field(match, 'lastUserContains'));
  if (lastUserContains !== undefined) out.lastUserContains = lastUserContains;
  for (const key of ['firstUserContains', 'systemContains'] as const) {
    const value = asString(field(match, key));
    if (value !== undefined) out[key] = value;
  }
  const toolResult = asString(field(match, 'toolResult'));
  if (toolResult !== undefined) out.toolResult = toolResult;
  const toolResultContains = asString(field(match, 'toolResultContains'));
  if (toolResultContains !== undefined) out.toolResultContains = toolResultContains;
  return out;
}

/** A step, or a message saying why the value is not one. */
function parseStep(value: Json | undefined): Step | string {
  const kind = field(value, 'kind');
  if (kind === 'error') {
    const status = field(value, 'status');
    if (typeof status !== 'number') return 'an error step needs a numeric "status"';
    const message = asString(field(value, 'message'));
    return { kind, status, ...(message === undefined ? {} : { message }) };
  }
  if (kind !== 'reply' && kind !== 'drop') return '"kind" must be "reply", "error" or "drop"';
  const content: ReplyBlock[] = [];
  for (const block of asArray(field(value, 'content'))) {
    const type = field(block, 'type');
    const text = asString(field(block, 'text'));
    const name = asString(field(block, 'name'));
    if (type === 'text' && text !== undefined) content.push({ type, text });
    else if (type === 'tool_use' && name !== undefined) content.push({ type, name, input: field(block, 'input') ?? {} });
    else return 'each content block must be {type:"text",text} or {type:"tool_use",name,input}';
  }
  if (kind === 'drop') {
    const afterEvents = field(value, 'afterEvents');
    return { kind, content, afterEvents: typeof afterEvents === 'number' ? afterEvents : 2 };
  }
  const eventDelayMs = field(value, 'eventDelayMs');
  return { kind, content, ...(typeof eventDelayMs === 'number' ? { eventDelayMs } : {}) };
}
