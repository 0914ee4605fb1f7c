/**
 * `npx tsx test/double/measure20.ts`: a 20-turn scripted build run against the double, with the
 * real SDK. Prints the share of input tokens inside the cached prefix, and the controller's own
 * time per turn (wall time minus the time spent inside model calls). `npm run bench` imports
 * `measure20` for its agent row.
 */
import { FeedbackQueue } from '../../src/core/agent/feedback';
import { ProposalOverlay } from '../../src/core/agent/overlay';
import type { ModelPort } from '../../src/core/agent/ports';
import { runAgent } from '../../src/core/agent/run';
import { createAnthropicModel } from '../../src/model/anthropicModel';
import { timedSearch } from '../../src/node/search/timedSearch';
import { FakeChecks, FakeGuard, MemoryFiles, RecordingSink, plan } from '../unit/core/agent/fakes';
import { textReply, toolReply } from './script';
import { MessagesDouble } from './server';

const turns = 20;
const fileCount = 10;

function source(i: number): string {
  const body = Array.from({ length: 60 }, (_, k) => `export const value${i}_${k} = compute(${k}, 'module ${i}');`).join('\n');
  return `// module ${i}\nimport { compute } from './compute';\n${body}\n`;
}

export interface Measure20 {
  readonly state: string;
  readonly turns: number;
  readonly endReason: string;
  readonly inputTokens: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly uncached: number;
  /** Input tokens inside the cached prefix (read from or written to the cache), 0 to 1. */
  readonly cachedPrefixShare: number;
  readonly cacheReadShare: number;
  readonly overheadMsPerTurn: number;
  readonly wallMs: number;
  readonly modelMs: number;
}

export async function measure20(): Promise<Measure20> {
  const files = new Map(Array.from({ length: fileCount }, (_, i) => [`src/m${i}.ts`, source(i)] as const));
  const script = Array.from({ length: turns }, (_, t) => {
    if (t === turns - 1) return textReply('All steps done: every module now calls computeV2.');
    const i = t % fileCount;
    const k = Math.floor(t / fileCount);
    return toolReply(
      [
        { name: 'read_file', input: { path: `src/m${(i + 1) % fileCount}.ts`, start_line: 1, end_line: 20 } },
        {
          name: 'propose_edit',
          input: { path: `src/m${i}.ts`, old_string: `value${i}_${k} = compute(`, new_string: `value${i}_${k} = computeV2(`, step: 's1' },
        },
      ],
      `Turn ${t + 1}: updating module ${i}.`,
    );
  });
  const double = await MessagesDouble.start({ script });
  const sdkModel = createAnthropicModel({ credentials: () => ({ apiKey: 'sk-measure', baseURL: double.url }) });
  let modelMs = 0;
  const model: ModelPort = {
    async send(request, options) {
      const started = performance.now();
      const result = await sdkModel.send(request, options);
      modelMs += performance.now() - started;
      return result;
    },
  };
  const memory = new MemoryFiles(files);
  const started = performance.now();
  const run = await runAgent(
    {
      model,
      files: memory,
      search: timedSearch(),
      guard: new FakeGuard(),
      sink: new RecordingSink(),
      checks: new FakeChecks(),
      clock: { now: () => performance.now() },
    },
    {
      id: 'measure',
      mode: 'build',
      plan: plan({ checks: [] }),
      model: 'claude-test',
      maxTurns: turns,
      prices: {},
      followUps: [],
      overlay: new ProposalOverlay(memory),
      feedback: new FeedbackQueue(),
      signal: new AbortController().signal,
    },
  );
  const wallMs = performance.now() - started;
  await double.close();
  const { input, cacheRead, cacheWrite } = run.usage;
  const allInput = input + cacheRead + cacheWrite;
  return {
    state: run.state,
    turns: run.turns.length,
    endReason: run.endReason ?? '',
    inputTokens: allInput,
    cacheRead,
    cacheWrite,
    uncached: input,
    cachedPrefixShare: (cacheRead + cacheWrite) / allInput,
    cacheReadShare: cacheRead / allInput,
    overheadMsPerTurn: (wallMs - modelMs) / run.turns.length,
    wallMs,
    modelMs,
  };
}

async function main(): Promise<void> {
  const m = await measure20();
  process.stdout.write(
    [
      `run: ${m.state} after ${m.turns} turns (${m.endReason})`,
      `input tokens: ${m.inputTokens} (cache read ${m.cacheRead}, cache write ${m.cacheWrite}, uncached ${m.uncached})`,
      `share of input tokens inside the cached prefix: ${(m.cachedPrefixShare * 100).toFixed(1)}%`,
      `share of input tokens read from cache: ${(m.cacheReadShare * 100).toFixed(1)}%`,
      `controller overhead per turn: ${m.overheadMsPerTurn.toFixed(2)} ms (wall ${m.wallMs.toFixed(0)} ms, in model calls ${m.modelMs.toFixed(0)} ms)`,
    ].join('\n') + '\n',
  );
}

if (process.argv[1]?.endsWith('measure20.ts')) void main();
