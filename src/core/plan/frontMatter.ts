/**
 * The front matter is read as flat `key: value` lines, the small YAML subset a plan needs. Other
 * YAML (nested maps, lists, block scalars) is kept byte for byte and attached to the key above it;
 * only the four keys Redline reads must be single-line scalars.
 */
import { PLAN_STATUSES, type FrontMatter, type FrontMatterEntry, type PlanStatus } from './types';
import type { Warn, WarningCollector } from './warnings';

const FENCE = /^---[ \t]*$/;
const KEY = /^([A-Za-z0-9_][\w.-]*)[ \t]*:(?=[ \t]|$)/;

/** Reads front matter that starts at `from` (after a BOM); `undefined` when there is none or it is unclosed. */
export function parseFrontMatter(text: string, from: number, collector: WarningCollector): FrontMatter | undefined {
  // In an unclosed front matter the lines are Markdown, so their warnings are taken back.
  const { warn, mark, rollback } = collector;
  const before = mark();
  let start = from;
  const entries: FrontMatterEntry[] = [];
  let keyAbove = false;
  const seen = new Set<string>();
  for (let index = 0; start < text.length; index++) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    const content = text.slice(start, newline === -1 ? next : text[newline - 1] === '\r' ? newline - 1 : newline);
    if (index === 0) {
      if (!FENCE.test(content)) return undefined;
    } else if (FENCE.test(content)) {
      return { raw: text.slice(from, next), entries, closeOffset: start };
    } else {
      const entry = readEntry(content, start, index, warn);
      if (entry !== undefined) {
        if (seen.has(entry.key)) {
          warn('front-matter-duplicate-key', index, `the key "${entry.key}" appears twice in the front matter; the first one is used`);
        } else {
          entries.push(entry);
          seen.add(entry.key);
        }
        keyAbove = true;
      } else if (/^[ \t]|^-(?:[ \t]|$)/.test(content) && keyAbove) {
        // Nested YAML under the key above: kept as it is, not read.
      } else if (!/^[ \t]*(?:#|$)/.test(content)) {
        warn('front-matter-line', index, `front matter line ${index + 1} is not "key: value"; it is kept but not read`);
      }
    }
    start = next;
  }
  rollback(before);
  warn('front-matter-unclosed', 0, 'the front matter opened on line 1 has no closing "---" line; the file is read as Markdown');
  return undefined;
}

function readEntry(content: string, lineStart: number, line: number, warn: Warn): FrontMatterEntry | undefined {
  const key = KEY.exec(content);
  if (key === null) return undefined;
  let at = key[0].length;
  while (content[at] === ' ' || content[at] === '\t') at++;
  const scalar = readScalar(content, at);
  if (!scalar.clean) {
    warn('front-matter-value', line, `the value on front matter line ${line + 1} is not a clean single-line scalar; it is read as written`);
  }
  return {
    key: key[1] ?? '',
    value: scalar.value,
    line,
    valueSpan: { start: lineStart + at, end: lineStart + scalar.tokenEnd },
  };
}

interface Scalar {
  readonly value: string;
  /** End of the token: after a closing quote, or before a comment and trailing blanks. */
  readonly tokenEnd: number;
  readonly clean: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/' };

function readScalar(content: string, at: number): Scalar {
  const quote = content[at];
  if (quote !== '"' && quote !== "'") {
    // In YAML a plain scalar ends where " #" starts a comment.
    const comment = /[ \t]#/.exec(content.slice(at));
    const tokenEnd = at + (comment === null ? content.length - at : comment.index);
    const token = content.slice(at, tokenEnd).trimEnd();
    return { value: token, tokenEnd: at + token.length, clean: true };
  }
  let value = '';
  for (let i = at + 1; i < content.length; i++) {
    const char = content[i] ?? '';
    if (quote === '"' && char === '\\' && i + 1 < content.length) {
      const escaped = content[++i] ?? '';
      value += ESCAPES[escaped] ?? `\\${escaped}`;
    } else if (char === quote && quote === "'" && content[i + 1] === "'") {
      value += "'";
      i++;
    } else if (char === quote) {
      return { value, tokenEnd: i + 1, clean: /^[ \t]*(?:#.*)?$/.test(content.slice(i + 1)) };
    } else {
      value += char;
    }
  }
  return { value: content.slice(at), tokenEnd: content.length, clean: false };
}

/**
 * Writes a single-line value (callers remove line breaks and control characters) so that any YAML
 * reader gets the same string back: plain when that is safe, else double-quoted.
 */
export function yamlScalar(value: string): string {
  const plain =
    value !== '' &&
    value === value.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |:$| #|[\u0000-\u001f\u007f]/.test(value) &&
    !/^(?:true|false|null|yes|no|on|off|~)$/i.test(value) &&
    !/^[-+.]?\d/.test(value);
  if (plain) return value;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** Reads a status leniently ("In-Review" is "in review") so a hand-edited file still works. */
export function readStatus(value: string): PlanStatus | undefined {
  const normal = value
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ');
  return PLAN_STATUSES.find((status) => status === normal);
}

/** An ISO 8601 date, optionally with a time, that names a real day. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
