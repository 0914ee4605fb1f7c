// The demo has no dependencies to install: its tests run on Node's own runner. These are the
// few Node types they use, so the editor checks them without @types/node.
declare module 'node:test' {
  type TestFn = (name: string, fn: () => void | Promise<void>) => void;
  export const test: TestFn & { skip: TestFn; only: TestFn; todo: TestFn };
}

declare module 'node:assert/strict' {
  const assert: {
    equal(actual: unknown, expected: unknown, message?: string): void;
    deepEqual(actual: unknown, expected: unknown, message?: string): void;
    ok(value: unknown, message?: string): void;
    throws(fn: () => unknown, expected?: RegExp | (new (...args: never[]) => Error), message?: string): void;
  };
  export default assert;
}
