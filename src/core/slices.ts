/**
 * Long loops of the extension host written once, as generators that `yield` now and then: run to
 * the end at once (`runAll`), or in slices that give the event loop its turn between them
 * (`runSliced`). The extension host serves every extension in the window; a 100,000-line proposal
 * must not freeze it while its hunks are built, flagged and stored.
 */
export type Steps<T> = Generator<void, T, void>;

export function runAll<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Slices of about `budgetMs` each; `pause` is the turn given away between them. */
export async function runSliced<T>(steps: Steps<T>, budgetMs = 8, pause: () => Promise<void> = nextTask): Promise<T> {
  let started = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - started >= budgetMs) {
      await pause();
      started = performance.now();
    }
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const CHUNK = 2_000;

/**
 * `JSON.stringify(value)` for plain data, the same text to the character, in steps: arrays longer
 * than a chunk are written a chunk at a time (a changeset record of a large file is millions of
 * line items), objects key by key.
 */
export function* jsonSteps(value: unknown): Steps<string> {
  const out: string[] = [];
  yield* writeJson(value, out);
  return out.join('');
}

function* writeJson(value: unknown, out: string[]): Generator<void, void, void> {
  if (Array.isArray(value)) {
    out.push('[');
    if (value.length > CHUNK) {
      for (let i = 0; i < value.length; i += CHUNK) {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(value.slice(i, i + CHUNK)).slice(1, -1));
        yield;
      }
    } else {
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out.push(',');
        const element: unknown = value[i];
        if (isPlainObject(element) || Array.isArray(element)) yield* writeJson(element, out);
        else out.push(JSON.stringify(element) ?? 'null');
      }
    }
    out.push(']');
    return;
  }
  if (isPlainObject(value)) {
    out.push('{');
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out.push(first ? '' : ',', JSON.stringify(key), ':');
      first = false;
      yield* writeJson(v, out);
    }
    out.push('}');
    return;
  }
  out.push(JSON.stringify(value) ?? 'null');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
