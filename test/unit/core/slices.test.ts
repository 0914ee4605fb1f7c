import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonSteps, runAll, runSliced, type Steps } from '../../../src/core/slices';

function* counting(n: number, seen: number[]): Steps<number> {
  for (let i = 0; i < n; i++) {
    seen.push(i);
    yield;
  }
  return n;
}

describe('slices: long loops run at once or a slice at a time', () => {
  it('jsonSteps writes exactly what JSON.stringify writes, for any JSON value and arrays of line items', () => {
    const plain = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.record({ kind: fc.constantFrom('context', 'added'), text: fc.string(), hunk: fc.option(fc.string(), { nil: undefined }) }), {
        maxLength: 50,
      }),
    );
    fc.assert(
      fc.property(plain, (value) => {
        assert.equal(runAll(jsonSteps(value)), JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('jsonSteps writes a record of many thousand line items, chunk by chunk, exactly', () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({
      kind: i % 3 === 0 ? 'added' : 'context',
      text: `line "${i}"\n`,
      ...(i % 3 === 0 ? { hunk: `h${i}` } : {}),
    }));
    const record = { version: 1, files: [{ path: 'a.ts', items, baseText: 'x\u2028y' }], seen: [] };
    const steps = jsonSteps(record);
    let yields = 0;
    for (let r = steps.next(); ; r = steps.next(), yields++) {
      if (r.done) {
        assert.equal(r.value, JSON.stringify(record));
        break;
      }
    }
    assert.ok(yields >= 5, `the items are written in chunks (${yields} yields)`);
  });

  it('jsonSteps leaves out undefined, function and symbol members and writes null in arrays, as JSON.stringify does', () => {
    const value = { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, 1], e: { toJSON: () => 'x' }, f: new Date(0), g: [{ h: undefined }] };
    assert.equal(runAll(jsonSteps(value)), JSON.stringify(value));
  });

  it('runSliced gives the event loop its turn between slices and returns the same result', async () => {
    const seen: number[] = [];
    let pauses = 0;
    let clock = 0;
    const realNow = performance.now.bind(performance);
    // Each step takes 1 ms of a fake clock: a 4 ms budget pauses after every fourth step.
    performance.now = () => clock++;
    try {
      const result = await runSliced(counting(20, seen), 4, async () => {
        pauses++;
      });
      assert.equal(result, 20);
      assert.deepEqual(seen, [...Array(20).keys()]);
      assert.ok(pauses >= 4 && pauses <= 10, `paused ${pauses} times`);
    } finally {
      performance.now = realNow;
    }
  });
});
