import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FeedbackQueue } from '../../../../src/core/agent/feedback';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { ProposalOverlay } from '../../../../src/core/agent/overlay';
import { type AgentDeps, runAgent } from '../../../../src/core/agent/run';
import type { RunTranscript } from '../../../../src/core/agent/transcript';
import { createAnthropicModel } from '../../../../src/model/anthropicModel';
import { timedSearch } from '../../../../src/node/search/timedSearch';
import { field, type Json } from '../../../double/json';
import { messagesOf } from '../../../double/script';
import { MessagesDouble } from '../../../double/server';
import { DiskFiles, generateRepo } from '../../../fixtures/generatedRepo';
import { continuedStep, longBuildScript, longExpectedText, longReads as reads, longTurns as turns, longWindow as window } from '../../../fixtures/longBuild';
import { FakeChecks, FakeGuard, RecordingSink, plan, systemClock } from './fakes';
import { apiKey } from './harness';

describe('agent: a run far past the context window (compaction)', function () {
  this.timeout(120_000);
  let root: string | undefined;
  let double: MessagesDouble | undefined;
  afterEach(async () => {
    await double?.close();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('builds for 150 turns in a 20,000-file repository with a 60K window, ends done with every proposal exact, and continues', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'redline-long-run-'));
    const repo = await generateRepo(root, { files: 20_000, targets: reads });
    const seen: { turn: number; summary: string }[] = [];
    const script = longBuildScript(repo, seen);
    let continued = 0;
    double = await MessagesDouble.start({
      contextWindow: window,
      script: (request) => (continued > 0 ? continuedStep(continued++, repo) : script(request)),
    });
    const disk = new DiskFiles(root);
    const sink = new RecordingSink();
    const overlay = new ProposalOverlay(disk);
    const events: AgentEvent[] = [];
    const model = createAnthropicModel({ credentials: () => ({ apiKey, baseURL: double?.url ?? '' }), maxRetries: 0, retryDelayMs: () => 5 });
    const deps: AgentDeps = { model, files: disk, search: timedSearch(), guard: new FakeGuard(), sink, checks: new FakeChecks(), clock: systemClock };
    const options = {
      id: 'long',
      mode: 'build' as const,
      plan: plan({ checks: [] }),
      model: 'claude-test',
      maxTurns: turns + 5,
      prices: {},
      followUps: [],
      overlay,
      feedback: new FeedbackQueue(),
      signal: new AbortController().signal,
      onEvent: (event: AgentEvent) => events.push(event),
      context: { window },
    };
    const run = await runAgent(deps, options);

    assert.equal(run.state, 'done', run.error);
    assert.equal(run.turns.length, turns, 'every scripted turn ran');
    const refused = double.messageRequests().filter((r) => r.step === undefined);
    assert.equal(refused.length, 0, `requests went over the window: ${refused.map((r) => r.index).join(', ')}`);
    const readChars = run.turns.flatMap((t) => t.toolCalls).reduce((n, c) => n + (c.name === 'read_file' ? c.result.length : 0), 0);
    assert.ok(readChars / 4 > 3 * window, `the run read ${Math.round(readChars / 4)} tokens, not more than three windows`);
    const compactions = events.filter((e) => e.type === 'compacted');
    assert.ok(compactions.length >= 3, `only ${compactions.length} compactions`);
    // The cached prefix holds from one request to the next, except at a compaction.
    const prefixes = double
      .messageRequests()
      .map((r) => JSON.stringify([field(r.body, 'tools'), field(r.body, 'system'), field(r.body, 'messages')]).slice(0, -2));
    const broken = prefixes.filter((p, i) => i > 0 && !p.startsWith(prefixes[i - 1] ?? '')).length;
    assert.equal(broken, compactions.length, 'the request prefix changed between turns other than at a compaction');
    const gauges = events.filter((e): e is Extract<AgentEvent, { type: 'context' }> => e.type === 'context');
    assert.equal(gauges.length, turns, 'one context reading per turn');
    assert.ok(
      gauges.every((g) => g.window === window && g.tokens <= window),
      'a context reading is past the window',
    );

    // Every proposal exact: LIMIT raised in all 148 targets, RETRIES in the first 49, nothing else.
    const latest = sink.latest();
    assert.equal(latest.size, reads, 'the changeset has a file too many or too few');
    for (let i = 0; i < reads; i++) {
      const file = latest.get(repo.targets[i] ?? '');
      assert.equal(file?.proposedText, longExpectedText(i), `target ${i} is not exactly as proposed`);
    }

    // After each compaction the model still knows what it did: every proposal so far and the steps.
    assert.equal(seen.length > 0, true, 'the model never saw a summary');
    for (const { turn, summary } of seen) {
      for (let i = 0; i <= turn - 2; i++) {
        assert.ok(summary.includes(`${repo.targets[i]}: +`), `the summary at turn ${turn} forgot the proposal to target ${i}`);
      }
      if (turn > 61) assert.match(summary, /- s1 Rename greet: done/, `the summary at turn ${turn} lost step s1's status`);
    }

    // Continue Run: the stored (compacted) transcript is resent as it is, and the run goes on.
    const stored = JSON.parse(JSON.stringify(run)) as RunTranscript;
    assert.ok(stored.messages.length < 60, `the stored transcript was not compacted (${stored.messages.length} messages)`);
    continued = 1;
    const before = double.messageRequests().length;
    const again = await runAgent(deps, { ...options, prior: stored, prompt: 'Also set RETRIES to 5 in target 147.' });
    assert.equal(again.state, 'done', again.error);
    const first = double.messageRequests()[before];
    assert.deepEqual(
      messagesOf(first?.body ?? null).slice(0, stored.messages.length),
      JSON.parse(JSON.stringify(stored.messages)) as Json[],
      'the continued run did not resend the stored transcript',
    );
    assert.equal(
      sink.latest().get(repo.targets[reads - 1] ?? '')?.proposedText,
      longExpectedText(reads - 1).replace(`RETRIES_${reads - 1} = 3;`, `RETRIES_${reads - 1} = 5;`),
    );
  });
});
