import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createChangeset } from '../../../../src/core/changeset/build';
import { decideAll, decideHunk, undoDecision } from '../../../../src/core/changeset/decisions';
import { applyTextEdits, documentEdits } from '../../../../src/core/changeset/edits';
import { decidedText } from '../../../../src/core/changeset/items';
import { rebaseFile } from '../../../../src/core/changeset/rebase';
import type { Changeset } from '../../../../src/core/changeset/types';
import { pairArb, RUNS } from './arbitraries';

type Op =
  | { kind: 'insert'; at: number }
  | { kind: 'append'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'accept' | 'reject'; pick: number }
  | { kind: 'undo' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(30) }),
  fc.record({ kind: fc.constant('append' as const), at: fc.nat(30) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(30) }),
  fc.record({ kind: fc.constantFrom('accept' as const, 'reject' as const), pick: fc.nat(30) }),
  fc.record({ kind: fc.constant('undo' as const) }),
);

function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l.length > 0);
}

describe('rebase with user edits (properties)', () => {
  it(`user edits interleaved with decisions: nothing typed is lost, edits reproduce the model (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(pairArb, fc.array(opArb, { maxLength: 12 }), ({ base, proposed }, ops) => {
        const made = createChangeset({ id: 'cs', title: 't', source: 'agent', context: 1, files: [{ path: 'f', baseText: base, proposedText: proposed }] });
        assert.ok(made.ok);
        let cs: Changeset = made.value;
        let doc = base;
        const typed: string[] = [];
        let n = 0;
        const rebase = (): void => {
          const r = rebaseFile(cs.files[0]!, doc);
          assert.ok(r.ok, r.ok ? '' : r.message);
          assert.equal(decidedText(r.value), doc, 'after a rebase the model must show the document exactly');
          cs = { ...cs, files: [r.value] };
        };
        const apply = (next: Changeset): void => {
          const edits = documentEdits(doc, cs.files[0]!, next.files[0]!);
          assert.ok(edits.ok, edits.ok ? '' : edits.message);
          doc = applyTextEdits(doc, edits.value);
          cs = next;
          assert.equal(doc, decidedText(cs.files[0]!), 'applying the edits to the document must give the decided text');
        };
        for (const op of ops) {
          const ls = lines(doc);
          if (op.kind === 'insert') {
            const mark = `U${n++}`;
            typed.push(mark);
            ls.splice(op.at % (ls.length + 1), 0, `${mark}\n`);
            doc = ls.join('');
          } else if (op.kind === 'append') {
            if (ls.length === 0) continue;
            const i = op.at % ls.length;
            const mark = `U${n++}`;
            typed.push(mark);
            ls[i] = ls[i]!.replace(/(\r?\n)?$/, (eol) => `${mark}${eol}`);
            doc = ls.join('');
          } else if (op.kind === 'delete') {
            if (ls.length === 0) continue;
            const i = op.at % ls.length;
            if (/U\d/.test(ls[i]!)) continue;
            ls.splice(i, 1);
            doc = ls.join('');
          } else {
            rebase();
            if (op.kind === 'undo') {
              const r = undoDecision(cs);
              if (r.ok) apply(r.value);
              continue;
            }
            const hunks = cs.files[0]!.hunks;
            const h = hunks[op.pick % Math.max(hunks.length, 1)];
            if (h === undefined) continue;
            const r = decideHunk(cs, h.id, op.kind);
            if (r.ok) apply(r.value);
          }
        }
        rebase();
        for (const mark of typed) assert.ok(doc.includes(mark), `the user's '${mark}' was lost: ${JSON.stringify(doc)}`);
        const all = decideAll(cs, 'accept');
        if (all.ok) {
          const text = decidedText(all.value.files[0]!);
          for (const mark of typed) assert.ok(text.includes(mark), `accepting every pending hunk lost the user's '${mark}'`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
