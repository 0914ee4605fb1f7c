import * as assert from 'node:assert/strict';
import { AgentActivity, agentOfSource, connectedAgents, waitedLabel } from '../../../../src/core/terminalAgents/agentActivity';
import { CLAUDE_CONNECTIONS_KEY } from '../../../../src/core/terminalAgents/hookSource';

describe('agent activity: who is connected, who waits for which changeset', () => {
  it('lists the agents whose connection the workspace keeps', () => {
    assert.deepEqual(
      connectedAgents(() => undefined),
      [],
    );
    assert.deepEqual(
      connectedAgents((key) => (key === CLAUDE_CONNECTIONS_KEY ? [{ folder: '/ws' }] : undefined)),
      ['claude-code'],
    );
  });

  it('tells the agent from a changeset’s source', () => {
    assert.equal(agentOfSource('Claude Code · 1a2b3c4d'), 'claude-code');
    assert.equal(agentOfSource('Claude Code'), 'claude-code');
    assert.equal(agentOfSource('Codex · abc'), 'codex');
    assert.equal(agentOfSource('Claude Codex'), undefined);
    assert.equal(agentOfSource('agent'), undefined);
  });

  it('says how long an agent has waited, in minutes', () => {
    assert.equal(waitedLabel(0), 'waiting < 1 min');
    assert.equal(waitedLabel(59_999), 'waiting < 1 min');
    assert.equal(waitedLabel(2 * 60_000 + 10_000), 'waiting 2 min');
    assert.equal(waitedLabel(59 * 60_000 + 59_999), 'waiting 59 min');
    assert.equal(waitedLabel(60 * 60_000), 'waiting 1 h');
    assert.equal(waitedLabel(125 * 60_000), 'waiting 2 h 5 min');
    assert.equal(waitedLabel(-5), 'waiting < 1 min', 'a clock that went back is not a negative wait');
  });

  it('a wait is waiting while the hooks say so, gone when the agent left, forgotten once answered', () => {
    const stillWaiting = new Set(['cs1', 'cs2']);
    const activity = new AgentActivity(() => ['claude-code']);
    const heard: (string | undefined)[] = [];
    activity.onDidChange((id) => heard.push(id));
    activity.attach({ isWaiting: (id) => stillWaiting.has(id) });
    activity.waiting('cs1', 'claude-code', 'src/a.ts', 1000);
    activity.waiting('cs2', 'claude-code', 'src/b.ts', 2000);
    assert.deepEqual(
      activity.waits().map((w) => [w.changesetId, w.state, w.since]),
      [
        ['cs1', 'waiting', 1000],
        ['cs2', 'waiting', 2000],
      ],
    );
    stillWaiting.delete('cs1');
    activity.gone('cs1');
    assert.equal(activity.state('cs1'), 'gone', 'an agent that stopped waiting must show as gone');
    stillWaiting.delete('cs2');
    activity.settle();
    assert.equal(activity.state('cs2'), undefined, 'an answered wait must be forgotten');
    assert.deepEqual(
      activity.waits().map((w) => [w.changesetId, w.state]),
      [['cs1', 'gone']],
    );
    assert.deepEqual(heard, ['cs1', 'cs2', 'cs1', 'cs2']);
    activity.autoAllowed('cs3');
    assert.equal(activity.isAutoAllowed('cs3'), true);
    activity.connectionsChanged();
    assert.equal(heard[heard.length - 1], undefined);
  });

  it('keeps its marks across a reload: an edit that waited when the window closed comes back as "agent gone", auto-allowed stays', () => {
    const kept = new Map<string, unknown>();
    const store = { get: (key: string) => kept.get(key), update: (key: string, value: unknown) => void kept.set(key, value) };
    const before = new AgentActivity(() => ['claude-code'], store);
    before.attach({ isWaiting: (id) => id === 'cs1' });
    before.waiting('cs1', 'claude-code', 'src/a.ts', 1000);
    before.autoAllowed('cs2');
    before.waiting('cs3', 'codex', 'src/c.ts', 3000);
    before.settle(); // cs3 was answered: nothing to keep of it
    const after = new AgentActivity(() => ['claude-code'], store);
    assert.deepEqual(
      after.waits().map((w) => [w.changesetId, w.agent, w.path, w.since, w.state]),
      [['cs1', 'claude-code', 'src/a.ts', 1000, 'gone']],
      'the closed window answered its waiting agent: after the reload that edit is the agent’s no more',
    );
    assert.equal(after.isAutoAllowed('cs2'), true, 'the auto-allowed mark was lost');
    assert.equal(after.isAutoAllowed('cs3'), false);
  });

  it('reads a damaged store as empty, and keeps a bounded number of marks', () => {
    for (const damaged of [
      42,
      'x',
      { autoAllowed: 'cs1', waits: [{ changesetId: 7 }] },
      { waits: [{ changesetId: 'cs1', agent: 'vim', path: 'a', since: 1 }] },
    ]) {
      const activity = new AgentActivity(() => [], { get: () => damaged, update: () => undefined });
      assert.deepEqual(activity.waits(), [], JSON.stringify(damaged));
      assert.equal(activity.isAutoAllowed('cs1'), false, JSON.stringify(damaged));
    }
    const kept = new Map<string, unknown>();
    const activity = new AgentActivity(() => [], { get: (k) => kept.get(k), update: (k, v) => void kept.set(k, v) });
    for (let i = 0; i < 1_000; i++) activity.autoAllowed(`cs${i}`);
    const again = new AgentActivity(() => [], { get: (k) => kept.get(k), update: () => undefined });
    assert.equal(again.isAutoAllowed('cs999'), true, 'the newest mark was dropped');
    assert.equal(again.isAutoAllowed('cs0'), false, 'the store grows without bound');
  });
});
