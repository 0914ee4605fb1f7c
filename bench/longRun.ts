/**
 * `npx tsx bench/longRun.ts`: the 150-turn build of issue 16 against the double with a 60K window,
 * in a generated repository of 20,000 files, with the real SDK. Prints (and `npm run bench`
 * records) the controller's own time per turn (wall time minus the time inside model calls, the
 * double's included; and without the disk reads of the file port too) and the share of input tokens read from the cache, over the whole run and
 * over the worst stretch from one compaction to the next.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AgentEvent } from '../src/core/agent/events';
import { FeedbackQueue } from '../src/core/agent/feedback';
import { ProposalOverlay } from '../src/core/agent/overlay';
import type { ModelPort } from '../src/core/agent/ports';
import { runAgent } from '../src/core/agent/run';
import type { UsageTotals } from '../src/core/agent/usage';
import { createAnthropicModel } from '../src/model/anthropicModel';
import { timedSearch } from '../src/node/search/timedSearch';
import { MessagesDouble } from '../test/double/server';
import { DiskFiles, generateRepo } from '../test/fixtures/generatedRepo';
import { longBuildScript, longReads, longTurns, longWindow } from '../test/fixtures/longBuild';
import { FakeChecks, FakeGuard, RecordingSink, plan } from '../test/unit/core/agent/fakes';

export interface LongRun {
  readonly state: string;
  readonly turns: number;
  readonly compactions: number;
  /** Tokens the tools read over the run, in context windows. */
  readonly windowsRead: number;
  readonly cacheReadShare: number;
  /** The lowest share over a stretch that begins with a compaction's first request. */
  readonly worstStretchCacheReadShare: number;
  readonly overheadMsPerTurn: number;
  /** The same without the time spent reading files from disk. */
  readonly overheadWithoutFilesMsPerTurn: number;
  readonly wallMs: number;
  readonly modelMs: number;
  readonly filesMs: number;
}

const share = (u: Pick<UsageTotals, 'input' | 'cacheRead' | 'cacheWrite'>): number => u.cacheRead / (u.input + u.cacheRead + u.cacheWrite);

export async function measureLongRun(): Promise<LongRun> {
  const root = await mkdtemp(path.join(tmpdir(), 'redline-bench-long-'));
  try {
    const repo = await generateRepo(root, { files: 20_000, targets: longReads });
    const script = longBuildScript(repo, []);
    const scripted = await MessagesDouble.start({ contextWindow: longWindow, script });
    const sdk = createAnthropicModel({ credentials: () => ({ apiKey: 'sk-bench', baseURL: scripted.url }), maxRetries: 0 });
    let modelMs = 0;
    const model: ModelPort = {
      async send(request, options) {
        const started = performance.now();
        const result = await sdk.send(request, options);
        modelMs += performance.now() - started;
        return result;
      },
    };
    // The workspace's file port is timed apart: its reads are disk latency, not the controller's work.
    let filesMs = 0;
    const disk = new DiskFiles(root);
    const readText = disk.readText.bind(disk);
    disk.readText = async (rel) => {
      const at = performance.now();
      const text = await readText(rel);
      filesMs += performance.now() - at;
      return text;
    };
    const events: AgentEvent[] = [];
    const started = performance.now();
    const run = await runAgent(
      {
        model,
        files: disk,
        search: timedSearch(),
        guard: new FakeGuard(),
        sink: new RecordingSink(),
        checks: new FakeChecks(),
        clock: { now: () => performance.now() },
      },
      {
        id: 'bench-long',
        mode: 'build',
        plan: plan({ checks: [] }),
        model: 'claude-test',
        maxTurns: longTurns + 5,
        prices: {},
        followUps: [],
        overlay: new ProposalOverlay(disk),
        feedback: new FeedbackQueue(),
        signal: new AbortController().signal,
        onEvent: (e) => events.push(e),
        context: { window: longWindow },
      },
    );
    const wallMs = performance.now() - started;
    await scripted.close();
    // Stretches from one compaction to the next: a compaction comes right before its turn's request.
    const stretches: UsageTotals[] = [];
    for (const e of events) {
      if (e.type === 'compacted') stretches.push({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0 });
      if (e.type !== 'usage') continue;
      const last = stretches[stretches.length - 1];
      if (last !== undefined)
        Object.assign(last, {
          input: last.input + e.turn.input,
          cacheRead: last.cacheRead + e.turn.cacheRead,
          cacheWrite: last.cacheWrite + e.turn.cacheWrite,
        });
    }
    // The last stretch may be cut short by the end of the run: only whole ones count.
    const whole = stretches.slice(0, -1);
    const readChars = run.turns.flatMap((t) => t.toolCalls).reduce((n, c) => n + (c.name === 'read_file' ? c.result.length : 0), 0);
    return {
      state: run.state,
      turns: run.turns.length,
      compactions: stretches.length,
      windowsRead: readChars / 4 / longWindow,
      cacheReadShare: share(run.usage),
      worstStretchCacheReadShare: whole.length === 0 ? Number.NaN : Math.min(...whole.map(share)),
      overheadMsPerTurn: (wallMs - modelMs) / run.turns.length,
      overheadWithoutFilesMsPerTurn: (wallMs - modelMs - filesMs) / run.turns.length,
      wallMs,
      modelMs,
      filesMs,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const m = await measureLongRun();
  process.stdout.write(JSON.stringify(m) + '\n');
}

if (process.argv[1]?.endsWith('longRun.ts')) void main();
