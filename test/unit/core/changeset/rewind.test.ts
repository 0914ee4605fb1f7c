import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { decideHunk, undoDecision } from '../../../../src/core/changeset/decisions';
import { decidedText } from '../../../../src/core/changeset/items';
import { rebaseFile } from '../../../../src/core/changeset/rebase';
import { EDITED_SINCE_ACCEPT, rewindAccepts } from '../../../../src/core/changeset/rewind';
import { ago, rewindPoints } from '../../../../src/core/changeset/rewindPoints';
import type { Changeset } from '../../../../src/core/changeset/types';
import type { Result } from '../../../../src/core/result';

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');
const A = lines(20, 'a');
const B = lines(20, 'b');
// Two hunks in a.ts (lines 3 and 15), one in b.ts (line 10).
const A2 = A.replace('a 3\n', 'A THREE\n').replace('a 15\n', 'a 15\nadded\n');
const B2 = B.replace('b 10\n', 'B TEN\n');

function value<T>(r: Result<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}

function make(): Changeset {
  return value(
    createChangeset({
      id: 'cs1',
      title: 'T',
      source: 'agent',
      files: [
        { path: 'a.ts', baseText: A, proposedText: A2 },
        { path: 'b.ts', baseText: B, proposedText: B2 },
      ],
    }),
  );
}

const ids = (cs: Changeset) => cs.files.flatMap((f) => f.hunks.map((h) => h.id));
const states = (cs: Changeset) => cs.files.flatMap((f) => f.hunks.map((h) => h.state));
const text = (cs: Changeset, i: number) => decidedText(cs.files[i]!);

/** a.ts hunk 1, a.ts hunk 2, b.ts hunk 1 accepted, in that order: three decisions. */
function acceptedThree(): Changeset {
  let cs = make();
  for (const id of ids(cs)) cs = value(decideHunk(cs, id, 'accept'));
  return cs;
}

describe('changeset/rewindAccepts: take back the accepts after a point of the history, as one decision', () => {
  it('to the start: every accepted hunk is pending again and every file reads as before the accepts', () => {
    const cs = acceptedThree();
    const r = value(rewindAccepts(cs, 0));
    assert.deepEqual(states(r.changeset), ['pending', 'pending', 'pending']);
    assert.equal(text(r.changeset, 0), A, 'a.ts must read exactly as before its accepts');
    assert.equal(text(r.changeset, 1), B, 'b.ts must read exactly as before its accept');
    assert.equal(r.restored.length, 3);
    assert.deepEqual(r.left, []);
    assert.equal(r.changeset.undo.length, cs.undo.length + 1, 'the rewind is one more decision, one undo step');
    const undone = value(undoDecision(r.changeset));
    assert.deepEqual(undone.files, cs.files, 'undoing the rewind brings the accepts back');
  });

  it('to a chosen point: only what was accepted after it is taken back', () => {
    const cs = acceptedThree();
    const r = value(rewindAccepts(cs, 1)); // keeps "accept a.ts hunk 1"
    assert.deepEqual(states(r.changeset), ['accepted', 'pending', 'pending']);
    assert.equal(text(r.changeset, 0), A.replace('a 3\n', 'A THREE\n'), 'a.ts keeps the first accept only');
    assert.equal(text(r.changeset, 1), B);
  });

  it('leaves rejected hunks rejected, with their reasons', () => {
    let cs = make();
    const [a1, a2, b1] = ids(cs);
    cs = value(decideHunk(cs, a1!, 'accept'));
    cs = value(decideHunk(cs, a2!, 'reject', 'not this'));
    cs = value(decideHunk(cs, b1!, 'accept'));
    const r = value(rewindAccepts(cs, 0));
    assert.deepEqual(states(r.changeset), ['pending', 'rejected', 'pending']);
    assert.equal(r.changeset.files[0]!.hunks[1]!.reason, 'not this', 'the rejection keeps its reason');
  });

  it('returns a hunk rejected and then accepted after the point to its state at the point: pending', () => {
    let cs = make();
    const [a1] = ids(cs);
    cs = value(decideHunk(cs, a1!, 'reject', 'first thought'));
    cs = value(decideHunk(cs, a1!, 'accept'));
    const r = value(rewindAccepts(cs, 0));
    assert.equal(r.changeset.files[0]!.hunks[0]!.state, 'pending', 'at the start the hunk was pending, not rejected');
    assert.equal(r.changeset.files[0]!.hunks[0]!.reason, undefined);
    assert.equal((rewindAccepts(cs, 1) as { ok: boolean; code?: string }).ok, true, 'after the reject, the accept is taken back');
    assert.equal(value(rewindAccepts(cs, 1)).changeset.files[0]!.hunks[0]!.reason, 'first thought', 'back to rejected, with its reason');
  });

  it('leaves a file the user edited after accepting exactly as it is, its hunks stale with the reason', () => {
    const cs = acceptedThree();
    const typed = text(cs, 0).replace('a 8\n', 'a 8 // mine\n');
    const rebased = value(rebaseFile(cs.files[0]!, typed));
    const edited: Changeset = { ...cs, files: [rebased, cs.files[1]!] };
    const r = value(rewindAccepts(edited, 0));
    assert.equal(text(r.changeset, 0), typed, 'the edited file must not change by a character');
    assert.equal(text(r.changeset, 1), B, 'the other file is rewound');
    assert.deepEqual(r.left, ['a.ts']);
    const [h1, h2] = r.changeset.files[0]!.hunks;
    for (const h of [h1!, h2!]) {
      assert.equal(h.state, 'stale', `${h.id} should be stale`);
      assert.equal(h.staleReason, EDITED_SINCE_ACCEPT);
      assert.ok(!h.detached, `${h.id} should still show its lines`);
    }
    assert.deepEqual(
      h1!.history.at(-1)!.lines,
      [
        { kind: 'removed', text: 'a 3\n' },
        { kind: 'added', text: 'A THREE\n' },
      ],
      'the accepted change stays on record as the previous revision',
    );
  });

  it('refuses a point with nothing accepted after it, and a point that does not exist', () => {
    const cs = acceptedThree();
    assert.equal((rewindAccepts(cs, 3) as { code?: string }).code, 'E_NOTHING_TO_UNDO');
    assert.equal((rewindAccepts(cs, 4) as { code?: string }).code, 'E_RANGE');
    assert.equal((rewindAccepts(make(), 0) as { code?: string }).code, 'E_NOTHING_TO_UNDO');
  });
});

describe('changeset/rewindPoints: the history as a rewind offers it', () => {
  it('lists the points newest first, each with what it takes back and when its decision was made', () => {
    const base = acceptedThree();
    const cs: Changeset = { ...base, undo: base.undo.map((e, i) => ({ ...e, at: 1_000_000 + i * 60_000 })) };
    const points = rewindPoints(cs, 1_000_000 + 5 * 60_000);
    assert.deepEqual(
      points.map((p) => [p.keep, p.label, p.accepts, p.when]),
      [
        [2, 'after accept a.ts hunk 2', 1, '4 min ago'],
        [1, 'after accept a.ts hunk 1', 2, '5 min ago'],
        [0, 'all accepted hunks', 3, undefined],
      ],
    );
    assert.deepEqual(rewindPoints(make(), 0), [], 'nothing accepted, nothing to offer');
  });

  it('says how long ago in words', () => {
    assert.deepEqual([ago(10_000), ago(3 * 60_000), ago(2 * 3_600_000), ago(26 * 3_600_000)], ['just now', '3 min ago', '2 h ago', '1 day ago']);
  });
});
