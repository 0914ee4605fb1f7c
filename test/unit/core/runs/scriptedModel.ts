import type { JsonValue } from '../../../../src/core/agent/conversation';
import type { ModelPort, ModelRequest, ModelTurn } from '../../../../src/core/agent/ports';
import { ok, type Result } from '../../../../src/core/result';

/** One scripted answer: a text, or tool calls (with an optional lead-in text). */
export type ScriptedTurn = string | { text?: string; calls: { name: string; input: JsonValue }[] };

/** A model that plays its turns in order and records every request it was sent. */
export class ScriptedModel implements ModelPort {
  readonly requests: ModelRequest[] = [];
  constructor(private readonly turns: readonly ScriptedTurn[]) {}

  async send(request: ModelRequest): Promise<Result<ModelTurn, never>> {
    const turn = this.turns[this.requests.length] ?? 'Nothing more to do.';
    this.requests.push(structuredClone(request));
    const usage = { input: 10, output: 5, cacheRead: 0, cacheWrite: 0 };
    if (typeof turn === 'string') return ok({ content: [{ type: 'text', text: turn }], stopReason: 'end_turn', usage });
    const n = this.requests.length;
    return ok({
      content: [
        ...(turn.text === undefined ? [] : [{ type: 'text' as const, text: turn.text }]),
        ...turn.calls.map((c, i) => ({ type: 'tool_use' as const, id: `call-${n}-${i}`, name: c.name, input: c.input, rawInput: JSON.stringify(c.input) })),
      ],
      stopReason: 'tool_use',
      usage,
    });
  }
}
