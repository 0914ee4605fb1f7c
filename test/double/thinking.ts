import { createHmac, randomBytes } from 'node:crypto';
import { estimateTokens } from './cache';
import { inputText, outputChars } from './events';
import { asArray, asString, field, type Json } from './json';
import type { ReplyBlock, StopReason } from './script';

/**
 * The double as today's models behave, where it matters to a client:
 *
 * - a model that always thinks (`thinking` option): every reply starts with a signed thinking
 *   block (the signature is an HMAC of the text with a secret only the double knows); its text is
 *   empty unless the request asks for `display: 'summarized'`; a request that alters a thinking
 *   block, or drops the thinking of the tool-use turn it answers, gets the API's 400; so does one
 *   that disables thinking or forces a tool;
 * - every reply is cut at the request's `max_tokens` (about four characters a token, thinking
 *   included): a tool call cut mid-JSON, `stop_reason: max_tokens`.
 */
export interface ThinkingOptions {
  /** Signs the thinking blocks; random by default. */
  secret?: string;
}

export interface ShapedReply {
  content: ReplyBlock[];
  stopReason?: StopReason;
  outputTokens?: number;
}

export class ModelBehaviour {
  private readonly secret: string | undefined;
  /** The signatures (or redacted data) each tool call's response carried, in order, by tool_use id. */
  private readonly issued = new Map<string, string[]>();
  private replies = 0;

  constructor(thinking: ThinkingOptions | undefined) {
    this.secret = thinking === undefined ? undefined : (thinking.secret ?? randomBytes(16).toString('hex'));
  }

  /** The 400 message the API would answer this request with, or undefined. */
  refuse(body: Json): string | undefined {
    if (this.secret === undefined) return undefined;
    const thinkingType = asString(field(field(body, 'thinking'), 'type'));
    if (thinkingType === 'disabled' || thinkingType === 'enabled') {
      return `thinking.type: "${thinkingType}" is not supported for this model. Use "adaptive" and output_config.effort to control thinking.`;
    }
    const choice = asString(field(field(body, 'tool_choice'), 'type'));
    if (choice === 'any' || choice === 'tool') return 'Thinking may not be enabled when tool_choice forces tool use.';
    const messages = asArray(field(body, 'messages'));
    for (const [i, message] of messages.entries()) {
      if (field(message, 'role') !== 'assistant') continue;
      for (const [j, block] of asArray(field(message, 'content')).entries()) {
        const type = field(block, 'type');
        if (type === 'thinking' && !this.verify(asString(field(block, 'signature')) ?? '', asString(field(block, 'thinking')) ?? '')) {
          return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
        }
        if (type === 'redacted_thinking' && !this.verifyData(asString(field(block, 'data')) ?? '')) {
          return `messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`;
        }
      }
    }
    return this.checkLastToolTurn(messages);
  }

  /** The scripted content as the model would send it: thinking first and signed, cut at max_tokens. */
  shape(body: Json, content: ReplyBlock[], stopReason: StopReason | undefined): ShapedReply {
    const id = `r${this.replies++}`;
    let blocks = content.map((block, i): ReplyBlock => (block.type === 'tool_use' && block.id === undefined ? { ...block, id: `toolu_${id}_${i}` } : block));
    if (this.secret !== undefined && blocks[0]?.type !== 'thinking' && blocks[0]?.type !== 'redacted_thinking') {
      blocks.unshift({ type: 'thinking', thinking: thoughtAbout(blocks) });
    }
    const summarized = asString(field(field(body, 'thinking'), 'display')) === 'summarized';
    if (this.secret !== undefined && !summarized) blocks = blocks.map((b) => (b.type === 'thinking' ? { ...b, thinking: '' } : b));
    const maxTokens = field(body, 'max_tokens');
    const cut = typeof maxTokens === 'number' ? cutAt(blocks, maxTokens) : undefined;
    if (cut !== undefined) blocks = cut;
    blocks = blocks.map((b) => this.signed(b));
    const marks = blocks.flatMap((b) => (b.type === 'thinking' ? [b.signature ?? ''] : b.type === 'redacted_thinking' ? [b.data ?? ''] : []));
    for (const b of blocks) if (b.type === 'tool_use' && b.id !== undefined) this.issued.set(b.id, marks);
    if (cut !== undefined && typeof maxTokens === 'number') return { content: blocks, stopReason: 'max_tokens', outputTokens: maxTokens };
    return { content: blocks, ...(stopReason === undefined ? {} : { stopReason }) };
  }

  private signed(block: ReplyBlock): ReplyBlock {
    if (this.secret === undefined) return block;
    if (block.type === 'thinking' && block.signature === undefined) return { ...block, signature: this.sign(block.thinking) };
    if (block.type === 'redacted_thinking' && block.data === undefined) return { ...block, data: this.sign('redacted') };
    return block;
  }

  private sign(text: string, nonce = randomBytes(8).toString('hex')): string {
    return `${nonce}.${createHmac('sha256', this.secret ?? '')
      .update(`${nonce}\n${text}`)
      .digest('base64url')}`;
  }

  private verify(signature: string, text: string): boolean {
    const nonce = signature.split('.')[0] ?? '';
    return nonce !== '' && this.sign(text, nonce) === signature;
  }

  private verifyData(data: string): boolean {
    return this.verify(data, 'redacted');
  }

  /**
   * A request answering tool calls must carry that turn's assistant message as it came: it starts
   * with thinking, and holds every thinking block of the response, in order.
   */
  private checkLastToolTurn(messages: Json[]): string | undefined {
    const last = messages[messages.length - 1];
    const answersTools = asArray(field(last, 'content')).some((b) => field(b, 'type') === 'tool_result');
    if (field(last, 'role') !== 'user' || !answersTools) return undefined;
    // Consecutive assistant messages (a paused turn continued) are one turn to the API.
    let first = messages.length - 2;
    while (first > 0 && field(messages[first - 1], 'role') === 'assistant') first--;
    const turn = messages.slice(first, messages.length - 1).filter((m) => field(m, 'role') === 'assistant');
    const blocks = turn.flatMap((m) => asArray(field(m, 'content')));
    const head = blocks[0];
    const headType = asString(field(head, 'type')) ?? 'nothing';
    if (headType !== 'thinking' && headType !== 'redacted_thinking') {
      return (
        `messages.${first}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${headType}\`. When \`thinking\` is enabled, ` +
        'a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ' +
        'We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our ' +
        'documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking'
      );
    }
    const sent = blocks.flatMap((b) => {
      const type = field(b, 'type');
      if (type === 'thinking') return [asString(field(b, 'signature')) ?? ''];
      return type === 'redacted_thinking' ? [asString(field(b, 'data')) ?? ''] : [];
    });
    const expected = [...new Set(blocks.flatMap((b) => (field(b, 'type') === 'tool_use' ? (this.issued.get(asString(field(b, 'id')) ?? '') ?? []) : [])))];
    const positions = expected.map((mark) => sent.indexOf(mark));
    if (positions.some((p, i) => p < 0 || (i > 0 && p <= (positions[i - 1] ?? -1)))) {
      return `messages.${first}.content: thinking blocks must be passed back unmodified and in their original order`;
    }
    return undefined;
  }
}

/** What the double "thinks" before a reply: enough text to count, stable per reply. */
function thoughtAbout(blocks: ReplyBlock[]): string {
  const calls = blocks.flatMap((b) => (b.type === 'tool_use' ? [b.name] : []));
  return calls.length === 0 ? 'The work looks complete; I will answer.' : `Next I call ${calls.join(', ')}.`;
}

/** The blocks cut at `maxTokens`, or undefined when they fit. The block that overflows is cut mid-way. */
function cutAt(blocks: ReplyBlock[], maxTokens: number): ReplyBlock[] | undefined {
  const total = blocks.reduce((n, b) => n + outputChars(b), 0);
  if (estimateTokens(total) <= maxTokens) return undefined;
  let room = maxTokens * 4;
  const out: ReplyBlock[] = [];
  for (const block of blocks) {
    const chars = outputChars(block);
    if (chars <= room) {
      out.push(block);
      room -= chars;
      continue;
    }
    if (room > 0) {
      if (block.type === 'text') out.push({ type: 'text', text: block.text.slice(0, room) });
      else if (block.type === 'thinking') out.push({ type: 'thinking', thinking: block.thinking.slice(0, room) });
      else if (block.type === 'tool_use')
        out.push({ type: 'tool_use', name: block.name, rawInput: inputText(block).slice(0, room), ...(block.id === undefined ? {} : { id: block.id }) });
    }
    break;
  }
  return out;
}
