import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findMoves, MIN_MOVED_ALNUM, MIN_MOVED_LINES, packMoveInput, type MoveHunk } from '../../../../src/core/diff/movedCode';
import { hunksOf, moves } from './moveHunks';

const RUNS = 300;
const lines = (xs: readonly string[]): string => xs.map((l) => `${l}\n`).join('');

/** A block worth calling a move: three or more distinct lines of at least seven letters each. */
const blockArb = fc.array(fc.stringMatching(/^[a-z]{4,9}$/), { minLength: 3, maxLength: 8 }).map((words) => words.map((w, k) => `call_${k}(${w});`));

describe('moved code (properties)', () => {
  it('always finds a block cut from one file and pasted in another, re-indented or not', () => {
    fc.assert(
      fc.property(blockArb, fc.nat(12), fc.nat(12), fc.constantFrom('', '  ', '\t'), fc.nat(), fc.nat(), (block, na, nb, indent, p, q) => {
        const a = Array.from({ length: na }, (_, i) => `const a${i} = ${i};`);
        const b = Array.from({ length: nb }, (_, i) => `const b${i} = ${i};`);
        const at = p % (na + 1);
        const to = q % (nb + 1);
        const withBlock = [...a.slice(0, at), ...block, ...a.slice(at)];
        const pasted = [...b.slice(0, to), ...block.map((l) => indent + l), ...b.slice(to)];
        const found = moves(
          hunksOf([
            { path: 'a.ts', base: lines(withBlock), proposed: lines(a) },
            { path: 'b.ts', base: lines(b), proposed: lines(pasted) },
          ]),
        );
        assert.deepEqual(
          found.map((m) => ({ from: [m.from.file, m.from.line, m.from.count], to: [m.to.file, m.to.line, m.to.count], re: m.reindented, whole: m.whole })),
          [{ from: [0, at + 1, block.length], to: [1, to + 1, block.length], re: indent !== '', whole: true }],
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('never reports purely new code as moved', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 4 }), blockArb, fc.nat(), (removedBlocks, added, at) => {
        const base = removedBlocks.flat().map((l) => `old ${l}`);
        const proposed = base.filter((_, i) => i % 2 === 0);
        proposed.splice(at % (proposed.length + 1), 0, ...added);
        assert.deepEqual(moves(hunksOf([{ path: 'a.ts', base: lines(base), proposed: lines(proposed) }])), []);
      }),
      { numRuns: RUNS },
    );
  });

  // Two short blocks and loose lines from a small alphabet: moves, near-moves and rivals for
  // the same added block are common.
  const blocks = [
    ['alpha beta gamma', 'delta epsilon zeta', 'eta theta iota'],
    ['eta theta iota', '', 'kappa lambda mu', '}'],
  ];
  const segment = fc.oneof(
    fc.constantFrom('alpha beta gamma', 'delta epsilon zeta', 'eta theta iota', '}', '', 'x').map((t) => [t]),
    fc.tuple(fc.constantFrom(...blocks), fc.constantFrom('', '  ', '\t')).map(([b, indent]) => b.map((l) => indent + l)),
  );
  const linesArb = fc
    .array(fc.tuple(fc.constantFrom<0 | 1 | 2>(0, 1, 1, 2, 2), segment), { maxLength: 6 })
    .map((segs) => segs.flatMap(([kind, texts]) => texts.map((t) => [kind, t] as const)));
  const hunkArb: fc.Arbitrary<MoveHunk> = fc.record({
    file: fc.nat(3),
    oldStart: fc.integer({ min: 1, max: 50 }),
    newStart: fc.integer({ min: 1, max: 50 }),
    lines: linesArb,
  });

  it('reports only blocks whose lines match once trimmed, big enough, each line in one move at most, the same every time', () => {
    fc.assert(
      fc.property(fc.array(hunkArb, { maxLength: 8 }), (hunks) => {
        const found = findMoves(packMoveInput(hunks));
        assert.deepEqual(findMoves(packMoveInput(hunks)), found, 'deterministic');
        const taken = new Set<string>();
        for (const m of found) {
          const removed = sideLines(hunks[m.from.hunk], 1, m.from.line, m.from.count);
          const added = sideLines(hunks[m.to.hunk], 2, m.to.line, m.to.count);
          assert.deepEqual(
            removed.map((l) => l.trim()),
            added.map((l) => l.trim()),
            'a move pairs equal lines',
          );
          assert.ok(removed.filter((l) => l.trim() !== '').length >= MIN_MOVED_LINES, 'enough lines');
          assert.ok(removed.join('').replace(/[^a-z0-9]/gi, '').length >= MIN_MOVED_ALNUM, 'enough letters');
          assert.equal(
            m.reindented,
            removed.some((l, i) => l !== added[i]),
            'reindented says whether any line differs',
          );
          for (let k = 0; k < m.to.count; k++) {
            const key = `${m.to.hunk}:${m.to.line + k}`;
            assert.ok(!taken.has(key), 'an added line is in one move at most');
            taken.add(key);
          }
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

/** The lines of `kind` numbered `line`..`line + count - 1` in a hunk (old numbers for removed, new for added). */
function sideLines(hunk: MoveHunk | undefined, kind: 1 | 2, line: number, count: number): string[] {
  assert.ok(hunk, 'the move names a hunk of the input');
  const out: string[] = [];
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  for (const [k, text] of hunk.lines) {
    const at = k === 1 ? oldLine : newLine;
    if (k === kind && at >= line && at < line + count) out.push(text);
    if (k !== 2) oldLine++;
    if (k !== 1) newLine++;
  }
  assert.equal(out.length, count, 'the block lies within the hunk');
  return out;
}
