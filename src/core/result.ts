/**
 * Errors a caller must handle are values, not exceptions (STYLE.md). `code` is stable and
 * machine-readable; `message` names the problem for a person.
 */
export interface Failure<C extends string = string> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T, C extends string = string> = Success<T> | Failure<C>;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail<C extends string>(code: C, message: string): Failure<C> {
  return { ok: false, code, message };
}
