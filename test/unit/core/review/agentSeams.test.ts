import * as assert from 'node:assert/strict';
import { hunkRegion } from '../../../../src/core/changeset/revise';
import { ReviewSession, type DecisionEvent } from '../../../../src/core/review/reviewSession';
import { snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import { FakeWorkspace, trusted } from './fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';

const base = Array.from({ length: 40 }, (_, i) => `line ${i + 1}\n`).join('');

async function start() {
  const ws = new FakeWorkspace();
  ws.disk.set('a.ts', base);
  const session = new ReviewSession(ws, trusted, policyRules, () => 'cs1');
  const id = await session.propose({ source: 'agent', files: [{ path: 'a.ts', newText: base.replace('line 2\n', 'two\n') }] });
  assert.ok(id.ok);
  return { ws, session, id: id.value };
}

const hunksOf = (s: ReviewSession) => snapshotChangeset(s.get('cs1')!.changeset).files.flatMap((f) => f.hunks);

describe('review/ReviewSession seams for the agent', () => {
  it('updateProposals replaces an undecided file and keeps decisions in a decided one', async () => {
    const { ws, session } = await start();
    const later = base.replace('line 2\n', 'two\n').replace('line 15\n', 'fifteen\n');
    assert.ok((await session.updateProposals('cs1', [{ path: 'a.ts', newText: later }], new Map([['a.ts', base]]))).ok);
    assert.equal(hunksOf(session).length, 2, "the second turn's change should add a hunk");
    const [first] = hunksOf(session);
    assert.ok((await session.decide('cs1', first!.id, 'accept')).ok);
    const third = later.replace('line 30\n', 'thirty\n');
    assert.ok((await session.updateProposals('cs1', [{ path: 'a.ts', newText: third }], new Map([['a.ts', base]]))).ok);
    const states = hunksOf(session).map((h) => h.state);
    assert.ok(states.includes('accepted'), `the accepted hunk lost its decision: ${states}`);
    assert.equal(states.filter((s) => s === 'pending').length, 2, `expected the two open changes pending: ${states}`);
    assert.equal(ws.disk.get('a.ts'), base.replace('line 2\n', 'two\n'), 'updating proposals must not write files');
  });

  it('reviseHunk makes revision 2 and the new text is what an accept writes', async () => {
    const { ws, session } = await start();
    const [hunk] = hunksOf(session);
    const region = hunkRegion(session.get('cs1')!.changeset, hunk!.id);
    assert.ok(region.ok);
    const revised = region.value.newText.replace('two\n', 'TWO\n');
    assert.ok((await session.reviseHunk('cs1', hunk!.id, revised)).ok);
    const [after] = hunksOf(session);
    assert.equal(after!.id, hunk!.id, 'a revision keeps the hunk id');
    assert.equal(after!.revision, 2);
    assert.ok((await session.decide('cs1', hunk!.id, 'accept')).ok);
    assert.equal(ws.disk.get('a.ts'), base.replace('line 2\n', 'TWO\n'));
  });

  it('tells decision listeners about a rejection and its reason, and nothing on a failed decision', async () => {
    const { session } = await start();
    const heard: DecisionEvent[] = [];
    session.onDidDecide((e) => heard.push(e));
    const [hunk] = hunksOf(session);
    assert.ok((await session.decide('cs1', hunk!.id, 'reject', 'use a named constant')).ok);
    assert.equal((await session.decide('cs1', hunk!.id, 'reject')).ok, false, 'deciding twice must fail');
    assert.deepEqual(heard, [{ changesetId: 'cs1', hunkId: hunk!.id, path: 'a.ts', decision: 'reject', reason: 'use a named constant' }]);
  });
});
