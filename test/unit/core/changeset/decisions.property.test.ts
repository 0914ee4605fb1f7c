import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createChangeset } from '../../../../src/core/changeset/build';
import { decideAll, decideFile, decideHunk, undoDecision } from '../../../../src/core/changeset/decisions';
import { decidedText } from '../../../../src/core/changeset/items';
import { decideLines, splitHunk } from '../../../../src/core/changeset/selection';
import type { Changeset } from '../../../../src/core/changeset/types';
import { viewHunks, type HunkView } from '../../../../src/core/changeset/view';
import { splitLines } from '../../../../src/core/text/lines';
import { pairArb, RUNS } from './arbitraries';

function make(base: string, proposed: string, context = 3): Changeset {
  const r = createChangeset({ id: 'cs', title: 't', source: 'agent', context, files: [{ path: 'f.txt', baseText: base, proposedText: proposed }] });
  assert.ok(r.ok, `createChangeset failed: ${r.ok ? '' : r.message}`);
  return r.value;
}

/**
 * The expectation, computed like `patch` would: replace each chosen hunk's old side in the base
 * with its new side, using only the hunk's header and lines, and check the old side matches.
 */
function applyHunks(base: string, hunks: readonly HunkView[]): string {
  const lines = splitLines(base);
  const out: string[] = [];
  let at = 0;
  for (const h of hunks) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    out.push(...lines.slice(at, start));
    const oldSide = h.lines.filter((l) => l.kind !== 'added').map((l) => l.text + l.eol);
    assert.deepEqual(oldSide, lines.slice(start, start + h.oldLines), `hunk ${h.id} @@ -${h.oldStart},${h.oldLines} does not match the base`);
    out.push(...h.lines.filter((l) => l.kind !== 'removed').map((l) => l.text + l.eol));
    at = start + h.oldLines;
  }
  return [...out, ...lines.slice(at)].join('');
}

describe('changeset decisions (properties)', () => {
  it(`any subset of accepted hunks gives the base with exactly that subset applied (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(pairArb, fc.array(fc.boolean(), { maxLength: 20 }), fc.nat(3), ({ base, proposed }, picks, context) => {
        let cs = make(base, proposed, context);
        const views = viewHunks(cs.files[0]!);
        const chosen = views.filter((_, i) => picks[i] === true);
        for (const h of chosen) {
          const r = decideHunk(cs, h.id, 'accept');
          assert.ok(r.ok, r.ok ? '' : r.message);
          cs = r.value;
        }
        // Rejecting the others must not change the text.
        for (const h of views.filter((_, i) => picks[i] !== true)) {
          const r = decideHunk(cs, h.id, 'reject', 'no');
          assert.ok(r.ok, r.ok ? '' : r.message);
          cs = r.value;
        }
        assert.equal(decidedText(cs.files[0]!), applyHunks(base, chosen), 'decided text differs from the base with the chosen hunks applied');
      }),
      { numRuns: RUNS },
    );
  });

  it(`accept-all gives the proposed text and reject-all the base (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(pairArb, ({ base, proposed }) => {
        const cs = make(base, proposed);
        assert.equal(applyHunks(base, viewHunks(cs.files[0]!)), proposed, 'the hunks as shown must turn the base into the proposal');
        if (base === proposed) return;
        const all = decideAll(cs, 'accept');
        const none = decideAll(cs, 'reject');
        assert.ok(all.ok && none.ok, 'decideAll failed');
        assert.equal(decidedText(all.value.files[0]!), proposed, 'accept-all must give the proposed text');
        assert.equal(decidedText(none.value.files[0]!), base, 'reject-all must give the base');
      }),
      { numRuns: RUNS },
    );
  });

  it(`any decision sequence followed by its undos gives back the start (${RUNS} cases)`, () => {
    const op = fc.tuple(fc.constantFrom('accept', 'reject', 'split', 'lines', 'file', 'all'), fc.nat(50), fc.array(fc.nat(50), { maxLength: 4 }));
    fc.assert(
      fc.property(pairArb, fc.array(op, { maxLength: 8 }), ({ base, proposed }, ops) => {
        const start = make(base, proposed, 1);
        let cs = start;
        let done = 0;
        for (const [kind, pick, lines] of ops) {
          const hunks = cs.files[0]!.hunks;
          const h = hunks[pick % Math.max(hunks.length, 1)];
          const r =
            kind === 'all'
              ? decideAll(cs, pick % 2 ? 'accept' : 'reject')
              : kind === 'file'
                ? decideFile(cs, 'f.txt', pick % 2 ? 'accept' : 'reject')
                : h === undefined
                  ? undefined
                  : kind === 'split'
                    ? splitHunk(cs, h.id)
                    : kind === 'lines'
                      ? decideLines(cs, h.id, lines, pick % 2 ? 'accept' : 'reject')
                      : decideHunk(cs, h.id, kind === 'accept' ? 'accept' : 'reject', 'why');
          if (r === undefined) continue;
          if (!r.ok) continue; // a refused decision changes nothing (the object is not replaced)
          cs = r.value;
          done++;
        }
        for (let k = 0; k < done; k++) {
          const r = undoDecision(cs);
          assert.ok(r.ok, `undo ${k + 1} of ${done} failed: ${r.ok ? '' : r.message}`);
          cs = r.value;
        }
        assert.deepEqual(cs, start, 'undoing every decision must give back the starting changeset exactly');
        assert.equal(undoDecision(cs).ok, false, 'nothing is left to undo');
      }),
      { numRuns: RUNS },
    );
  });
});
