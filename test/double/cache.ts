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

/**
 * A plausible model of prompt caching: every `cache_control` breakpoint writes the prefix that
 * ends at it; a later request reads the longest of its own breakpoint prefixes that an earlier
 * request wrote. Input after the last breakpoint is billed as plain input. It has no minimum
 * cacheable length and no TTL, which is enough for share-of-prefix figures to mean something.
 */
export class PromptCache {
  private readonly written = new Set<string>();

  account(body: Json): CacheUsage {
    const blocks = blocksOf(body);
    const hash = createHash('sha256');
    let chars = 0;
    let readChars = 0;
    let lastBreakpointChars = 0;
    const prefixes: string[] = [];
    for (const block of blocks) {
      hash.update(block.text);
      chars += block.text.length;
      if (!block.breakpoint) continue;
      const key = hash.copy().digest('hex');
      if (this.written.has(key)) readChars = chars;
      lastBreakpointChars = chars;
      prefixes.push(key);
    }
    for (const key of prefixes) this.written.add(key);
    const read = estimateTokens(readChars);
    const cachedPrefix = estimateTokens(lastBreakpointChars);
    return {
      cache_read_input_tokens: read,
      cache_creation_input_tokens: cachedPrefix - read,
      input_tokens: estimateTokens(chars) - cachedPrefix,
    };
  }
}
