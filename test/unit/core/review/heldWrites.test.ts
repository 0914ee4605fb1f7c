import * as assert from 'node:assert/strict';
import { HeldWrites } from '../../../../src/core/review/heldWrites';
import type { ResolvedFile } from '../../../../src/core/review/ports';
import { FakeWorkspace } from './fakeWorkspace';

const file = (path: string): ResolvedFile => ({ path, handle: `/ws/${path}` });

describe('review/HeldWrites', () => {
  it('a held file’s writes change only the held text, which its reads return; other files are written through', async () => {
    const ws = new FakeWorkspace();
    ws.disk.set('a.ts', 'a\n');
    ws.disk.set('b.ts', 'b\n');
    const held = new HeldWrites(ws);
    assert.equal(held.hold(file('a.ts'), 'a\n'), true);
    assert.equal(held.hold(file('a.ts'), 'a\n'), false, 'held once');
    const edit = { kind: 'edit' as const, edits: [{ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 1, newText: 'A' }] };
    assert.ok(
      (
        await held.write([
          { file: file('a.ts'), write: { ...edit, expected: 'a\n' } },
          { file: file('b.ts'), write: { ...edit, expected: 'b\n' } },
        ])
      ).ok,
    );
    assert.equal(ws.disk.get('a.ts'), 'a\n');
    assert.equal(ws.disk.get('b.ts'), 'A\n');
    assert.deepEqual(await held.read(file('a.ts')), { ok: true, value: { disk: 'a\n', current: 'A\n' } });
    assert.deepEqual(await held.readThrough(file('a.ts')), { ok: true, value: { disk: 'a\n', current: 'a\n' } });
    assert.deepEqual(held.heldTexts(file('a.ts')), { base: 'a\n', text: 'A\n' });
    held.revert(file('a.ts'));
    assert.deepEqual(held.heldTexts(file('a.ts')), { base: 'a\n', text: 'a\n' });
    held.release(file('a.ts'));
    assert.equal(held.isHeld(file('a.ts')), false);
    assert.deepEqual(await held.read(file('a.ts')), { ok: true, value: { disk: 'a\n', current: 'a\n' } });
  });

  it('remembers what the last read of a held file found, for a short while only', async () => {
    const ws = new FakeWorkspace();
    ws.disk.set('a.ts', 'a\n');
    let now = 1_000;
    const held = new HeldWrites(ws, () => now);
    assert.ok(held.hold(file('a.ts'), 'a\n'));
    assert.equal(held.recentlyRead(file('a.ts'), 100), undefined, 'nothing read yet');
    await held.read(file('a.ts'));
    ws.disk.set('a.ts', 'changed\n');
    now += 100;
    assert.deepEqual(held.recentlyRead(file('a.ts'), 100), { disk: 'a\n', current: 'a\n' }, 'the real texts the read found, not the held ones');
    now += 1;
    assert.equal(held.recentlyRead(file('a.ts'), 100), undefined, 'an older read must be done again');
    await held.read(file('a.ts'));
    assert.deepEqual(held.recentlyRead(file('a.ts'), 100), { disk: 'changed\n', current: 'changed\n' });
    held.release(file('a.ts'));
    assert.equal(held.recentlyRead(file('a.ts'), 100), undefined, 'a released file is not remembered');
  });

  it('a batch whose held write does not apply writes nothing, held or not', async () => {
    const ws = new FakeWorkspace();
    ws.disk.set('b.ts', 'b\n');
    const held = new HeldWrites(ws);
    held.hold(file('a.ts'), null);
    const created = await held.write([
      { file: file('b.ts'), write: { kind: 'delete' } },
      { file: file('a.ts'), write: { kind: 'edit', edits: [], expected: 'x\n' } },
    ]);
    assert.equal(created.ok, false);
    assert.match(created.ok ? '' : created.message, /^a\.ts: the text changed/);
    assert.equal(ws.disk.get('b.ts'), 'b\n');
    assert.ok((await held.write([{ file: file('a.ts'), write: { kind: 'create', text: 'new\n' } }])).ok);
    const again = await held.write([{ file: file('a.ts'), write: { kind: 'create', text: 'new\n' } }]);
    assert.equal(again.ok, false, 'a create over a held file that exists is refused');
    assert.deepEqual(held.heldTexts(file('a.ts')), { base: null, text: 'new\n' });
    assert.equal(ws.batches.length, 0, 'nothing reached the real workspace');
  });
});
