import * as assert from 'node:assert/strict';
import { createChangeset, createChangesetWith } from '../../../../src/core/changeset/build';
import type { LineRun } from '../../../../src/core/diff/lineDiff';
import { inThreadLineDiff, type LineDiffPort } from '../../../../src/core/diff/lineDiffPort';
import { fail, ok } from '../../../../src/core/result';
import { flagChangeset } from '../../../../src/core/review/flags';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { generatePair } from '../../../fixtures/diffPairs';
import { splitLines } from '../../../../src/core/text/lines';
import { FakeWorkspace, trusted } from './fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';

const base = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('');
const proposed = base.replace('line 3\n', 'line three\n').replace('line 25\n', 'line 25\nnew\n');

/** A port that answers with a plain replacement: valid, but unlike any real diff. */
function replacingPort(calls: { oldText: string; newText: string }[]): LineDiffPort {
  return {
    lineRuns: async (oldText, newText) => {
      calls.push({ oldText, newText });
      const runs: LineRun[] = [
        { kind: 'removed', count: splitLines(oldText).length },
        { kind: 'added', count: splitLines(newText).length },
      ];
      return ok(runs);
    },
  };
}

describe('review: the line diff port', () => {
  const input = { id: 'cs', title: 't', source: 'api', files: [{ path: 'a.ts', baseText: base, proposedText: proposed }] };

  it('createChangesetWith builds from the runs the port computed', async () => {
    const calls: { oldText: string; newText: string }[] = [];
    const r = await createChangesetWith(input, replacingPort(calls));
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual(calls, [{ oldText: base, newText: proposed }], 'the port diffs the base against the proposal');
    assert.equal(r.value.files[0]?.hunks.length, 1, "the port's plain replacement is one hunk, not the two a real diff gives");
  });

  it('createChangesetWith diffs in this thread when the port fails, with the same result as createChangeset', async () => {
    const failing: LineDiffPort = { lineRuns: async () => fail('E_DIFF', 'the worker is gone') };
    const r = await createChangesetWith(input, failing);
    assert.deepEqual(r, createChangeset(input));
    assert.deepEqual(await createChangesetWith(input, inThreadLineDiff), createChangeset(input), 'the default port gives the same changeset');
  });

  it("createChangesetWith ignores runs that do not account for the texts' lines and diffs here", async () => {
    const short: LineDiffPort = { lineRuns: async () => ok([{ kind: 'equal', count: 3 }]) };
    assert.deepEqual(await createChangesetWith(input, short), createChangeset(input), 'runs covering 3 of 30 lines are not used');
  });

  it('ReviewSession.propose diffs modified files through the injected port, never created ones', async () => {
    const ws = new FakeWorkspace();
    ws.disk.set('a.ts', base);
    const calls: { oldText: string; newText: string }[] = [];
    const session = new ReviewSession(ws, trusted, policyRules, () => 'cs1', replacingPort(calls));
    const id = await session.propose({
      source: 'api',
      files: [
        { path: 'a.ts', newText: proposed },
        { path: 'b.ts', newText: 'fresh\n' },
      ],
    });
    assert.ok(id.ok, id.ok ? '' : id.message);
    assert.deepEqual(calls, [{ oldText: base, newText: proposed }], 'only the modified file is diffed by the port');
    assert.equal(session.get('cs1')?.changeset.files[0]?.hunks.length, 1, 'the changeset uses the runs from the port');
  });

  it('ReviewSession.propose of a 100,000-line file gives the event loop its turn while it builds and flags the hunks', async function () {
    this.timeout(60_000);
    const { oldText, newText } = generatePair({ lines: 100_000, changed: 0.1, layout: 'scattered' });
    const ws = new FakeWorkspace();
    ws.disk.set('big.ts', oldText);
    // The port answers at once with the diff made before: what is timed is the session's own work.
    const runs = await inThreadLineDiff.lineRuns(oldText, newText);
    const port: LineDiffPort = { lineRuns: async () => runs };
    const session = new ReviewSession(ws, trusted, policyRules, () => 'cs-big', port);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const id = await session.propose({ source: 'api', files: [{ path: 'big.ts', newText }] });
      assert.ok(id.ok, id.ok ? '' : id.message);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(turns >= 3, `timers ran ${turns} times while the proposal was built; one block would let none run`);
    const built = createChangeset({
      id: 'cs-big',
      title: 'Proposed changes',
      source: 'api',
      files: [{ path: 'big.ts', baseText: oldText, proposedText: newText }],
    });
    assert.ok(built.ok);
    assert.deepEqual(session.get('cs-big')?.changeset, flagChangeset(policyRules, built.value).changeset, 'built in slices or at once, the same changeset');
  });
});
