import * as assert from 'node:assert/strict';
import { EDITED_SINCE_ACCEPT } from '../../../../src/core/changeset/rewind';
import { rewindPoints } from '../../../../src/core/changeset/rewindPoints';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { FakeWorkspace } from './fakeWorkspace';

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');
const FILES = ['a.ts', 'b.ts', 'c.ts'];

/** Three files proposed and accepted (one Accept all), decisions stamped by a clock the test moves. */
async function acceptedThree(isTrusted = () => true) {
  const ws = new FakeWorkspace();
  let clock = 1_000_000;
  const session = new ReviewSession(
    ws,
    { isTrusted },
    policyRules,
    () => 'cs1',
    undefined,
    () => clock,
  );
  for (const p of FILES) ws.disk.set(p, lines(12, p));
  const id = await session.propose({ source: 'api', files: FILES.map((p) => ({ path: p, newText: lines(12, p).replace(`${p} 6\n`, `${p} SIX\n`) })) });
  assert.ok(id.ok, id.ok ? '' : id.message);
  for (const p of FILES) {
    clock += 60_000;
    const done = await session.decideFile('cs1', p, 'accept');
    assert.ok(done.ok, done.ok ? '' : done.message);
  }
  return { ws, session, tick: () => (clock += 60_000) };
}

describe('review/ReviewSession.rewind', () => {
  it('takes back every accept in one batch of writes, leaves the file the user edited since, and names it', async () => {
    const { ws, session } = await acceptedThree();
    const edited = ws.disk.get('b.ts')!.replace('b.ts 1\n', 'b.ts 1 // mine\n');
    ws.docs.set('b.ts', edited);
    const batches = ws.batches.length;
    const r = await session.rewind('cs1', 0);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual(r.value, { restored: 2, left: ['b.ts'] });
    assert.equal(ws.batches.length, batches + 1, 'the rewind must be one batch (one undo step in the editor)');
    assert.deepEqual(
      ws.batches.at(-1)!.map((w) => w.path),
      ['a.ts', 'c.ts'],
    );
    assert.equal(ws.text('a.ts'), lines(12, 'a.ts'), 'a.ts back byte for byte');
    assert.equal(ws.text('c.ts'), lines(12, 'c.ts'), 'c.ts back byte for byte');
    assert.equal(ws.text('b.ts'), edited, 'the edited file must not be touched');
    const files = session.get('cs1')!.changeset.files;
    assert.deepEqual(
      files.map((f) => f.hunks.map((h) => h.state)),
      [['pending'], ['stale'], ['pending']],
    );
    assert.equal(files[1]!.hunks[0]!.staleReason, EDITED_SINCE_ACCEPT);
  });

  it('goes back to a chosen point of the stamped history', async () => {
    const { session, ws, tick } = await acceptedThree();
    const now = tick();
    const points = rewindPoints(session.get('cs1')!.changeset, now);
    assert.deepEqual(
      points.map((p) => `${p.label} · ${p.when ?? ''}`),
      ['after accept b.ts hunk 1 · 2 min ago', 'after accept a.ts hunk 1 · 3 min ago', 'all accepted hunks · '],
    );
    const r = await session.rewind('cs1', points[0]!.keep);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(ws.text('c.ts'), lines(12, 'c.ts'));
    assert.equal(ws.text('b.ts'), lines(12, 'b.ts').replace('b.ts 6\n', 'b.ts SIX\n'), 'b.ts was accepted before the point');
  });

  it('is refused in Restricted Mode and writes nothing', async () => {
    let trust = true;
    const { ws, session } = await acceptedThree(() => trust);
    trust = false;
    const writes = ws.writes.length;
    const r = await session.rewind('cs1', 0);
    assert.equal(r.ok, false, 'a rewind writes, so Restricted Mode refuses it');
    assert.equal(ws.writes.length, writes);
    assert.ok(
      session.get('cs1')!.changeset.files.every((f) => f.hunks.every((h) => h.state === 'accepted')),
      'nothing changed state',
    );
  });
});
