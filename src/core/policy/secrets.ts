import { type KnownSecretMatcher, knownSecretMatcher } from './knownSecrets';
import { SECRET_RULES, type SecretKind } from './secretRules';

/** Where a secret sits in the text; the secret itself is never copied out. */
export interface SecretFinding {
  readonly kind: SecretKind;
  readonly start: number;
  readonly end: number;
}

export interface SecretOptions {
  /**
   * Values always redacted wherever they appear, in any encoding `knownSecrets.ts` knows (the API
   * key, the values of denied files). Values shorter than `MIN_KNOWN_SECRET_LENGTH` are ignored.
   */
  readonly knownSecrets?: readonly string[];
}

export function redactionMarker(kind: SecretKind): string {
  return `[REDACTED:${kind}]`;
}

/**
 * Every secret-looking range in `text`, sorted, with overlaps merged so that redacting them all
 * leaves no partial secret behind (a merged range keeps the first finding's kind).
 */
export function findSecrets(text: string, options: SecretOptions = {}): SecretFinding[] {
  return findWith(text, knownSecretMatcher(options.knownSecrets ?? []));
}

function findWith(text: string, known: KnownSecretMatcher): SecretFinding[] {
  const raw = [...known.find(text).map((m): SecretFinding => ({ kind: 'known-secret', ...m })), ...findByRules(text)];
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretFinding[] = [];
  for (const finding of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && finding.start < last.end) {
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, finding.end) };
    } else {
      merged.push(finding);
    }
  }
  return merged;
}

/**
 * Replaces each finding with `[REDACTED:kind]`, and no known secret survives: known secrets are
 * located in the original text and redacted whole. Run it on every tool result before it goes to
 * the model, and on log and transcript lines.
 *
 * Idempotent by construction: a marker can create a word boundary that was not there before
 * (`…8AIza…` becomes `…]AIza…`), so it repeats until the text stops changing. Each further pass
 * only sees what the previous one uncovered; two passes are typical, the cap is a safety net.
 */
export function redactSecrets(text: string, options: SecretOptions = {}): string {
  return redactWith(text, knownSecretMatcher(options.knownSecrets ?? []));
}

function redactWith(text: string, known: KnownSecretMatcher): string {
  let current = text;
  for (let pass = 0; pass < MAX_REDACTION_PASSES; pass++) {
    const next = redactOnce(current, known);
    if (next === current) return current;
    current = next;
  }
  return current;
}

const MAX_REDACTION_PASSES = 8;

function redactOnce(text: string, known: KnownSecretMatcher): string {
  let out = '';
  let cursor = 0;
  for (const f of findWith(text, known)) {
    out += text.slice(cursor, f.start) + redactionMarker(f.kind);
    cursor = f.end;
  }
  return out + text.slice(cursor);
}

/** A redactor bound to the secrets of one session (the API key from SecretStorage). */
export interface Redactor {
  redact(text: string): string;
  find(text: string): SecretFinding[];
}

/** Builds the known-secret matcher once: a redactor is made per run and used on every line. */
export function createRedactor(options: SecretOptions): Redactor {
  const known = knownSecretMatcher(options.knownSecrets ?? []);
  return { redact: (text) => redactWith(text, known), find: (text) => findWith(text, known) };
}

function findByRules(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const rule of SECRET_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const span = match.indices?.groups?.['secret'] ?? match.indices?.[0];
      if (span === undefined) continue;
      const [start, end] = span;
      if (rule.accept !== undefined && !rule.accept(text.slice(start, end))) continue;
      out.push({ kind: rule.kind, start, end });
    }
  }
  return out;
}
