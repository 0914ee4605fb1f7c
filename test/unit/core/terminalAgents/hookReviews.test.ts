import * as assert from 'node:assert/strict';
import { snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import type { Changeset } from '../../../../src/core/changeset/types';
import { autoAllowable } from '../../../../src/core/terminalAgents/autoAllow';
import { policyRules } from '../../../../src/core/policy/policyRules';
import type { ResolvedFile } from '../../../../src/core/review/ports';
import { HeldWrites } from '../../../../src/core/review/heldWrites';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { fail, type Result } from '../../../../src/core/result';
import type { HookAnswer } from '../../../../src/core/terminalAgents/hookAnswers';
import { HookReviews } from '../../../../src/core/terminalAgents/hookReviews';
import { FakeWorkspace, trusted } from '../review/fakeWorkspace';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

/** The hook gives absolute paths (the fake workspace's folder is /ws); the session resolves relative ones. */
class AbsoluteWorkspace extends FakeWorkspace {
  override async resolve(raw: string): Promise<Result<ResolvedFile>> {
    if (!raw.startsWith('/')) return super.resolve(raw);
    if (!raw.startsWith('/ws/')) return fail('outside-workspace', `'${raw}' is outside the workspace`);
    return super.resolve(raw.slice('/ws/'.length));
  }
}

function setup(isTrusted = true, landingMs = 2_000, autoAllows: (cs: Changeset) => boolean = () => false) {
  const ws = new AbsoluteWorkspace();
  const held = new HeldWrites(ws);
  let n = 0;
  const session = new ReviewSession(held, trusted, policyRules, () => `cs${++n}`);
  const events: string[] = [];
  const reviews = new HookReviews(
    session,
    held,
    { isTrusted: () => isTrusted },
    {
      waiting: (id) => events.push(`waiting ${id}`),
      gone: (id) => events.push(`gone ${id}`),
      autoAllows,
      autoAllowed: (id) => events.push(`auto-allowed ${id}`),
      log: () => undefined,
    },
    landingMs,
  );
  return { ws, held, session, reviews, events };
}

/** Plays the agent's tool after an allow: writes what the hook's input says, as Claude Code would. */
function agentWrites(ws: FakeWorkspace, path: string, a: HookAnswer): void {
  const input = a.hookSpecificOutput.updatedInput ?? {};
  const old = typeof input['old_string'] === 'string' ? input['old_string'] : undefined;
  const text = typeof input['content'] === 'string' ? input['content'] : input['new_string'];
  assert.equal(typeof text, 'string', 'an allow carries the text to write');
  if (old !== undefined) assert.equal(ws.disk.get(path), old, 'old_string is the file the tool reads');
  ws.disk.set(path, text as string);
}

const states = (session: ReviewSession, id: string) => snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks.map((h) => h.state);

async function until(what: string, test: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(test(), what);
}

let toolUse = 0;
const call = (tool: string, input: Record<string, unknown>) => ({
  session_id: 'abcdef0123456789',
  cwd: '/ws',
  hook_event_name: 'PreToolUse',
  tool_name: tool,
  tool_input: input,
  tool_use_id: `toolu_${++toolUse}`,
});

const reason = (a: HookAnswer) => a.hookSpecificOutput.permissionDecisionReason ?? '';

async function waitingId(session: ReviewSession, answer: Promise<HookAnswer>): Promise<string> {
  const early = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]);
  const id = session.ids().at(-1);
  assert.ok(id && early === undefined, `no changeset is waiting: ${early === undefined ? '' : reason(early)}`);
  return id;
}

describe('terminalAgents/HookReviews', () => {
  it('an Edit with three hunks, two accepted: the agent may write exactly those, and is told which hunk did not land and why', async () => {
    const { ws, held, session, reviews, events } = setup();
    const base = lines(40);
    ws.disk.set('src/a.ts', base);
    const edited = base.replace('line 3\n', 'line three\n').replace('line 20\n', 'line twenty\n').replace('line 37\n', 'line thirty-seven\n');
    const answer = reviews.handle(call('Edit', { file_path: '/ws/src/a.ts', old_string: base, new_string: edited }), new AbortController().signal);
    const id = await waitingId(session, answer);
    const snap = snapshotChangeset(session.get(id)!.changeset);
    assert.equal(snap.source, 'Claude Code · abcdef01');
    const [h1, h2, h3] = snap.files[0]!.hunks;
    assert.ok(h1 && h2 && h3 && snap.files[0]!.hunks.length === 3, 'expected three hunks');
    assert.deepEqual(
      session.get(id)!.changeset.files[0]!.hunks.map((h) => h.intent),
      Array(3).fill(session.get(id)!.changeset.title),
      'one tool call is one group of the reading order, named by its title',
    );
    assert.deepEqual(events, [`waiting ${id}`]);
    assert.ok((await session.decide(id, h1.id, 'accept')).ok);
    assert.ok((await session.decide(id, h2.id, 'reject', 'keep the digits in the middle')).ok);
    assert.ok(reviews.isWaiting(id), 'answered before every hunk was decided');
    assert.ok((await session.decide(id, h3.id, 'accept')).ok);
    const a = await answer;
    const merged = base.replace('line 3\n', 'line three\n').replace('line 37\n', 'line thirty-seven\n');
    assert.equal(ws.disk.get('src/a.ts'), base, 'the review wrote nothing: the agent’s tool writes the accepted text');
    assert.deepEqual(a.hookSpecificOutput.permissionDecision, 'allow');
    assert.deepEqual(a.hookSpecificOutput.updatedInput, { file_path: '/ws/src/a.ts', old_string: base, new_string: merged });
    const note = a.hookSpecificOutput.additionalContext ?? '';
    assert.match(note, /accepted only part of it: \/ws\/src\/a\.ts now holds hunk 1 of 3 \(line 3\), hunk 3 of 3 \(line 37\), and not the rest\./);
    assert.match(note, /Rejected: hunk 2 of 3 \(line 20\): keep the digits in the middle\./);
    assert.equal(reviews.isWaiting(id), false);
    agentWrites(ws, 'src/a.ts', a);
    await until('the hold ends once the file holds the accepted text', () => !held.isHeld({ path: 'src/a.ts', handle: '/ws/src/a.ts' }));
    assert.deepEqual(states(session, id), ['accepted', 'rejected', 'accepted'], 'the decisions stand against the written file');
    assert.equal(ws.writes.length, 0, 'Redline itself wrote nothing');
  });

  it('a hunk the user edited before accepting: the agent writes the user’s lines and reads what the user changed', async () => {
    const { ws, session, reviews } = setup();
    const base = lines(30);
    ws.disk.set('e.ts', base);
    const edited = base.replace('line 3\n', 'const rate = 0.21;\n').replace('line 25\n', 'line twenty-five\n');
    const answer = reviews.handle(call('Edit', { file_path: '/ws/e.ts', old_string: base, new_string: edited }), new AbortController().signal);
    const id = await waitingId(session, answer);
    const [h1, h2] = snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks;
    assert.ok((await session.acceptEdited(id, h1!.id, 'const rate = 0.25; // from finance\n', h1!.revision)).ok);
    assert.ok((await session.decide(id, h2!.id, 'accept')).ok);
    const a = await answer;
    assert.equal(a.hookSpecificOutput.permissionDecision, 'allow');
    const after = base.replace('line 3\n', 'const rate = 0.25; // from finance\n').replace('line 25\n', 'line twenty-five\n');
    assert.deepEqual(a.hookSpecificOutput.updatedInput, { file_path: '/ws/e.ts', old_string: base, new_string: after });
    const note = a.hookSpecificOutput.additionalContext ?? '';
    assert.match(note, /accepted it with changes of their own/);
    assert.match(
      note,
      /hunk 1 of 2 \(line 3\), your proposal \(-\) and what the user accepted \(\+\):\n@@ [^\n]*\n-const rate = 0\.21;\n\+const rate = 0\.25; \/\/ from finance/,
    );
    assert.doesNotMatch(note, /hunk 2 of 2/, 'a hunk accepted as proposed is not an edit');
  });

  it('all hunks accepted: allow with the whole text; an agent that never writes leaves the hunks open again', async () => {
    const { ws, held, session, reviews } = setup(true, 200);
    ws.disk.set('k.ts', 'a\nb\n');
    const answer = reviews.handle(call('Edit', { file_path: '/ws/k.ts', old_string: 'b\n', new_string: 'B\n' }), new AbortController().signal);
    const id = await waitingId(session, answer);
    assert.ok((await session.decideAll(id, 'accept')).ok);
    const a = await answer;
    assert.deepEqual(a.hookSpecificOutput, {
      hookEventName: 'PreToolUse',
      permissionDecision: 'allow',
      updatedInput: { file_path: '/ws/k.ts', old_string: 'a\nb\n', new_string: 'a\nB\n' },
    });
    await until('the hold ends after the landing time', () => !held.isHeld({ path: 'k.ts', handle: '/ws/k.ts' }));
    await until('the accept is open again: the file never got it', () => states(session, id)[0] === 'pending');
    assert.equal(ws.disk.get('k.ts'), 'a\nb\n');
  });

  it('with the user’s unsaved text in the file, Redline writes the accepted part itself (folded in) and refuses the agent’s write', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('u.ts', lines(20));
    ws.docs.set('u.ts', lines(20).replace('line 18\n', 'line 18 typed\n'));
    const answer = reviews.handle(call('Edit', { file_path: '/ws/u.ts', old_string: 'line 2\n', new_string: 'line two\n' }), new AbortController().signal);
    const id = await waitingId(session, answer);
    assert.ok((await session.decideAll(id, 'accept')).ok);
    const a = await answer;
    assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(reason(a), /Not an error.*Redline wrote the accepted edit to \/ws\/u\.ts itself\. Do not apply it again/);
    assert.equal(ws.docs.get('u.ts'), lines(20).replace('line 2\n', 'line two\n').replace('line 18\n', 'line 18 typed\n'), 'the user’s text kept');
  });

  it('a file changed on disk while the agent waits: nothing is written, the agent is told, the accepted hunk is open again', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('m.ts', lines(20));
    const answer = reviews.handle(call('Edit', { file_path: '/ws/m.ts', old_string: 'line 2\n', new_string: 'line two\n' }), new AbortController().signal);
    const id = await waitingId(session, answer);
    ws.disk.set('m.ts', lines(20).replace('line 19\n', 'line 19 from git\n'));
    assert.ok((await session.decideAll(id, 'accept')).ok);
    const a = await answer;
    assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(reason(a), /^m\.ts changed while the user reviewed this edit, so Redline kept the review open; nothing was written to \/ws\/m\.ts\./);
    await until('the hunk is open again', () => states(session, id)[0] === 'pending');
    assert.equal(ws.disk.get('m.ts'), lines(20).replace('line 19\n', 'line 19 from git\n'));
  });

  it('the agent’s next edit of the same file, right after its write, is reviewed against the written file', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('n.ts', 'a\nb\n');
    const first = reviews.handle(call('Edit', { file_path: '/ws/n.ts', old_string: 'a\n', new_string: 'A\n' }), new AbortController().signal);
    const id = await waitingId(session, first);
    assert.ok((await session.decideAll(id, 'accept')).ok);
    agentWrites(ws, 'n.ts', await first);
    const second = reviews.handle(call('Edit', { file_path: '/ws/n.ts', old_string: 'b\n', new_string: 'B\n' }), new AbortController().signal);
    const id2 = await waitingId(session, second);
    assert.notEqual(id2, id);
    assert.ok((await session.decideAll(id2, 'accept')).ok);
    assert.deepEqual((await second).hookSpecificOutput.updatedInput, { file_path: '/ws/n.ts', old_string: 'A\nb\n', new_string: 'A\nB\n' });
  });

  it('a second edit of a file whose first edit still waits is refused', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('w.ts', 'a\n');
    const first = reviews.handle(call('Write', { file_path: '/ws/w.ts', content: 'b\n' }), new AbortController().signal);
    await waitingId(session, first);
    const second = await reviews.handle(call('Write', { file_path: '/ws/w.ts', content: 'c\n' }), new AbortController().signal);
    assert.match(reason(second), /an earlier edit of w\.ts still waits for the user's review/);
    assert.equal(session.ids().length, 1);
  });

  it('a Write rejected with a reason leaves the file untouched and carries the reason; a new file accepted is created', async () => {
    const { ws, held, session, reviews } = setup();
    ws.disk.set('b.txt', 'one\n');
    const answer = reviews.handle(call('Write', { file_path: '/ws/b.txt', content: 'two\n' }), new AbortController().signal);
    const id = await waitingId(session, answer);
    const hunk = snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks[0]!;
    await session.decide(id, hunk.id, 'reject', 'we count in ones here');
    const a = await answer;
    assert.equal(ws.disk.get('b.txt'), 'one\n');
    assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(reason(a), /rejected this edit in Redline; nothing was written to \/ws\/b\.txt\.\nRejected: hunk 1 of 1 \(line 1\): we count in ones here\./);

    const created = reviews.handle(call('Write', { file_path: '/ws/new/c.txt', content: 'fresh\n' }), new AbortController().signal);
    const id2 = await waitingId(session, created);
    await session.decideAll(id2, 'accept');
    const c = await created;
    assert.deepEqual(c.hookSpecificOutput.updatedInput, { file_path: '/ws/new/c.txt', content: 'fresh\n' });
    assert.equal(ws.disk.get('new/c.txt'), undefined, 'the agent creates it');
    agentWrites(ws, 'new/c.txt', c);
    await until(
      'the new file is accepted as written',
      () => states(session, id2)[0] === 'accepted' && !held.isHeld({ path: 'new/c.txt', handle: '/ws/new/c.txt' }),
    );
  });

  it('Ask fix sends the comment back and rejects the hunks not decided yet; Send decisions rejects the rest', async () => {
    const { ws, session, reviews } = setup();
    const base = lines(30);
    ws.disk.set('f.ts', base);
    const answer = reviews.handle(
      call('Write', { file_path: '/ws/f.ts', content: base.replace('line 2\n', 'line two\n').replace('line 28\n', 'line 28!\n') }),
      new AbortController().signal,
    );
    const id = await waitingId(session, answer);
    const [h1, h2] = snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks;
    assert.ok(h1 && h2);
    assert.ok((await reviews.askFix(id, h2.id, 'no exclamation marks')).ok);
    const a = await answer;
    assert.match(
      reason(a),
      /^The user asks: no exclamation marks \(about hunk 2 of 2 \(line \d+\) of your edit of \/ws\/f\.ts\)\. Propose the edit again with that change\.\nNothing was written to \/ws\/f\.ts\./,
    );
    assert.match(reason(a), /Rejected: hunk 1 of 2 \(line \d+\): sent back with a fix request\./);
    assert.deepEqual(
      snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks.map((h) => h.state),
      ['rejected', 'rejected'],
    );
    assert.equal(ws.disk.get('f.ts'), base);

    const second = reviews.handle(call('Write', { file_path: '/ws/f.ts', content: base.replace('line 2\n', 'line two\n') }), new AbortController().signal);
    const id2 = await waitingId(session, second);
    assert.ok((await reviews.sendDecisions(id2)).ok);
    assert.match(reason(await second), /Rejected: hunk 1 of 1 \(line \d+\): not reviewed when the decisions were sent\./);
    assert.equal((await reviews.askFix(id2, 'h', 'x')).ok, false, 'a fix on an answered edit must say the agent no longer waits');
  });

  it('Ask fix after an accept: Redline writes the accepted part itself, and the agent is told so', async () => {
    const { ws, session, reviews } = setup();
    const base = lines(30);
    ws.disk.set('p.ts', base);
    const answer = reviews.handle(
      call('Write', { file_path: '/ws/p.ts', content: base.replace('line 2\n', 'line two\n').replace('line 28\n', 'line 28!\n') }),
      new AbortController().signal,
    );
    const id = await waitingId(session, answer);
    const [h1, h2] = snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks;
    assert.ok(h1 && h2);
    assert.ok((await session.decide(id, h1.id, 'accept')).ok);
    assert.equal(ws.disk.get('p.ts'), base, 'held while the agent waits');
    assert.ok((await reviews.askFix(id, h2.id, 'no exclamation marks')).ok);
    assert.match(
      reason(await answer),
      /\nRedline already wrote the accepted part to the file \(hunk 1 of 2 \(line 2\)\); read \/ws\/p\.ts again before you propose\./,
    );
    assert.equal(ws.disk.get('p.ts'), base.replace('line 2\n', 'line two\n'));
    assert.deepEqual(states(session, id), ['accepted', 'rejected']);
  });

  it('a fix asked the moment the changeset appears (before the call registered its wait) still reaches the agent', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('r.ts', 'a\n');
    let asked: Promise<Result<void>> | undefined;
    const sub = session.onDidChange((id) => {
      const hunk = session.get(id)?.changeset.files[0]?.hunks[0];
      if (hunk && asked === undefined) asked = reviews.askFix(id, hunk.id, 'say b twice');
    });
    const answer = await reviews.handle(call('Write', { file_path: '/ws/r.ts', content: 'b\n' }), new AbortController().signal);
    sub.dispose();
    assert.ok(asked && (await asked).ok, 'the fix was refused');
    assert.match(reason(answer), /^The user asks: say b twice/);
  });

  it('refuses, writing nothing: untrusted, outside, replayed, an edit that does not apply', async () => {
    const untrusted = setup(false);
    assert.match(
      reason(await untrusted.reviews.handle(call('Write', { file_path: '/ws/a', content: 'x' }), new AbortController().signal)),
      /workspace not trusted/,
    );
    assert.equal(untrusted.session.ids().length, 0);

    const { ws, session, reviews } = setup();
    ws.disk.set('a.ts', 'a\n');
    assert.match(
      reason(await reviews.handle(call('Write', { file_path: '/etc/passwd', content: 'x' }), new AbortController().signal)),
      /Redline refused this edit: '\/etc\/passwd' is outside the workspace\. Nothing was written\./,
    );
    assert.match(
      reason(await reviews.handle(call('Edit', { file_path: '/ws/a.ts', old_string: 'zzz', new_string: 'y' }), new AbortController().signal)),
      /old_string was not found/,
    );
    const body = call('Edit', { file_path: '/ws/a.ts', old_string: 'nope', new_string: 'y' });
    await reviews.handle(body, new AbortController().signal);
    assert.match(reason(await reviews.handle(body, new AbortController().signal)), /was already answered \(a replayed call\)/);
    assert.equal(session.ids().length, 0, 'a refused call must propose nothing');
    assert.equal(ws.disk.get('a.ts'), 'a\n');
  });

  it('an agent that stops waiting leaves the changeset reviewable, marked gone', async () => {
    const { ws, session, reviews, events } = setup();
    ws.disk.set('g.ts', 'a\n');
    const gone = new AbortController();
    const answer = reviews.handle(call('Write', { file_path: '/ws/g.ts', content: 'b\n' }), gone.signal);
    const id = await waitingId(session, answer);
    gone.abort();
    await answer;
    assert.ok(reviews.isGone(id) && !reviews.isWaiting(id));
    assert.deepEqual(events, [`waiting ${id}`, `gone ${id}`]);
    const hunk = snapshotChangeset(session.get(id)!.changeset).files[0]!.hunks[0]!;
    assert.ok((await session.decide(id, hunk.id, 'accept')).ok, 'the changeset must stay reviewable');
    assert.equal(ws.disk.get('g.ts'), 'b\n');
  });
});

describe('terminalAgents/HookReviews: auto-allow', () => {
  const inTests = (cs: Changeset) => autoAllowable(cs, (p) => p.startsWith('test/'), { denied: () => false, protectedPath: () => false });

  it('allows at once, before the changeset opens; then records it with every hunk accepted, and writes nothing itself', async () => {
    const { ws, held, session, reviews, events } = setup(true, 2_000, inTests);
    ws.disk.set('test/a.test.ts', lines(20));
    const shown: string[] = [];
    session.onDidChange((id) => shown.push(...states(session, id)));
    const a = await reviews.handle(
      call('Edit', { file_path: '/ws/test/a.test.ts', old_string: 'line 2\n', new_string: 'line two\n' }),
      new AbortController().signal,
    );
    assert.equal(a.hookSpecificOutput.permissionDecision, 'allow');
    assert.deepEqual(session.ids(), [], 'the answer waited for the changeset to be recorded');
    agentWrites(ws, 'test/a.test.ts', a);
    await until('the edit is recorded, auto-allowed', () => events.some((e) => e.startsWith('auto-allowed ')));
    const id = session.ids()[0]!;
    assert.deepEqual(events, [`auto-allowed ${id}`], 'an auto-allowed edit never waits');
    await until('the hold ends once the agent’s write landed', () => !held.isHeld({ path: 'test/a.test.ts', handle: '/ws/test/a.test.ts' }));
    assert.deepEqual(states(session, id), ['accepted'], 'recorded in the review history, accepted');
    assert.deepEqual([...new Set(shown)], ['accepted'], 'the review showed the auto-allowed hunk as something other than accepted');
    assert.equal(ws.disk.get('test/a.test.ts'), lines(20).replace('line 2\n', 'line two\n'));
    assert.equal(ws.writes.length, 0, 'Redline wrote the file a second time');
  });

  it('a hunk a tripwire flags is never auto-allowed: the edit waits for the review', async () => {
    const { ws, session, reviews, events } = setup(true, 2_000, inTests);
    ws.disk.set('test/b.test.ts', "it('adds', () => {});\n");
    const answer = reviews.handle(
      call('Edit', { file_path: '/ws/test/b.test.ts', old_string: "it('adds'", new_string: "it.skip('adds'" }),
      new AbortController().signal,
    );
    const id = await waitingId(session, answer);
    assert.ok(session.get(id)!.changeset.files[0]!.hunks[0]!.flags.length > 0, 'the skipped test is not flagged');
    assert.deepEqual(events, [`waiting ${id}`]);
    reviews.dispose();
  });

  it('with the user’s unsaved text in the file, the globs do not apply: the edit waits for the review', async () => {
    const { ws, session, reviews, events } = setup(true, 2_000, inTests);
    ws.disk.set('test/c.test.ts', lines(10));
    ws.docs.set('test/c.test.ts', lines(10).replace('line 9\n', 'line 9 typed\n'));
    const answer = reviews.handle(
      call('Edit', { file_path: '/ws/test/c.test.ts', old_string: 'line 2\n', new_string: 'line two\n' }),
      new AbortController().signal,
    );
    const id = await waitingId(session, answer);
    assert.deepEqual(events, [`waiting ${id}`]);
    reviews.dispose();
  });
});
