/**
 * Runtime checks for messages that cross the webview boundary, one library for both directions.
 * Webviews are untrusted (DESIGN.md, Invariants): the host validates every inbound message before
 * use and drops what does not validate; a webview drops a host message it cannot render rather
 * than half-apply it. Plain guards keep the webview bundles small.
 */
export type Guard<T> = (value: unknown) => value is T;
export type Check = (value: unknown) => boolean;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string of bounded length: ids and short user text; nothing from a webview is unbounded. */
export function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

export const isString: Check = (v) => typeof v === 'string';
export const isNatural: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
export const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
export const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
export const oneOf =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);

/** The fields of one message type: each field's check, and which of them may be absent. */
export interface MessageSpec {
  readonly fields: Readonly<Record<string, Check>>;
  readonly optional?: readonly string[];
}

/**
 * True when `value` is an object whose keys are exactly `type` plus a subset of `fields`, each
 * passing its check. Unknown fields reject the message, so a forged message cannot smuggle data.
 */
export function hasShape(value: unknown, type: string, fields: Readonly<Record<string, Check>>, optionalKeys: readonly string[] = []): boolean {
  if (!isRecord(value) || value.type !== type) return false;
  // Own keys only: `in` would accept `__proto__`, `constructor` or `toString` as declared fields.
  for (const key of Object.keys(value)) {
    if (key !== 'type' && !Object.hasOwn(fields, key)) return false;
  }
  return ownFieldsPass(value, fields, optionalKeys);
}

/**
 * True when `value` is an object whose declared fields pass their checks; other fields are
 * tolerated. For the records inside what the host sends a webview: a newer host may add data.
 */
export function hasFields(value: unknown, fields: Readonly<Record<string, Check>>): value is Record<string, unknown> {
  return isRecord(value) && Object.entries(fields).every(([key, check]) => check(Object.hasOwn(value, key) ? value[key] : undefined));
}

/**
 * The guard of a protocol's message union, from one spec per message type. The table is keyed by
 * the union's `type`s, so a message added to the union without a spec does not compile.
 * `strict`: only the declared fields (what a webview sends the host); `tolerant`: extra fields
 * pass (what the host sends a webview).
 */
export function messageGuard<M extends { readonly type: string }>(specs: { readonly [K in M['type']]: MessageSpec }, mode: 'strict' | 'tolerant'): Guard<M> {
  const table: Readonly<Record<string, MessageSpec>> = specs;
  return (value): value is M => {
    if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(table, value.type)) return false;
    const spec = table[value.type];
    if (spec === undefined) return false;
    if (mode === 'strict') return hasShape(value, value.type, spec.fields, spec.optional);
    return ownFieldsPass(value, spec.fields, spec.optional ?? []);
  };
}

function ownFieldsPass(value: Record<string, unknown>, fields: Readonly<Record<string, Check>>, optionalKeys: readonly string[]): boolean {
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.hasOwn(value, key)) {
      if (optionalKeys.includes(key)) continue;
      return false;
    }
    if (!check(value[key])) return false;
  }
  return true;
}
