import { FeedbackQueue } from '../../../../src/core/agent/feedback';
import { ProposalOverlay } from '../../../../src/core/agent/overlay';
import type { ModelPort } from '../../../../src/core/agent/ports';
import { type AgentDeps, type RunOptions } from '../../../../src/core/agent/run';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { createAnthropicModel } from '../../../../src/model/anthropicModel';
import { timedSearch } from '../../../../src/node/search/timedSearch';
import type { Script } from '../../../double/script';
import { MessagesDouble } from '../../../double/server';
import type { ThinkingOptions } from '../../../double/thinking';
import { FakeChecks, FakeGuard, MemoryFiles, RecordingSink, plan, systemClock } from './fakes';

/** A key that must appear in no error, event or request body (it is sent only as a header). */
export const apiKey = 'sk-ant-test-0123456789-never-log-me';

export const prices = {
  'claude-test': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
};

export interface Harness {
  double: MessagesDouble;
  model: ModelPort;
  files: MemoryFiles;
  guard: FakeGuard;
  sink: RecordingSink;
  checks: FakeChecks;
  overlay: ProposalOverlay;
  feedback: FeedbackQueue;
  events: AgentEvent[];
  deps: AgentDeps;
  /** Run options with the harness's ports and a fresh AbortController unless one is given. */
  options(overrides?: Partial<RunOptions>): RunOptions;
  close(): Promise<void>;
}

export async function startHarness(
  script: Script,
  files: Record<string, string> = {},
  modelOptions: { maxRetries?: number; thinking?: ThinkingOptions } = {},
): Promise<Harness> {
  const double = await MessagesDouble.start({ script, ...(modelOptions.thinking === undefined ? {} : { thinking: modelOptions.thinking }) });
  const model = createAnthropicModel({
    credentials: () => ({ apiKey, baseURL: double.url }),
    maxRetries: modelOptions.maxRetries ?? 2,
    retryDelayMs: () => 5,
  });
  const memory = new MemoryFiles(new Map(Object.entries(files)));
  const guard = new FakeGuard();
  const sink = new RecordingSink();
  const checks = new FakeChecks();
  const overlay = new ProposalOverlay(memory);
  const feedback = new FeedbackQueue();
  const events: AgentEvent[] = [];
  const deps: AgentDeps = { model, files: memory, search: timedSearch(), guard, sink, checks, clock: systemClock };
  return {
    double,
    model,
    files: memory,
    guard,
    sink,
    checks,
    overlay,
    feedback,
    events,
    deps,
    options: (overrides = {}) => ({
      id: 'run-1',
      mode: 'build',
      plan: plan(),
      model: 'claude-test',
      maxTurns: 10,
      prices,
      followUps: [],
      overlay,
      feedback,
      signal: new AbortController().signal,
      onEvent: (event) => events.push(event),
      ...overrides,
    }),
    close: () => double.close(),
  };
}
