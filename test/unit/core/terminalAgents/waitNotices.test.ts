import * as assert from 'node:assert/strict';
import { NOTICE_MAX_MS, NOTICE_QUIET_MS, waitNoticeText, WaitNotices, type Schedule, type WaitNotice } from '../../../../src/core/terminalAgents/waitNotices';

/** A clock the test moves: timers run when `advance` passes their time. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; run: () => void; live: boolean }[] = [];
  const schedule: Schedule = (run, ms) => {
    const t = { at: now + ms, run, live: true };
    timers.push(t);
    return { dispose: () => void (t.live = false) };
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      now = next.at;
      next.live = false;
      next.run();
    }
    now = end;
    timers = timers.filter((t) => t.live);
  };
  return { schedule, advance };
}

function setup(waiting: (id: string) => boolean = () => true) {
  const clock = fakeClock();
  const shown: WaitNotice[] = [];
  const notices = new WaitNotices((n) => shown.push(n), waiting, clock.schedule);
  return { notices, shown, advance: clock.advance };
}

describe('wait notices: one notification per burst of waiting edits', () => {
  it('says which agent waits for which file, or how many edits', () => {
    assert.equal(waitNoticeText([{ agent: 'Claude Code', path: 'src/x.ts' }]), 'Claude Code waits for your review of src/x.ts');
    assert.equal(
      waitNoticeText([
        { agent: 'Claude Code', path: 'a' },
        { agent: 'Claude Code', path: 'b' },
        { agent: 'Claude Code', path: 'c' },
      ]),
      'Claude Code waits for your review of 3 edits',
    );
    assert.equal(
      waitNoticeText([
        { agent: 'Claude Code', path: 'a' },
        { agent: 'Codex', path: 'b' },
      ]),
      'Claude Code and Codex wait for your review of 2 edits',
    );
  });

  it('one edit: one notification once the burst is quiet', () => {
    const { notices, shown, advance } = setup();
    notices.add('cs1', 'Claude Code', 'src/x.ts');
    advance(NOTICE_QUIET_MS - 1);
    assert.equal(shown.length, 0, 'shown before the burst could end');
    advance(1);
    assert.deepEqual(shown, [{ changesetIds: ['cs1'], message: 'Claude Code waits for your review of src/x.ts' }]);
  });

  it('a burst of three edits: one notification naming the count; a later edit gets its own', () => {
    const { notices, shown, advance } = setup();
    notices.add('cs1', 'Claude Code', 'a.ts');
    advance(200);
    notices.add('cs2', 'Claude Code', 'b.ts');
    advance(200);
    notices.add('cs3', 'Claude Code', 'c.ts');
    advance(NOTICE_QUIET_MS);
    assert.deepEqual(shown, [{ changesetIds: ['cs1', 'cs2', 'cs3'], message: 'Claude Code waits for your review of 3 edits' }]);
    advance(5_000);
    notices.add('cs4', 'Claude Code', 'd.ts');
    advance(NOTICE_QUIET_MS);
    assert.equal(shown.length, 2);
    assert.deepEqual(shown[1]?.changesetIds, ['cs4']);
  });

  it('an endless trickle is still told within the cap after its first edit', () => {
    const { notices, shown, advance } = setup();
    for (let i = 0; i < 10; i++) {
      notices.add(`cs${i}`, 'Claude Code', `f${i}.ts`);
      advance(NOTICE_QUIET_MS - 100);
    }
    assert.ok(shown.length >= 1, 'nothing shown while edits kept coming');
    assert.ok(shown[0]!.changesetIds.length * (NOTICE_QUIET_MS - 100) <= NOTICE_MAX_MS, `the first notice waited for ${shown[0]!.changesetIds.length} edits`);
  });

  it('at most one notification per changeset, and none for an edit answered meanwhile', () => {
    const answered = new Set<string>();
    const { notices, shown, advance } = setup((id) => !answered.has(id));
    notices.add('cs1', 'Claude Code', 'a.ts');
    notices.add('cs1', 'Claude Code', 'a.ts');
    advance(NOTICE_QUIET_MS);
    notices.add('cs1', 'Claude Code', 'a.ts');
    advance(NOTICE_QUIET_MS);
    assert.deepEqual(
      shown.map((n) => n.changesetIds),
      [['cs1']],
    );
    notices.add('cs2', 'Claude Code', 'b.ts');
    answered.add('cs2');
    advance(NOTICE_QUIET_MS);
    assert.equal(shown.length, 1, 'an edit auto-allowed or decided before the notice must not be announced');
  });

  it('disposed: nothing more is shown', () => {
    const { notices, shown, advance } = setup();
    notices.add('cs1', 'Claude Code', 'a.ts');
    notices.dispose();
    advance(NOTICE_MAX_MS);
    assert.equal(shown.length, 0);
  });
});
