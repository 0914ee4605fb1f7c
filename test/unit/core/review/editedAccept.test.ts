import * as assert from 'node:assert/strict';
import { FeedbackQueue } from '../../../../src/core/agent/feedback';
import { apiSnapshot } from '../../../../src/core/changeset/snapshot';
import { restoreChangeset, serializeChangeset } from '../../../../src/core/review/changesetRecord';
import { HeldWrites } from '../../../../src/core/review/heldWrites';
import type { ReviewWorkspace } from '../../../../src/core/review/ports';
import { ReviewSession, type DecisionEvent } from '../../../../src/core/review/reviewSession';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { followDecision } from '../../../../src/core/runs/reviewSync';
import { FakeWorkspace, trusted } from './fakeWorkspace';

const BASE = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
const PROPOSED = BASE.replace('line 5\n', 'five = 5;\n').replace('line 25\n', 'twenty-five\n');

/** `through`: the workspace the session writes to, when it is not `ws` itself. */
async function setup(ws = new FakeWorkspace(), through: ReviewWorkspace = ws) {
  ws.disk.set('a.ts', BASE);
  const session = new ReviewSession(through, trusted, policyRules, () => 'cs-1');
  const events: DecisionEvent[] = [];
  session.onDidDecide((e) => events.push(e));
  const id = await session.propose({ source: 'agent', files: [{ path: 'a.ts', newText: PROPOSED }] });
  assert.ok(id.ok, id.ok ? '' : id.message);
  const [first, second] = session.get('cs-1')!.changeset.files[0]!.hunks;
  return { ws, session, events, first: first!.id, second: second!.id };
}

describe('review/ReviewSession.acceptEdited', () => {
  it('writes exactly the edited lines as one write, tells the agent what changed, and shows modified', async () => {
    const { ws, session, events, first } = await setup();
    const done = await session.acceptEdited('cs-1', first, 'const five = 5;', 1);
    assert.ok(done.ok, done.ok ? '' : done.message);
    assert.equal(ws.disk.get('a.ts'), BASE.replace('line 5\n', 'const five = 5;\n'), 'the file must get the edited line and nothing of the other hunk');
    assert.equal(ws.batches.length, 1, 'one decision, one batch: one undo step');
    assert.deepEqual(
      apiSnapshot(session.get('cs-1')!.changeset).files[0]!.hunks.map((h) => h.state),
      ['modified', 'pending'],
    );
    assert.deepEqual(events, [
      { changesetId: 'cs-1', hunkId: first, path: 'a.ts', decision: 'accept', edit: { proposed: 'five = 5;\n', text: 'const five = 5;\n' } },
    ]);

    const queue = new FeedbackQueue();
    followDecision(events[0]!, session.get('cs-1')!.changeset, queue, undefined);
    const note = queue.drain();
    assert.ok(note, 'an edited accept must be queued for the next turn');
    assert.match(note.text, /edited these proposals before accepting them/);
    assert.match(note.text, new RegExp(`Hunk ${first} in a\\.ts`));
    assert.match(note.text, /-five = 5;\n\s+\+const five = 5;/, 'the note carries the proposed and the accepted line as a diff');
  });

  it('a hunk the user typed over since the edit began is stale: nothing is written, nobody is told', async () => {
    const { ws, session, events, first } = await setup();
    const typed = BASE.replace('line 5\n', 'line 5 // mine\n');
    ws.docs.set('a.ts', typed);
    const done = await session.acceptEdited('cs-1', first, 'const five = 5;\n', 1);
    assert.equal(done.ok ? '' : done.code, 'E_STALE');
    assert.equal(ws.batches.length, 0, 'nothing may be written');
    assert.equal(ws.docs.get('a.ts'), typed);
    assert.equal(events.length, 0);
  });

  it('survives a reload: the record keeps the edit, and an old record without it still reads', async () => {
    const { session, first } = await setup();
    assert.ok((await session.acceptEdited('cs-1', first, 'const five = 5;\n', 1)).ok);
    const record = JSON.parse(JSON.stringify(serializeChangeset(session.get('cs-1')!, 1)));
    const restored = restoreChangeset(record);
    assert.ok(restored.ok, restored.ok ? '' : restored.message);
    assert.deepEqual(restored.value.changeset.files, session.get('cs-1')!.changeset.files, 'the files must come back as they were');
    assert.equal(apiSnapshot(restored.value.changeset).files[0]!.hunks[0]!.state, 'modified');

    delete record.changeset.files[0].hunks[0].edited;
    const old = restoreChangeset(record);
    assert.ok(old.ok, old.ok ? '' : old.message);
    assert.equal(apiSnapshot(old.value.changeset).files[0]!.hunks[0]!.state, 'accepted', 'a record from before edits reads as accepted');

    record.changeset.files[0].hunks[0].edited = { proposed: 7 };
    const damaged = restoreChangeset(record);
    assert.equal(damaged.ok, false);
    assert.match(damaged.ok ? '' : damaged.message, /edited\.proposed must be a string/);
  });

  it('a held file (an agent in a terminal waits) holds the user’s lines, and the disk is untouched', async () => {
    const inner = new FakeWorkspace();
    const held = new HeldWrites(inner);
    held.hold({ path: 'a.ts', handle: '/ws/a.ts' }, BASE);
    const { session, first } = await setup(inner, held);
    assert.ok((await session.acceptEdited('cs-1', first, 'const five = 5;\n', 1)).ok);
    assert.deepEqual(held.heldTexts({ path: 'a.ts', handle: '/ws/a.ts' }), { base: BASE, text: BASE.replace('line 5\n', 'const five = 5;\n') });
    assert.equal(inner.disk.get('a.ts'), BASE);
  });
});
