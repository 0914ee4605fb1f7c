import type { Message, TextBlock, ToolSpec } from './conversation';
import type { PlanInput } from './planInput';
import type { FilesPort, PathGuard } from './ports';
import type { AgentMode } from './toolRegistry';

const modeInstructions: Record<AgentMode, string> = {
  plan: [
    "You are Redline's planning agent, working in PLAN mode. You can only read the workspace.",
    'Draft or refine the plan: Goal, Context (files), Steps (a checklist with ids), Checks (commands),',
    'Constraints (paths not to touch). Read the code you cite. Answer with the complete plan in Markdown.',
  ].join('\n'),
  build: [
    "You are Redline's build agent, working in BUILD mode. Implement the plan below, step by step.",
    'Your edit tools make proposals that a person reviews hunk by hunk; nothing you propose is written',
    'until they accept it. Every edit names the plan step it serves. Read a file before you edit it;',
    "propose_edit needs old_string to match exactly once. Mark each step's status as you go. Run the",
    "plan's checks with run_check when you need evidence. Do not weaken tests, skip them, or narrow",
    'checks to make them pass. End with a short summary of what you did for each step.',
  ].join('\n'),
};

/** The project's own instructions, if an AGENTS.md (or else CLAUDE.md) at the root may be read. */
export async function loadProjectInstructions(files: FilesPort, guard: PathGuard): Promise<string | undefined> {
  for (const name of ['AGENTS.md', 'CLAUDE.md']) {
    const path = await guard.resolve(name, 'read');
    if (!path.ok) continue;
    const text = await files.readText(path.value);
    if (text.ok && text.value !== null) return `Project instructions (${name}):\n${text.value}`;
  }
  return undefined;
}

/**
 * The system prompt as separate blocks, most stable first. It is built once per run and never
 * changed, so it stays byte-identical across turns (the cached prefix depends on it).
 */
export function systemPrompt(mode: AgentMode, instructions: string | undefined, plan: PlanInput): TextBlock[] {
  const blocks: TextBlock[] = [{ type: 'text', text: modeInstructions[mode] }];
  if (instructions !== undefined) blocks.push({ type: 'text', text: instructions });
  blocks.push({ type: 'text', text: `The plan (${plan.path}):\n${plan.text}` });
  return blocks;
}

const mark = { type: 'ephemeral' } as const;

/** A request's prompt parts with their cache breakpoints placed. */
export interface CachedPrompt {
  tools: ToolSpec[];
  system: TextBlock[];
  messages: Message[];
  /** Ask the API to mark the request's last block itself (top-level `cache_control`). */
  cacheLatest: boolean;
}

/**
 * Breakpoints on the last tool and the last system block (the stable prefix), and the top-level
 * automatic breakpoint for the latest message, so each turn is written to the cache and the next
 * reads it. The messages themselves carry no marks: a moving per-message mark would change bytes
 * of an earlier message between requests, and request N's serialized tools+system+messages must
 * stay a byte prefix of request N+1's. Returns copies; the transcript carries no marks.
 */
export function withCacheBreakpoints(tools: ToolSpec[], system: TextBlock[], messages: Message[]): CachedPrompt {
  const markLast = <T extends { cache_control?: typeof mark }>(items: T[]): T[] =>
    items.map((item, i) => (i === items.length - 1 ? { ...item, cache_control: mark } : item));
  return { tools: markLast(tools), system: markLast(system), messages, cacheLatest: true };
}
