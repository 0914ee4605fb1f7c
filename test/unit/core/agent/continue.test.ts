import * as assert from 'node:assert/strict';
import { ProposalOverlay } from '../../../../src/core/agent/overlay';
import { runAgent } from '../../../../src/core/agent/run';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { seedFromChangeset } from '../../../../src/core/runs/reviewSync';
import { field } from '../../../double/json';
import { lastUserText, textReply, toolReply } from '../../../double/script';
import { FakeWorkspace, trusted } from '../review/fakeWorkspace';
import { MemoryFiles } from './fakes';
import { type Harness, startHarness } from './harness';
import { policyRules } from '../../../../src/core/policy/policyRules';

const files = { 'src/a.ts': 'export const a = 1;\n' };

/** tools+system+messages as a request serialized them, without the closing brackets. */
const prefixOf = (body: Parameters<typeof field>[0]): string =>
  JSON.stringify([field(body, 'tools'), field(body, 'system'), field(body, 'messages')]).slice(0, -2);

describe('agent: continuing a stored run with a new message', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('sends the stored conversation unchanged plus the message, and adds up turns, usage and checks', async () => {
    h = await startHarness(
      [
        toolReply([{ name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a = 1', new_string: 'a = 2', step: 's1' } }]),
        textReply('Set a to 2.'),
        toolReply([{ name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a = 2', new_string: 'a = 3', step: 's1' } }]),
        textReply('Now a is 3.'),
      ],
      files,
    );
    const first = await runAgent(h.deps, h.options());
    assert.equal(first.state, 'done', first.error);
    const stored = JSON.parse(JSON.stringify(first)) as typeof first;
    h.events.length = 0;
    const continued = await runAgent(h.deps, h.options({ prior: stored, prompt: 'Make it 3 instead.' }));
    assert.equal(continued.state, 'done', continued.error);

    const requests = h.double.messageRequests();
    assert.equal(requests.length, 4);
    const [lastOfFirst, firstOfSecond] = [requests[1]!.body, requests[2]!.body];
    assert.ok(prefixOf(firstOfSecond).startsWith(prefixOf(lastOfFirst)), 'the stored turns are resent byte for byte: the cached prefix holds');
    assert.equal(lastUserText(firstOfSecond), 'Make it 3 instead.');
    assert.ok(requests[2]!.raw.includes('"cache_control"'), 'the continued request keeps its breakpoints');
    assert.deepEqual(
      h.events.slice(0, 2),
      [
        { type: 'state', state: 'running' },
        { type: 'user', text: 'Make it 3 instead.' },
      ],
      'the log shows the message',
    );
    assert.equal(continued.turns.length, 4, 'two stored turns and two new ones');
    assert.equal(
      continued.usage.output,
      first.usage.output + continued.turns.slice(2).reduce((n, t) => n + t.usage.output, 0),
      'usage adds up over the whole run',
    );
    assert.deepEqual(
      continued.checks.map((c) => c.name),
      ['unit tests', 'unit tests'],
      'the earlier check results are kept',
    );
    assert.equal(continued.summary, 'Now a is 3.');
  });
});

describe('agent wiring: a continued run sees its changeset where the review left it', () => {
  it('seeds the pending proposal with its plan steps and intents, and the decided text as the base', async () => {
    const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
    const ws = new FakeWorkspace();
    ws.disk.set('a.ts', base);
    const session = new ReviewSession(ws, trusted, policyRules, () => 'cs1');
    const proposed = base.replace('line 2\n', 'two\n').replace('line 20\n', 'twenty\nand more\n').replace('line 29\n', '');
    const created = await session.propose({
      source: 'agent',
      files: [
        {
          path: 'a.ts',
          newText: proposed,
          stepRanges: [
            { startLine: 2, endLine: 2, step: 's1' },
            { startLine: 20, endLine: 21, step: 's2', intent: 'say twenty' },
            { startLine: 30, endLine: 29, step: 's3' },
          ],
        },
      ],
    });
    assert.ok(created.ok);
    const hunks = session.get('cs1')!.changeset.files[0]!.hunks;
    assert.deepEqual(
      hunks.map((h) => h.steps),
      [['s1'], ['s2'], ['s3']],
    );
    assert.ok((await session.decide('cs1', hunks[0]!.id, 'accept')).ok);

    const overlay = new ProposalOverlay(new MemoryFiles(new Map()));
    seedFromChangeset(overlay, session.get('cs1')!.changeset.files[0]!);
    const [seeded] = overlay.all();
    assert.equal(seeded?.baseText, base.replace('line 2\n', 'two\n'), 'the base is the document with the accepted hunk in');
    assert.equal(seeded?.proposedText, proposed, 'the proposal keeps the pending hunks');
    assert.deepEqual(
      seeded?.stepRanges,
      [
        { startLine: 20, endLine: 21, step: 's2', intent: 'say twenty' },
        { startLine: 30, endLine: 29, step: 's3' },
      ],
      'pending hunks keep their steps and intents; the accepted one is no longer a proposal',
    );
  });
});
