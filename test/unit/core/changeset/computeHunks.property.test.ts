import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildItems } from '../../../../src/core/changeset/build';
import { viewHunks } from '../../../../src/core/changeset/view';
import { computeHunks } from '../../../fixtures/computeHunks';
import { internTexts } from '../../../../src/core/diff/internText';
import { lineStarts, splitLines } from '../../../../src/core/text/lines';
import { generatePair } from '../../../fixtures/diffPairs';
import { pairArb } from './arbitraries';

/** The hunks a fresh changeset shows: the model's way, which computeHunks must match exactly. */
function reference(base: string, proposed: string, context: number, path: string) {
  const built = buildItems(path, base, proposed, context, new Set());
  return viewHunks({ path, status: 'modified', context, baseText: base, proposedText: proposed, items: built.items, hunks: built.hunks }).map((v) => ({
    id: v.id,
    oldStart: v.oldStart,
    oldLines: v.oldLines,
    newStart: v.newStart,
    newLines: v.newLines,
    lines: v.lines,
  }));
}

// Lines from a small alphabet, long enough (up to 1,200 lines) that the histogram path runs too.
const bigPairArb = fc
  .tuple(
    fc.array(
      fc.nat(30).map((n) => `line ${n}\n`),
      { minLength: 900, maxLength: 1200 },
    ),
    fc.array(fc.tuple(fc.nat(1199), fc.nat(2), fc.nat(60)), { maxLength: 80 }),
  )
  .map(([base, edits]) => {
    const next = base.slice();
    for (const [at, op, n] of edits) {
      const k = at % (next.length + 1);
      if (op === 0) next.splice(k, 0, `new ${n}\n`);
      else if (op === 1) next.splice(k, 1);
      else next[k] = `changed ${n}\n`;
    }
    return { base: base.join(''), proposed: next.join('') };
  });

describe('core/changeset computeHunks from the line diff', () => {
  it('property: the same hunks (ids, ranges, lines, emphasis) as a fresh changeset, small and large inputs', () => {
    fc.assert(
      fc.property(fc.oneof(pairArb, bigPairArb), fc.nat(5), ({ base, proposed }, context) => {
        const r = computeHunks(base, proposed, { context, path: 'p.ts' });
        assert.ok(r.ok, r.ok ? '' : r.message);
        assert.deepEqual(r.value, reference(base, proposed, context, 'p.ts'));
      }),
      { numRuns: 400 },
    );
  });

  it('a generated 20,000-line pair: the same hunks as a fresh changeset', () => {
    const { oldText, newText } = generatePair({ lines: 20_000, changed: 0.1, layout: 'clustered' });
    const r = computeHunks(oldText, newText, { path: 'big.ts', emphasis: false });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value,
      reference(oldText, newText, 3, 'big.ts').map((h) => ({ ...h, lines: h.lines.map(({ kind, text, eol }) => ({ kind, text, eol })) })),
    );
  });

  it('property: line starts cut a text into exactly its lines, and interned ids are equal exactly when lines are', () => {
    const textArb = fc
      .array(fc.constantFrom('a', 'b', 'a\r', '', 'ab'), { maxLength: 30 })
      .chain((ls) => fc.boolean().map((last) => ls.map((l) => `${l}\n`).join('') + (last ? 'tail' : '')));
    fc.assert(
      fc.property(textArb, textArb, (x, y) => {
        const starts = lineStarts(x);
        assert.deepEqual(
          Array.from({ length: starts.length - 1 }, (_, i) => x.slice(starts[i], starts[i + 1])),
          splitLines(x),
        );
        const { a, b, valueCount, aStarts, bStarts } = internTexts(x, y);
        const lines = [...splitLines(x), ...splitLines(y)];
        const ids = [...a, ...b];
        assert.deepEqual([aStarts, bStarts], [lineStarts(x), lineStarts(y)]);
        assert.equal(valueCount, new Set(lines).size, 'one id per distinct line');
        for (let i = 0; i < lines.length; i++)
          for (let j = 0; j < lines.length; j++) assert.equal(ids[i] === ids[j], lines[i] === lines[j], `lines ${i} and ${j}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('lines whose hashes collide still get different ids', () => {
    // Found by search: the table's 32-bit hash of these two lines is the same.
    const { a, b, valueCount } = internTexts('k4uzx\nsame\n', 'kf2ad\nsame\n');
    assert.equal(valueCount, 3, 'three distinct lines');
    assert.notEqual(a[0], b[0], 'colliding lines are compared, not trusted to the hash');
    assert.equal(a[1], b[1]);
  });
});
