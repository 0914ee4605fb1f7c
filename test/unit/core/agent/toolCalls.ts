import { ProposalOverlay } from '../../../../src/core/agent/overlay';
import type { JsonObject } from '../../../../src/core/agent/conversation';
import type { QuestionsPort } from '../../../../src/core/agent/ports';
import type { ToolContext, ToolOutcome } from '../../../../src/core/agent/toolContext';
import { toolsForMode } from '../../../../src/core/agent/toolRegistry';
import { executeTool } from '../../../../src/core/agent/tools';
import { timedSearch } from '../../../../src/node/search/timedSearch';
import { FakeChecks, FakeGuard, MemoryFiles, plan } from './fakes';

/** A build-mode tool context over files in memory, for calling tools one at a time. */
export interface Tools {
  files: MemoryFiles;
  overlay: ProposalOverlay;
  ctx: ToolContext;
  call(name: string, input: JsonObject): Promise<ToolOutcome>;
}

export function tools(files: Record<string, string>, overrides: Partial<ToolContext> & { questions?: QuestionsPort } = {}): Tools {
  const memory = new MemoryFiles(new Map(Object.entries(files)));
  const overlay = new ProposalOverlay(memory);
  const ctx: ToolContext = {
    guard: new FakeGuard(),
    files: memory,
    search: timedSearch(),
    overlay,
    checks: new FakeChecks(),
    plan: plan(),
    signal: new AbortController().signal,
    onStepStatus: () => undefined,
    onCheck: () => undefined,
    ...overrides,
  };
  return {
    files: memory,
    overlay,
    ctx,
    call: (name, input) => executeTool(toolsForMode('build'), 'build mode', ctx, { type: 'tool_use', id: 't1', name, input, rawInput: JSON.stringify(input) }),
  };
}
