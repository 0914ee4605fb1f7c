import { createHash } from 'node:crypto';
import { asArray, field, isObject, type Json, withoutCacheControl } from './json';

/** What the double bills for one request, in the API's three input buckets. */
export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** The double's token estimate: about four characters a token, never zero for non-empty text. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

interface Block {
  text: string;
  breakpoint: boolean;
}

/**
 * The request flattened in the order the API caches it (tools, then system, then messages), one
 * entry per cacheable block. A message's role is folded into its first block so that the same
 * text under another role never counts as a hit.
 */
function blocksOf(body: Json): Block[] {
  const blocks: Block[] = [];
  const push = (value: Json, prefix = ''): void => {
    blocks.push({
      text: prefix + JSON.stringify(withoutCacheControl(value)),
      breakpoint: isObject(value) && field(value, 'cache_control') !== undefined,
    });
  };
  for (const tool of asArray(field(body, 'tools'))) push(tool);
  const system = field(body, 'system');
  if (typeof system === 'string') push(system);
  else for (const block of asArray(system)) push(block);
  for (const message of asArray(field(body, 'messages'))) {
    const role = `${String(field(message, 'role'))}:`;
    const content = field(message, 'content');
    if (typeof content === 'string' || content === undefined) {
      push(content ?? '', role);
      continue;
    }
    asArray(content).forEach((block, i) => push(block, i === 0 ? role : ''));
  }
  return blocks;
}

/** A request's input tokens as the double bills them, cache buckets included. */
export function inputTokens(body: Json): number {
  return estimateTokens(blocksOf(body).reduce((chars, block) => chars + block.text.length, 0));
}

/** How far back from a breakpoint the API looks for an earlier cache entry, in blocks. */
const lookback = 20;

/**
 * A plausible model of prompt caching: every breakpoint (a block's `cache_control`, or the last
 * block when the request has a top-level `cache_control`) writes the prefix that ends at it. A
 * later request reads the longest prefix an earlier one wrote that ends at one of its own
 * breakpoints or up to 20 blocks before one, as the API does. Input after the last breakpoint is
 * plain input. No minimum cacheable length and no TTL: enough for share-of-prefix figures.
 */
export class PromptCache {
  private readonly written = new Set<string>();

  account(body: Json): CacheUsage {
    const blocks = blocksOf(body);
    if (field(body, 'cache_control') !== undefined && blocks.length > 0) {
      blocks[blocks.length - 1] = { ...(blocks[blocks.length - 1] as Block), breakpoint: true };
    }
    const hash = createHash('sha256');
    const keys: string[] = [];
    const ends: number[] = [];
    let chars = 0;
    for (const block of blocks) {
      hash.update(block.text);
      chars += block.text.length;
      keys.push(hash.copy().digest('hex'));
      ends.push(chars);
    }
    let readChars = 0;
    let lastBreakpointChars = 0;
    blocks.forEach((block, b) => {
      if (!block.breakpoint) return;
      for (let j = b; j >= 0 && j > b - lookback; j--) {
        if (this.written.has(keys[j] ?? '')) {
          readChars = Math.max(readChars, ends[j] ?? 0);
          break;
        }
      }
      lastBreakpointChars = ends[b] ?? 0;
    });
    blocks.forEach((block, b) => {
      if (block.breakpoint) this.written.add(keys[b] ?? '');
    });
    const read = estimateTokens(readChars);
    const cachedPrefix = estimateTokens(lastBreakpointChars);
    return {
      cache_read_input_tokens: read,
      cache_creation_input_tokens: cachedPrefix - read,
      input_tokens: estimateTokens(chars) - cachedPrefix,
    };
  }
}
