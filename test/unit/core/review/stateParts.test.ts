import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FIRST_PART, stateParts } from '../../../../src/core/review/stateParts';

describe('stateParts', () => {
  it('cuts the hunks into parts that join back to them, in order, the first of FIRST_PART', () => {
    fc.assert(
      fc.property(fc.nat(5_000), (n) => {
        const hunks = Array.from({ length: n }, (_, i) => i);
        const parts = stateParts(hunks);
        assert.deepEqual(parts.flat(), hunks);
        assert.equal(parts[0]?.length, Math.min(n, FIRST_PART));
        assert.ok(parts.slice(0, -1).every((p) => p.length > 0) && (n === 0 || (parts.at(-1)?.length ?? 0) > 0), 'no empty part');
      }),
      { numRuns: 50 },
    );
  });

  it('sends an empty changeset as one empty part, and 20,000 hunks in five', () => {
    assert.deepEqual(stateParts([]), [[]]);
    assert.equal(stateParts(Array.from({ length: 20_000 })).length, 5);
  });
});
