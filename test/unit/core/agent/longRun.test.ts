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
import { messagesOf, textReply, toolReply } from '../../../double/script';
import { MessagesDouble } from '../../../double/server';
import { DiskFiles, generateRepo, type GeneratedRepo, targetText } from '../../../fixtures/generatedRepo';
import { FakeChecks, FakeGuard, RecordingSink, plan, systemClock } from './fakes';
import { apiKey } from './harness';

const window = 60_000;
const turns = 150;
const reads = turns - 2;

/** The step a turn's edits serve: the plan's three steps in thirds. */
const stepAt = (t: number): string => (t < 60 ? 's1' : t < 120 ? 's2' : 's3');
const statusAt: Record<number, [string, string][]> = {
  0: [['s1', 'in_progress']],
  60: [
    ['s1', 'done'],
    ['s2', 'in_progress'],
  ],
  120: [
    ['s2', 'done'],
    ['s3', 'in_progress'],
  ],
  [turns - 2]: [['s3', 'done']],
};

function firstUserText(body: Json): string {
  const first = messagesOf(body)[0];
  const block = Array.isArray(field(first ?? null, 'content')) ? (field(first ?? null, 'content') as Json[])[0] : undefined;
  return typeof field(block ?? null, 'text') === 'string' ? (field(block ?? null, 'text') as string) : '';
}

/**
 * A scripted model that builds across 150 turns: turn t reads target t, raises LIMIT in the target
 * it read the turn before and, from turn 100, RETRIES in target t-100 (a file it proposed to long
 * before, across compactions); it reports the steps as it goes and ends with a summary.
 */
function buildScript(repo: GeneratedRepo, seen: { turn: number; summary: string }[]): (request: { body: Json }) => ReturnType<typeof toolReply> {
  let turn = 0;
  return ({ body }) => {
    const t = turn++;
    const summary = firstUserText(body);
    // A summary is checked on the request it first appears in, right after its compaction.
    if (summary.startsWith('[Context summary]') && seen.at(-1)?.summary !== summary) seen.push({ turn: t, summary });
    if (t === turns - 1) return textReply('Raised LIMIT in every target module and RETRIES in the first 49.');
    const calls: { name: string; input: Json }[] = [];
    if (t < reads) calls.push({ name: 'read_file', input: { path: repo.targets[t] ?? '' } });
    if (t >= 1) {
      calls.push({
        name: 'propose_edit',
        input: { path: repo.targets[t - 1] ?? '', old_string: `LIMIT_${t - 1} = 100;`, new_string: `LIMIT_${t - 1} = 200;`, step: stepAt(t) },
      });
    }
    if (t >= 100) {
      calls.push({
        name: 'propose_edit',
        input: { path: repo.targets[t - 100] ?? '', old_string: `RETRIES_${t - 100} = 3;`, new_string: `RETRIES_${t - 100} = 5;`, step: 's3' },
      });
    }
    for (const [step, status] of statusAt[t] ?? []) calls.push({ name: 'set_step_status', input: { step, status } });
    return toolReply(calls, `Turn ${t + 1}.`);
  };
}

function expectedText(i: number): string {
  const raised = targetText(i).replace(`LIMIT_${i} = 100;`, `LIMIT_${i} = 200;`);
  return i < reads - 99 ? raised.replace(`RETRIES_${i} = 3;`, `RETRIES_${i} = 5;`) : raised;
}

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
    const script = buildScript(repo, seen);
    let continued = 0;
    double = await MessagesDouble.start({
      contextWindow: window,
      script: (request) => (continued > 0 ? continuedStep(continued++, repo) : script(request)),
    });
    const disk = new DiskFiles(root);
    const sink = new RecordingSink();
    const overlay = new ProposalOverlay(disk);
    const events: AgentEvent[] = [];
    const model = createAnthropicModel({ credentials: () => ({ apiKey, baseURL: double?.url ?? '' }), maxRetries: 0, streamRetryDelayMs: () => 5 });
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
      assert.equal(file?.proposedText, expectedText(i), `target ${i} is not exactly as proposed`);
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
      expectedText(reads - 1).replace(`RETRIES_${reads - 1} = 3;`, `RETRIES_${reads - 1} = 5;`),
    );
  });
});

function continuedStep(n: number, repo: GeneratedRepo): ReturnType<typeof toolReply> {
  const last = reads - 1;
  return n === 1
    ? toolReply([
        { name: 'propose_edit', input: { path: repo.targets[last] ?? '', old_string: `RETRIES_${last} = 3;`, new_string: `RETRIES_${last} = 5;`, step: 's3' } },
      ])
    : textReply('RETRIES is 5 in target 147 too.');
}
