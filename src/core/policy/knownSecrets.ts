/**
 * Known secret values (the API key, the values of denied files, credentials scrubbed from an
 * environment) found in text in any encoding a program could print them in: as is, base64
 * (standard and url-safe, at each of the three byte alignments), hex (either case), URL-encoded
 * (as encodeURIComponent does it, and every byte),
 * JSON-escaped and reversed. Shapes alone are bypassed by `base64 .env`; the values are not.
 *
 * Whitespace inside a long encoding is ignored (`base64` wraps at 76 columns, `xxd -p` at 60, a
 * script can print a key in two halves on two lines). Short encodings must appear unbroken: a
 * value of 8 characters found across word breaks would redact ordinary prose.
 *
 * One Aho–Corasick automaton per secret set: one pass over the text, whatever the number of
 * secrets and encodings, so a megabyte of check output costs milliseconds.
 */

/** Shorter values are ignored: redacting "abc" everywhere would shred output, and no real credential is that short. */
export const MIN_KNOWN_SECRET_LENGTH = 8;

/** Encodings at least this long are matched across whitespace. */
const SPLIT_MIN_LENGTH = 16;

/** Base64 of a fragment shorter than this carries too few characters to match on. */
const MIN_VARIANT_LENGTH = 8;

export interface KnownSecretMatch {
  readonly start: number;
  readonly end: number;
}

export interface KnownSecretMatcher {
  /** Every occurrence, in original-text offsets (overlaps are possible; the caller merges). */
  find(text: string): KnownSecretMatch[];
}

/** Every form of `secret` this module looks for, whitespace removed, without duplicates. */
export function secretVariants(secret: string): string[] {
  const bytes = utf8(secret);
  const out = new Set<string>();
  const add = (v: string): void => {
    const compact = v.replace(/\s+/g, '');
    if (compact.length >= MIN_VARIANT_LENGTH) out.add(compact);
  };
  add(secret);
  add([...secret].reverse().join(''));
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  add(hex);
  add(hex.toUpperCase());
  // Every byte percent-encoded, as an exfiltrating script does it (encodeURIComponent keeps most bytes).
  add(hex.replace(/../g, '%$&'));
  add(hex.toUpperCase().replace(/../g, '%$&'));
  const url = encodeURIComponent(secret);
  add(url);
  add(url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  add(url.replace(/%20/g, '+'));
  add(JSON.stringify(secret).slice(1, -1));
  for (let align = 0; align < 3; align++) {
    const core = base64Core(bytes, align);
    add(core);
    add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...out];
}

/**
 * The base64 characters that depend only on `bytes` when they sit `align` bytes after a 3-byte
 * group boundary in a longer encoded stream: the partial characters at either end (they mix in
 * the neighbours' bits) and the padding are left off.
 */
function base64Core(bytes: Uint8Array, align: number): string {
  const padded = new Uint8Array(align + bytes.length);
  padded.set(bytes, align);
  const encoded = base64(padded);
  return encoded.slice(Math.ceil((8 * align) / 6), Math.floor((8 * padded.length) / 6));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

interface Node {
  readonly next: Map<number, number>;
  fail: number;
  /** Lengths of the patterns ending here (own and through the fail chain), longest first. */
  out: number[];
}

/** The matcher for a set of secrets; values shorter than `MIN_KNOWN_SECRET_LENGTH` are ignored. */
export function knownSecretMatcher(secrets: readonly string[]): KnownSecretMatcher {
  const patterns = new Set<string>();
  for (const s of secrets) if (s.length >= MIN_KNOWN_SECRET_LENGTH) for (const v of secretVariants(s)) patterns.add(v);
  if (patterns.size === 0) return { find: () => [] };
  const nodes = build([...patterns]);
  const longest = Math.max(...[...patterns].map((p) => p.length));
  return { find: (text) => search(nodes, longest, text) };
}

function build(patterns: readonly string[]): Node[] {
  const nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  for (const p of patterns) {
    let at = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let to = nodes[at]!.next.get(c);
      if (to === undefined) {
        to = nodes.length;
        nodes.push({ next: new Map(), fail: 0, out: [] });
        nodes[at]!.next.set(c, to);
      }
      at = to;
    }
    nodes[at]!.out.push(p.length);
  }
  // Breadth first: a node's fail link is set before its children need it.
  const queue: number[] = [...nodes[0]!.next.values()];
  for (let q = 0; q < queue.length; q++) {
    const node = nodes[queue[q]!]!;
    for (const [c, child] of node.next) {
      let f = node.fail;
      while (f !== 0 && !nodes[f]!.next.has(c)) f = nodes[f]!.fail;
      const target = nodes[f]!.next.get(c);
      const fail = target !== undefined && target !== child ? target : 0;
      const childNode = nodes[child]!;
      childNode.fail = fail;
      childNode.out = [...childNode.out, ...nodes[fail]!.out].sort((a, b) => b - a);
      queue.push(child);
    }
  }
  return nodes;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/**
 * Runs the automaton over the text with whitespace skipped, remembering each kept character's
 * offset; a match of a short pattern counts only when its characters were contiguous.
 */
function search(nodes: readonly Node[], maxLength: number, text: string): KnownSecretMatch[] {
  const found: KnownSecretMatch[] = [];
  // Offsets of the last kept characters, as a ring as long as the longest pattern.
  const ring = new Int32Array(maxLength);
  let kept = 0;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    ring[kept % maxLength] = i;
    kept++;
    let next = nodes[state]!.next.get(c);
    while (next === undefined && state !== 0) {
      state = nodes[state]!.fail;
      next = nodes[state]!.next.get(c);
    }
    state = next ?? 0;
    for (const length of nodes[state]!.out) {
      const start = ring[(kept - length) % maxLength]!;
      if (length < SPLIT_MIN_LENGTH && i - start + 1 !== length) continue;
      found.push({ start, end: i + 1 });
    }
  }
  return found;
}

/** At most this many values from one file: a huge denied file must not make a huge matcher. */
const MAX_VALUES_PER_FILE = 500;

/**
 * The values a denied file holds (`.env`, a key file, credentials): each assignment's value
 * (`NAME=value`, `name: value`, quotes and inline comments off), each bare line (a PEM body line,
 * a token file), and inside those each token with letters and digits (the password inside a
 * connection URL), so whatever a program cuts out of the file is known too. Names, comments and
 * ordinary words are left out: only values are redacted.
 */
export function secretValuesOf(text: string): string[] {
  const out = new Set<string>();
  const add = (v: string): void => {
    if (v.length >= MIN_KNOWN_SECRET_LENGTH && out.size < MAX_VALUES_PER_FILE) out.add(v);
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^(?:#|;|\/\/|-----(?:BEGIN|END) )/.test(line)) continue;
    const assignment = /^(?:export\s+)?["']?[\w.@/:-]+["']?\s*(?:=|:)\s*(.*)$/.exec(line);
    const value = assignment === null ? line : unquote(assignment[1]!);
    // A bare line with spaces is prose or a list of words, not a value: only its token-like words count.
    if (assignment !== null || !/\s/.test(value)) add(value);
    for (const token of value.split(/[\s"'`,;<>(){}[\]=:@/?&]+/)) if (/\d/.test(token) && /[A-Za-z]/.test(token)) add(token);
  }
  return [...out];
}

function unquote(value: string): string {
  const quoted = /^(["'`])(.*)\1[,;]?$/.exec(value);
  if (quoted !== null) return quoted[2]!;
  return value.replace(/\s+#.*$/, '').replace(/[,;]$/, '');
}
