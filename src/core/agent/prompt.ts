import type { Message, TextBlock, ToolSpec } from './conversation';
import type { PlanInput } from './planInput';
import type { FilesPort, PathGuard } from './ports';
import type { AgentMode } from './toolRegistry';
import { parseCheckCommand } from '../policy/checkCommand';

const checkRules = [
  'A check is one command, run exactly as written from the root of the workspace folder, without a shell, in an isolated',
  'copy of the workspace with no network. So no shell syntax: no `cd x &&`, `&&`, `;`, `|`, redirections (`>`), `$VAR`,',
  '`$(...)`, unquoted globs or `VAR=value` prefixes; such a check is refused and never runs. To work in a sub-folder,',
  "use the tool's own option: `npm --prefix packages/x test`, `make -C x`, `pytest x/tests`, `cargo test --manifest-path x/Cargo.toml`.",
].join('\n');

const planFormat = [
  'The plan is a Markdown file in this shape:',
  '# <title>',
  '## Goal — what is true when the work is done, in a few sentences.',
  '## Context — the files involved, one per line, each path in backticks.',
  '## Steps — a checklist, one small verifiable change per item: `- [ ] <what to do>`.',
  '## Checks — commands that verify the work, one per line, each in backticks.',
  '## Constraints — paths the build must not touch, in backticks, and rules to keep.',
].join('\n');

const modeInstructions: Record<AgentMode, string> = {
  plan: [
    "You are Redline's planning agent, working in PLAN mode. You can only read the workspace.",
    'Draft or refine the plan. Read the code you cite. Answer with the complete plan in Markdown.',
    '',
    planFormat,
    '',
    checkRules,
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

/** What the run's environment port reports: facts of this run, never the time of day (the cached prefix is per run). */
export interface RunEnvironment {
  os: string;
  /** YYYY-MM-DD. */
  date: string;
  folders: string[];
  git?: { branch: string; status: string };
}

const instructionNames = ['AGENTS.md', 'CLAUDE.md'];
/** Caps per file and for all of them: instructions must not crowd out the work. */
const maxInstructionFile = 20_000;
const maxInstructions = 60_000;
const maxTreeEntries = 60;

/**
 * The project's own instructions: every AGENTS.md and CLAUDE.md from the workspace root down to the
 * folders of `paths` (the files the run works on), root first, each read through the path guard
 * (the deny list holds for them too).
 */
export async function loadProjectInstructions(files: FilesPort, guard: PathGuard, paths: readonly string[] = []): Promise<string | undefined> {
  const folders = new Set<string>(['']);
  for (const path of paths) {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const sections: string[] = [];
  let total = 0;
  for (const folder of [...folders].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1))) {
    for (const name of instructionNames) {
      const resolved = await guard.resolve(folder === '' ? name : `${folder}/${name}`, 'read');
      if (!resolved.ok) continue;
      const text = await files.readText(resolved.value);
      if (!text.ok || text.value === null || total >= maxInstructions) continue;
      const body =
        text.value.length > maxInstructionFile ? `${text.value.slice(0, maxInstructionFile)}\n[… cut: read the whole file with read_file]` : text.value;
      total += body.length;
      sections.push(`Project instructions (${resolved.value}):\n${body}`);
    }
  }
  return sections.length === 0 ? undefined : sections.join('\n\n');
}

function depth(folder: string): number {
  return folder === '' ? 0 : folder.split('/').length;
}

/** The environment block: where the run happens, and the workspace's top level (denied names left out). */
export async function environmentBlock(env: RunEnvironment | undefined, files: FilesPort, guard: PathGuard): Promise<string | undefined> {
  const lines: string[] = [];
  if (env !== undefined) {
    lines.push(`OS: ${env.os}`, `Date: ${env.date}`, `Workspace folders: ${env.folders.join(', ') || '(none)'}`);
    if (env.git !== undefined) lines.push(`Git branch: ${env.git.branch}`, `Git status: ${env.git.status}`);
  }
  const listed = await files.listDir('.');
  if (listed.ok) {
    const names: string[] = [];
    for (const entry of [...listed.value].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if ((await guard.resolve(entry.name, 'list')).ok) names.push(entry.kind === 'dir' ? `${entry.name}/` : entry.name);
    }
    const shown = names.slice(0, maxTreeEntries);
    if (shown.length > 0) lines.push(`Top level: ${shown.join(' ')}${names.length > shown.length ? ` (and ${names.length - shown.length} more)` : ''}`);
  }
  return lines.length === 0 ? undefined : `Environment:\n${lines.join('\n')}`;
}

/**
 * The system prompt as separate blocks, most stable first. It is built once per run and never
 * changed, so it stays byte-identical across turns (the cached prefix depends on it); the
 * environment is per run, so it comes after the mode's instructions.
 */
export function systemPrompt(mode: AgentMode, instructions: string | undefined, plan: PlanInput, environment?: string): TextBlock[] {
  const blocks: TextBlock[] = [{ type: 'text', text: modeInstructions[mode] }];
  if (environment !== undefined) blocks.push({ type: 'text', text: environment });
  if (instructions !== undefined) blocks.push({ type: 'text', text: instructions });
  blocks.push({ type: 'text', text: `The plan (${plan.path}):\n${plan.text}${refusedChecksNote(mode, plan)}` });
  return blocks;
}

/** In a build, the plan's checks that cannot run as written are named up front, with the reason. */
function refusedChecksNote(mode: AgentMode, plan: PlanInput): string {
  if (mode !== 'build') return '';
  const refused = plan.checks.flatMap((c) => {
    const parsed = parseCheckCommand(c.command);
    return parsed.ok ? [] : [`- ${c.command}: ${parsed.message}`];
  });
  return refused.length === 0 ? '' : `\n\nThese checks of the plan cannot run as written (refused, they will not run):\n${refused.join('\n')}`;
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
