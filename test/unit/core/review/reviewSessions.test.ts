import * as assert from 'node:assert/strict';
import { restoreChangeset, serializeChangeset } from '../../../../src/core/review/changesetRecord';
import { onFirstChangeset, SessionRegistry } from '../../../../src/core/review/reviewSessions';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { FakeWorkspace, trusted } from './fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';

function session(id: string): { ws: FakeWorkspace; session: ReviewSession } {
  const ws = new FakeWorkspace();
  ws.disk.set('a.ts', 'one\ntwo\n');
  return { ws, session: new ReviewSession(ws, trusted, policyRules, () => id) };
}

describe('review/sessions joining after activation', () => {
  it('the registry lists the sessions added and tells listeners of each, once', () => {
    const registry = new SessionRegistry();
    const heard: ReviewSession[] = [];
    const listening = registry.onDidAdd((s) => heard.push(s));
    const first = session('cs-1').session;
    registry.add(first);
    assert.deepEqual(registry.all(), [first]);
    listening.dispose();
    const second = session('cs-2').session;
    registry.add(second);
    assert.deepEqual(registry.all(), [first, second], 'every session added is listed');
    assert.deepEqual(heard, [first], 'a disposed listener hears nothing more');
  });

  it('fires once, on the first proposal, not before', async () => {
    const { session: s } = session('cs-1');
    let fired = 0;
    onFirstChangeset(s, () => fired++);
    assert.equal(fired, 0);
    assert.ok((await s.propose({ source: 'api', files: [{ path: 'a.ts', newText: 'one\n2\n' }] })).ok);
    assert.equal(fired, 1, 'the first changeset wakes the listener');
    const hunk = s.get('cs-1')!.changeset.files[0]!.hunks[0]!;
    assert.ok((await s.decide('cs-1', hunk.id, 'reject')).ok);
    assert.equal(fired, 1, 'later changes do not call it again');
  });

  it('fires for a changeset restored from storage (a reload)', async () => {
    const earlier = session('cs-1');
    assert.ok((await earlier.session.propose({ source: 'api', files: [{ path: 'a.ts', newText: 'one\n2\n' }] })).ok);
    const record = restoreChangeset(JSON.parse(JSON.stringify(serializeChangeset(earlier.session.get('cs-1')!, 1))));
    assert.ok(record.ok, record.ok ? '' : record.message);
    const reloaded = new ReviewSession(earlier.ws, trusted, policyRules, () => 'cs-new');
    let fired = 0;
    onFirstChangeset(reloaded, () => fired++);
    assert.ok((await reloaded.restore(record.value)).ok);
    assert.equal(fired, 1, 'a restored changeset wakes the listener');
  });
});
