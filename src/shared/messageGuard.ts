/**
 * Runtime checks for messages that cross the webview boundary. Webviews are untrusted
 * (DESIGN.md, Invariants): the host validates every inbound message before use and drops what
 * does not validate. Plain guards keep the webview bundles small.
 */
export type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string of bounded length: ids and short user text; nothing from a webview is unbounded. */
export function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/**
 * True when `value` is an object whose keys are exactly `type` plus a subset of `allowed`, each
 * passing its check. Unknown fields reject the message, so a forged message cannot smuggle data.
 */
export function hasShape(
  value: unknown,
  type: string,
  fields: Record<string, (v: unknown) => boolean>,
  optional: readonly string[] = [],
): boolean {
  if (!isRecord(value) || value.type !== type) return false;
  // Own keys only: `in` would accept `__proto__`, `constructor` or `toString` as declared fields.
  for (const key of Object.keys(value)) {
    if (key !== 'type' && !Object.hasOwn(fields, key)) return false;
  }
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.hasOwn(value, key)) {
      if (optional.includes(key)) continue;
      return false;
    }
    if (!check(value[key])) return false;
  }
  return true;
}
