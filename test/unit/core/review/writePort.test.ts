import * as assert from 'node:assert/strict';
import { snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { UNTRUSTED_MESSAGE } from '../../../../src/core/trust';
import { FakeWorkspace, trusted } from './fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';
import type { TrustPort } from '../../../../src/core/trust';

const FILES = ['a.ts', 'b.ts', 'c.ts'];

/** Three files with one proposed change each, in a workspace whose trust the test sets. */
async function threeFiles(trust: TrustPort = trusted) {
  const ws = new FakeWorkspace();
  const session = new ReviewSession(ws, trust, policyRules, () => 'cs1');
  for (const f of FILES) ws.disk.set(f, `${f} one\n`);
  const id = await session.propose({ source: 'api', files: FILES.map((path) => ({ path, newText: `${path} two\n` })) });
  assert.ok(id.ok, id.ok ? '' : id.message);
  return { ws, session, id: id.value };
}

function states(session: ReviewSession, id: string): string[] {
  const entry = session.get(id);
  assert.ok(entry, `changeset ${id} is missing`);
  return snapshotChangeset(entry.changeset).files.flatMap((f) => f.hunks.map((h) => h.state));
}

describe('review/ReviewSession: one batch per decision on the write port', () => {
  it('Accept all over three files is one call of the port, and so is its undo', async () => {
    const { ws, session, id } = await threeFiles();
    const accepted = await session.decideAll(id, 'accept');
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    assert.deepEqual(
      ws.batches.map((b) => b.map((w) => w.path)),
      [FILES],
      'Accept all must write the three files in one batch',
    );
    assert.ok((await session.undo(id)).ok);
    assert.equal(ws.batches.length, 2, 'the undo of Accept all must be one batch too');
    assert.deepEqual(
      ws.batches[1]!.map((w) => w.path),
      FILES,
    );
    for (const f of FILES) assert.equal(ws.text(f), `${f} one\n`, `${f} is not back after the undo`);
  });

  it('a failing precondition in the second file writes nothing and leaves every decision as it was', async () => {
    const { ws, session, id } = await threeFiles();
    // The port is told b.ts holds what the session last read, but it changed underneath
    // (a racing edit between the session's read and the write).
    const read = ws.read.bind(ws);
    ws.read = async (file) => (file.path === 'b.ts' ? { ok: true, value: { disk: 'b.ts one\n', current: 'b.ts one\n' } } : read(file));
    ws.docs.set('b.ts', 'b.ts typed\n');
    const accepted = await session.decideAll(id, 'accept');
    assert.equal(accepted.ok, false, 'Accept all went through over a changed file');
    assert.match(accepted.ok ? '' : accepted.message, /^b\.ts: /, 'the failure must name the file');
    assert.deepEqual(ws.writes, [], 'a file was written although the batch failed');
    assert.equal(ws.text('a.ts'), 'a.ts one\n', 'the first file was written although the second failed');
    assert.deepEqual(states(session, id), ['pending', 'pending', 'pending'], 'a decision was recorded although nothing was written');
  });
});

describe('review/ReviewSession: Restricted Mode is refused at the write port', () => {
  it('an accept, Accept file, Accept all and selected lines are refused with the one wording and write nothing', async () => {
    const { ws, session, id } = await threeFiles({ isTrusted: () => false });
    const hunkId = session.get(id)!.changeset.files[0]!.hunks[0]!.id;
    const attempts = [
      ['decide', await session.decide(id, hunkId, 'accept')],
      ['decideFile', await session.decideFile(id, 'a.ts', 'accept')],
      ['decideAll', await session.decideAll(id, 'accept')],
      ['decideLines', await session.decideLines(id, hunkId, [0], 'accept')],
    ] as const;
    for (const [door, result] of attempts) {
      assert.deepEqual(result, { ok: false, code: 'E_UNTRUSTED', message: UNTRUSTED_MESSAGE }, `${door} was not refused as untrusted`);
    }
    assert.deepEqual(ws.batches, [], 'the port was asked to write in Restricted Mode');
    assert.deepEqual(states(session, id), ['pending', 'pending', 'pending'], 'a refused accept changed a hunk');
  });

  it('a rejection writes nothing, so it and its undo stay on', async () => {
    const { ws, session, id } = await threeFiles({ isTrusted: () => false });
    assert.ok((await session.decideAll(id, 'reject')).ok, 'rejecting must work in Restricted Mode');
    assert.deepEqual(states(session, id), ['rejected', 'rejected', 'rejected']);
    assert.ok((await session.undo(id)).ok, 'undoing a rejection writes nothing and must work');
    assert.deepEqual(states(session, id), ['pending', 'pending', 'pending']);
    assert.deepEqual(ws.batches, []);
  });

  it('the undo of an accept writes, so it is refused once trust is gone, and the accept stays', async () => {
    let isTrusted = true;
    const { ws, session, id } = await threeFiles({ isTrusted: () => isTrusted });
    assert.ok((await session.decideAll(id, 'accept')).ok);
    isTrusted = false;
    const undone = await session.undo(id);
    assert.deepEqual(undone, { ok: false, code: 'E_UNTRUSTED', message: UNTRUSTED_MESSAGE });
    assert.deepEqual(states(session, id), ['accepted', 'accepted', 'accepted'], 'the refused undo changed the decisions');
    for (const f of FILES) assert.equal(ws.text(f), `${f} two\n`, `${f} was written by a refused undo`);
  });

  it('trust is asked at the write, not when the session was made', async () => {
    let isTrusted = false;
    const { session, id } = await threeFiles({ isTrusted: () => isTrusted });
    assert.equal((await session.decideAll(id, 'accept')).ok, false);
    isTrusted = true;
    assert.ok((await session.decideAll(id, 'accept')).ok, 'trust granted meanwhile must count at once');
  });
});
