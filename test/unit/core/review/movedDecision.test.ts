import * as assert from 'node:assert/strict';
import { inThreadMovedCode } from '../../../../src/core/diff/movedCodePort';
import { MovedCodeTracker } from '../../../../src/core/review/movedTracker';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { ReviewViewModel } from '../../../../src/core/review/viewModel';
import { policyRules } from '../../../../src/core/policy/policyRules';
import type { ReviewMove } from '../../../../src/shared/reviewProtocol';
import { FakeWorkspace, trusted } from './fakeWorkspace';

const fn = ['export function parse(input: string) {', '  const parts = input.split(",");', '  return parts.map((p) => p.trim());', '}'];
const text = (xs: readonly string[]) => xs.map((l) => `${l}\n`).join('');
const a = ['// a', 'export const one = 1;', ...fn, 'export const two = 2;'];
const b = ['// b', 'export const three = 3;'];

async function movedSetup() {
  const ws = new FakeWorkspace();
  ws.disk.set('a.ts', text(a));
  ws.disk.set('b.ts', text(b));
  const session = new ReviewSession(ws, trusted, policyRules, () => 'cs1');
  const id = await session.propose({
    source: 'api',
    files: [
      { path: 'a.ts', newText: text(a.filter((l) => !fn.includes(l))) },
      { path: 'b.ts', newText: text([...b, ...fn]) },
    ],
  });
  assert.ok(id.ok, id.ok ? '' : id.message);
  const entry = session.get(id.value);
  assert.ok(entry);
  const hunks = new ReviewViewModel().hunks(entry);
  const moves = await new Promise<readonly ReviewMove[]>((resolve) => new MovedCodeTracker(inThreadMovedCode, resolve, assert.fail).update(hunks));
  return { ws, session, id: id.value, hunks, moves };
}

describe('review/moved code: what the tracker tells the panel', () => {
  it('says nothing when there is no move, and that the moves are gone once they are', async () => {
    const { hunks } = await movedSetup();
    const told: (readonly ReviewMove[])[] = [];
    const tracker = new MovedCodeTracker(inThreadMovedCode, (m) => told.push(m), assert.fail);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    // The pasted side alone: nothing moved, and a new page learns nothing either.
    tracker.update(hunks.slice(1));
    await settle();
    tracker.update(hunks.slice(1), true);
    assert.deepEqual(told, [], 'a panel with no moves is told nothing');
    tracker.update(hunks);
    await settle();
    assert.equal(told.length, 1, 'the move is told');
    tracker.update(hunks.slice(1).map((h) => ({ ...h, revision: h.revision + 1 })));
    await settle();
    assert.deepEqual(told.at(-1), [], 'the panel is told the move is gone');
  });
});

describe('review/moved code decided together', () => {
  it('the tracker names the function moved from a.ts:3 to b.ts:3 as one whole move', async () => {
    const { hunks, moves } = await movedSetup();
    assert.deepEqual(moves, [{ from: hunks[0]?.id, fromLine: 3, to: hunks[1]?.id, toLine: 3, lines: 4, reindented: false, whole: true }]);
  });

  it('accepting the moved block writes both files in one step, and one undo takes both back', async () => {
    const { ws, session, id, moves } = await movedSetup();
    const [move] = moves;
    assert.ok(move);
    const r = await session.decideTogether(id, [move.to, move.from], 'accept');
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(ws.disk.get('a.ts'), text(a.filter((l) => !fn.includes(l))), 'the block left a.ts');
    assert.equal(ws.disk.get('b.ts'), text([...b, ...fn]), 'the block arrived in b.ts');
    assert.equal(ws.batches.length, 1, 'one write batch for both files');
    const states = session.get(id)?.changeset.files.map((f) => f.hunks.map((h) => h.state));
    assert.deepEqual(states, [['accepted'], ['accepted']]);
    assert.ok((await session.undo(id)).ok);
    assert.equal(ws.disk.get('a.ts'), text(a), 'one undo restores a.ts');
    assert.equal(ws.disk.get('b.ts'), text(b), 'and b.ts');
  });

  it('refuses to decide a flagged hunk together with another, and writes nothing', async () => {
    const ws = new FakeWorkspace();
    const spec = ["it('parses', () => {", '  const parts = parse("a, b");', '  expect(parts).toEqual(["a", "b"]);', '});'];
    ws.disk.set('a.test.ts', text(['// a', ...spec, '// end']));
    ws.disk.set('b.test.ts', text(['// b']));
    const session = new ReviewSession(ws, trusted, policyRules, () => 'cs1');
    const id = await session.propose({
      source: 'api',
      files: [
        { path: 'a.test.ts', newText: text(['// a', '// end']) },
        { path: 'b.test.ts', newText: text(['// b', ...spec]) },
      ],
    });
    assert.ok(id.ok);
    const entry = session.get(id.value);
    assert.ok(entry);
    const [from, to] = new ReviewViewModel().hunks(entry);
    assert.ok(from && to && from.flags.length > 0, `a test case removed is flagged: ${JSON.stringify(from?.flags)}`);
    const r = await session.decideTogether(id.value, [to.id, from.id], 'accept');
    assert.ok(!r.ok && r.code === 'E_FLAGGED', 'a flagged hunk is decided on its own');
    assert.equal(ws.batches.length, 0, 'nothing written');
  });
});
