import { diffTexts } from '../diff/lineDiff';
import { isJsonObject, type JsonValue, type Message, type UserBlock } from './conversation';
import type { ProposedFile } from './ports';

/** One file of the changeset as the summary lists it. */
export interface ProposalSummary {
  path: string;
  status: 'created' | 'modified' | 'deleted';
  added: number;
  removed: number;
  steps: string[];
}

/** What the summary states as it is now, whatever the compacted turns said. */
export interface SummaryFacts {
  steps: { id: string; title: string; status?: string; note?: string }[];
  proposals: ProposalSummary[];
}

const marker = '[Context summary]';
const actionsHeading = 'What you did, oldest first:';
const userHeading = 'Messages from the user (the first and the latest ones), oldest first:';
/** The summary's lists are bounded, so a run of any length compacts to about the same size. */
const maxActions = 150;
const maxUserNotes = 20;
const maxNote = 1_000;
const maxSaid = 240;
const maxRefusal = 200;

/**
 * The conversation with its older turns replaced by one user message, or undefined when there is
 * nothing older than the last turn to replace. Kept verbatim: the newest turns that fit in
 * `keepChars`, and always the last assistant message with its tool results (its thinking blocks
 * must go back unchanged while its tool-use loop goes on). The tail starts with an assistant
 * message, so the roles still alternate after the summary.
 */
export function compactedMessages(messages: readonly Message[], facts: SummaryFacts, keepChars: number): { messages: Message[]; turns: number } | undefined {
  const cut = cutIndex(messages, keepChars);
  if (cut === undefined) return undefined;
  const older = messages.slice(0, cut);
  const previous = readSummary(older[0]);
  const fresh = collect(previous === undefined ? older : older.slice(1));
  const turns = (previous?.turns ?? 0) + fresh.turns;
  const notes = [...(previous?.userNotes ?? []), ...fresh.userNotes];
  const actions = [...(previous?.actions ?? []), ...fresh.actions];
  const omitted = (previous?.omitted ?? 0) + Math.max(0, actions.length - maxActions);
  const text = [
    `${marker} The first ${turns} turns of this run were replaced by this summary to stay inside the context window; the turns after it are verbatim.`,
    'The plan is in the system prompt. Your proposals are kept: read_file shows a file with them applied, so read a file again before you edit it further.',
    '',
    'Steps (status as you reported it):',
    ...facts.steps.map((s) => `- ${s.id} ${s.title}: ${s.status ?? 'not reported yet'}${s.note === undefined ? '' : ` (${oneLine(s.note, maxRefusal)})`}`),
    '',
    'Proposals so far (path: lines added/removed, steps):',
    ...(facts.proposals.length === 0 ? ['(none)'] : facts.proposals.map(describeProposal)),
    '',
    userHeading,
    ...keepNotes(notes).map((n) => `> ${n}`),
    '',
    actionsHeading,
    ...(omitted > 0 ? [`(${omitted} earlier actions not listed)`] : []),
    ...actions.slice(-maxActions).map((a) => `- ${a}`),
  ].join('\n');
  return { messages: [{ role: 'user', content: [{ type: 'text', text }] }, ...messages.slice(cut)], turns };
}

function cutIndex(messages: readonly Message[], keepChars: number): number | undefined {
  const assistants = messages.flatMap((m, i) => (m.role === 'assistant' ? [i] : []));
  const first = assistants[0];
  const last = assistants[assistants.length - 1];
  // Something older than the last turn must be there to replace.
  if (first === undefined || last === undefined || last === first) return undefined;
  let cut = last;
  let tail = 0;
  for (let i = messages.length - 1; i > first; i--) {
    tail += JSON.stringify(messages[i]).length;
    if (tail > keepChars) break;
    if (messages[i]?.role === 'assistant') cut = i;
  }
  return cut;
}

interface Collected {
  turns: number;
  userNotes: string[];
  actions: string[];
}

function collect(messages: readonly Message[]): Collected {
  const out: Collected = { turns: 0, userNotes: [], actions: [] };
  const outcomes = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'user') continue;
    for (const block of message.content) if (block.type === 'tool_result') outcomes.set(block.tool_use_id, outcomeOf(block));
  }
  for (const message of messages) {
    if (message.role === 'user') {
      for (const block of message.content) if (block.type === 'text' && block.text.trim() !== '') out.userNotes.push(oneLine(block.text, maxNote));
      continue;
    }
    out.turns++;
    for (const block of message.content) {
      if (block.type === 'text' && block.text.trim() !== '') out.actions.push(`said: "${oneLine(block.text, maxSaid)}"`);
      else if (block.type === 'tool_use') out.actions.push(`${block.name}${describeInput(block.input)} → ${outcomes.get(block.id) ?? 'no result'}`);
    }
  }
  return out;
}

function outcomeOf(block: Extract<UserBlock, { type: 'tool_result' }>): string {
  if (block.is_error === true) return `refused: ${oneLine(block.content, maxRefusal)}`;
  return `ok (${block.content.length.toLocaleString('en-US')} characters)`;
}

/** The arguments that say what a call was about; text to write or find is left out. */
function describeInput(input: JsonValue): string {
  if (!isJsonObject(input)) return '';
  const parts: string[] = [];
  for (const key of ['path', 'from', 'to', 'glob', 'pattern', 'check', 'step', 'status']) {
    const value = input[key];
    if (typeof value === 'string' || typeof value === 'number') parts.push(key === 'path' ? String(value) : `${key} ${oneLine(String(value), 80)}`);
  }
  const start = input['start_line'];
  const end = input['end_line'];
  if (typeof start === 'number' || typeof end === 'number')
    parts.push(`lines ${typeof start === 'number' ? start : 1}-${typeof end === 'number' ? end : 'end'}`);
  return parts.length === 0 ? '' : ` ${parts.join(', ')}`;
}

/** A proposed file's line counts and steps; undefined for a file created and deleted again (nothing to review). */
export function summarizeProposal(file: ProposedFile): ProposalSummary | undefined {
  if (file.baseText === null && file.proposedText === null) return undefined;
  const steps = [...new Set(file.stepRanges.map((r) => r.step))];
  const { added, removed } = lineCounts(file.baseText ?? '', file.proposedText ?? '');
  const status = file.proposedText === null ? 'deleted' : file.baseText === null ? 'created' : 'modified';
  return { path: file.path, status, added, removed, steps };
}

function describeProposal(p: ProposalSummary): string {
  const said = p.steps.length === 0 ? '' : ` (${p.steps.join(', ')})`;
  if (p.status === 'deleted') return `- ${p.path}: deleted${said}`;
  return `- ${p.path}: ${p.status === 'created' ? 'created, ' : ''}+${p.added} -${p.removed}${said}`;
}

function lineCounts(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const run of diffTexts(before, after).runs) {
    if (run.kind === 'added') added += run.count;
    else if (run.kind === 'removed') removed += run.count;
  }
  return { added, removed };
}

/** The first message (the task) and the latest ones. */
function keepNotes(notes: readonly string[]): string[] {
  return notes.length <= maxUserNotes ? [...notes] : [notes[0] ?? '', ...notes.slice(-(maxUserNotes - 1))];
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}

/** A summary written by an earlier compaction: its counts and lists carry over into the next one. */
function readSummary(message: Message | undefined): { turns: number; userNotes: string[]; actions: string[]; omitted: number } | undefined {
  const block = message?.role === 'user' ? message.content[0] : undefined;
  if (block?.type !== 'text' || !block.text.startsWith(marker)) return undefined;
  const text = block.text;
  const userPart = text.slice(text.indexOf(userHeading), text.indexOf(actionsHeading));
  const actionPart = text.slice(text.indexOf(actionsHeading));
  return {
    turns: Number(/The first (\d+) turns/.exec(text)?.[1] ?? 0),
    userNotes: userPart
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .map((l) => l.slice(2)),
    actions: actionPart
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2)),
    omitted: Number(/\((\d+) earlier actions not listed\)/.exec(actionPart)?.[1] ?? 0),
  };
}
