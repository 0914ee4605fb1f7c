import * as assert from 'node:assert/strict';
import { hunkRegion } from '../../../../src/core/changeset/revise';
import { restoreChangeset, serializeChangeset } from '../../../../src/core/review/changesetRecord';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { ReviewViewModel } from '../../../../src/core/review/viewModel';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { FakeWorkspace, trusted } from './fakeWorkspace';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
const base = lines(40);
// Two hunks in a.ts (one switches a test off: a tripwire flags it), one in b.ts.
const proposedA = base.replace('line 5\n', 'five\n').replace('line 30\n', "it.skip('thirty', () => {});\n");
const proposedB = base.replace('line 10\n', 'ten\n');

async function reviewing() {
  const ws = new FakeWorkspace();
  ws.disk.set('src/a.test.ts', base);
  ws.disk.set('src/b.ts', base);
  const session = new ReviewSession(ws, trusted, policyRules, () => 'cs1');
  const made = await session.propose({
    source: 'agent',
    files: [
      { path: 'src/a.test.ts', newText: proposedA },
      { path: 'src/b.ts', newText: proposedB },
    ],
  });
  assert.ok(made.ok, made.ok ? '' : made.message);
  const [five, skip] = session.get('cs1')!.changeset.files[0]!.hunks;
  assert.ok(skip!.flags.length > 0, 'the it.skip hunk is not flagged: the test proves nothing about flagged hunks');
  return { ws, session, five: five!.id, skip: skip!.id };
}

/** How the panel would show each hunk's seen mark, by id. */
function shown(session: ReviewSession): Map<string, string | undefined> {
  const vm = new ReviewViewModel();
  return new Map(vm.hunks(session.get('cs1')!).map((h) => [h.id, h.seen]));
}

describe('review/seen marks across revisions of a changeset', () => {
  it('keeps a mark through an agent turn that leaves the hunk alone (another file, another hunk of its file)', async () => {
    const { session, five, skip } = await reviewing();
    session.markSeen('cs1', five);
    session.markSeen('cs1', skip);
    const laterA = proposedA.replace('line 20\n', 'twenty\n');
    const laterB = proposedB.replace('line 12\n', 'twelve\n');
    const turn = await session.updateProposals(
      'cs1',
      [
        { path: 'src/a.test.ts', newText: laterA },
        { path: 'src/b.ts', newText: laterB },
      ],
      new Map(),
    );
    assert.ok(turn.ok, turn.ok ? '' : turn.message);
    const marks = shown(session);
    assert.equal(marks.get(five), 'seen', 'an unchanged hunk lost its seen mark in a new revision');
    assert.equal(marks.get(skip), 'seen', 'an unchanged flagged hunk lost its seen mark in a new revision');
    assert.equal(session.get('cs1')!.changeset.files[0]!.hunks.length, 3, 'the turn did not add its hunk');
    assert.ok((await session.decideAll('cs1', 'accept')).ok, 'Accept all refused although the flagged hunk was seen as it is');
  });

  it('marks a seen hunk whose lines changed as changed, and Accept all waits until it is looked at again', async () => {
    const { session, five, skip } = await reviewing();
    session.markSeen('cs1', five);
    session.markSeen('cs1', skip);
    const region = hunkRegion(session.get('cs1')!.changeset, skip);
    assert.ok(region.ok);
    assert.ok((await session.reviseHunk('cs1', skip, region.value.newText.replace("'thirty'", "'thirty, again'"))).ok);
    const marks = shown(session);
    assert.equal(marks.get(skip), 'changed', 'a revised hunk kept counting as seen');
    assert.equal(marks.get(five), 'seen', 'revising one hunk cleared the mark of another');
    const refused = await session.decideAll('cs1', 'accept');
    assert.match(refused.ok ? 'accepted' : refused.message, /look at the flagged hunks/, 'Accept all went ahead over a flagged hunk changed since it was seen');
    session.markSeen('cs1', skip);
    assert.equal(shown(session).get(skip), 'seen');
    assert.ok((await session.decideAll('cs1', 'accept')).ok, 'Accept all refused after the changed hunk was looked at again');
  });

  it('keeps marks with their content through a stored record, and reads the bare ids of older records as seen', async () => {
    const { ws, session, five, skip } = await reviewing();
    session.markSeen('cs1', five);
    const record = JSON.parse(JSON.stringify(serializeChangeset(session.get('cs1')!, 1))) as { seen: string[] };
    assert.ok(
      record.seen.every((s) => s.includes('#')),
      `marks stored without their content: ${record.seen.join(', ')}`,
    );
    const again = restoreChangeset(record);
    assert.ok(again.ok, again.ok ? '' : again.message);
    const fresh = new ReviewSession(ws, trusted, policyRules);
    assert.ok((await fresh.restore(again.value)).ok);
    assert.equal(shown(fresh).get(five), 'seen');
    const older = restoreChangeset({ ...record, seen: [skip] });
    assert.ok(older.ok, older.ok ? '' : older.message);
    assert.ok(older.value.seen.has(skip), 'a bare id of an older record was dropped');
  });
});
