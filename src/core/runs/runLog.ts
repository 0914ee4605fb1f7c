/**
 * A run's log for the Plan panel, built from the agent's events (issue 5, During a build). Streamed
 * text grows its last entry instead of adding one per delta; `flush()` says which entries changed
 * since the last flush, so the view is sent only the tail. File paths get ids: the webview asks to
 * open a path by id, and the host looks the path up here (issue 10: never a path from a webview).
 * A tool call is one line (toolLines.ts) that opens to its input and result. What an entry shows
 * is cut short; the whole text stays here, asked for by the clip's id, and `takeSettled()` gives
 * every finished entry whole, for the Output channel.
 *
 * Pure: no `vscode` import.
 */
import type { JsonValue } from '../agent/conversation';
import type { AgentEvent } from '../agent/events';
import type { CheckOutcome } from '../agent/ports';
import type { LogClip, LogEntry } from '../../shared/planProtocol';
import { layoutInput, toolLine } from './toolLines';

/** A result or a check's output shows this much; the rest opens on demand. */
const MAX_RESULT_LINES = 12;
const MAX_RESULT_CHARS = 1_500;
/** An opened tool call shows this much of its input and result. */
const MAX_DETAIL_LINES = 40;
const MAX_DETAIL_CHARS = 4_000;
/** A whole text up to this size travels with its entry: opening it needs no round trip. */
const INLINE_WHOLE = 4_000;
/** The log of a very long run keeps its tail; the oldest entries give way. */
export const MAX_LOG_ENTRIES = 20_000;

export interface LogFlush {
  readonly from: number;
  readonly entries: readonly LogEntry[];
}

interface PendingCall {
  index: number;
  readonly name: string;
  readonly input: JsonValue | undefined;
  readonly path: { id: string; label: string } | undefined;
  check?: { name: string; outcome: CheckOutcome };
}

export class RunLog {
  private entries: LogEntry[] = [];
  private dirtyFrom: number | undefined;
  /** The entry streamed text of the current turn goes into, until a tool call or a new turn. */
  private textEntry: number | undefined;
  private readonly paths = new Map<string, string>();
  private readonly idsByPath = new Map<string, string>();
  /** Tool calls whose result is not in yet, by call id. */
  private readonly pending = new Map<string, PendingCall>();
  /** The whole text behind each clip; a function, so the event's own strings are all it holds. */
  private readonly wholes = new Map<string, () => string>();
  private clips = 0;
  /** Entries before this one were given out by `takeSettled`. */
  private settled = 0;

  apply(event: AgentEvent): void {
    switch (event.type) {
      case 'turn_start':
        this.textEntry = undefined;
        return;
      case 'user':
        this.textEntry = undefined;
        this.push(this.clipped('info', `Continued: ${event.text}`, MAX_RESULT_LINES));
        return;
      case 'steer':
        this.textEntry = undefined;
        this.push(this.clipped('user', `You: ${event.text}`, MAX_RESULT_LINES));
        return;
      case 'text':
      case 'thinking': {
        // Thinking and text alternate within a turn: each stretch is its own entry.
        const last = this.textEntry === undefined ? undefined : this.entries[this.textEntry];
        if (this.textEntry !== undefined && this.textEntry === this.entries.length - 1 && last?.kind === event.type) {
          this.replace(this.textEntry, { kind: event.type, text: last.text + event.text });
        } else {
          this.textEntry = this.push({ kind: event.type, text: event.text });
        }
        return;
      }
      case 'retry':
        if (this.textEntry !== undefined) {
          this.replace(this.textEntry, { kind: 'info', text: `Retrying the model call (attempt ${event.attempt}): ${event.reason}` });
          this.textEntry = undefined;
        } else {
          this.push({ kind: 'info', text: `Retrying the model call (attempt ${event.attempt}): ${event.reason}` });
        }
        return;
      case 'tool_call': {
        this.textEntry = undefined;
        const path = pathOf(event.input);
        const call: PendingCall = { index: -1, name: event.name, input: event.input, path: path === undefined ? undefined : this.pathRef(path) };
        call.index = this.push(this.toolEntry(call));
        this.pending.set(event.id, call);
        return;
      }
      case 'tool_result': {
        const call = this.pending.get(event.id);
        this.pending.delete(event.id);
        const result = { isError: event.isError, content: event.content };
        if (call) this.replace(call.index, this.toolEntry(call, result));
        else this.push(this.toolEntry({ index: -1, name: event.name, input: undefined, path: undefined }, result));
        // A failure stays in view; a success is in the call's line and opens with it.
        if (event.isError) this.push(this.clipped('error', `${event.name} failed: ${event.content}`, MAX_RESULT_LINES));
        return;
      }
      case 'proposals':
        for (const path of event.paths) this.push({ kind: 'info', text: 'Proposed a change to', path: this.pathRef(path) });
        return;
      case 'step_status':
        // The set_step_status call's line says it, note and all.
        return;
      case 'check': {
        const { exitCode, timedOut, output, durationMs } = event.outcome;
        const passed = exitCode === 0 && !timedOut;
        const how = `${timedOut ? 'timed out' : `exit ${exitCode ?? 'signal'}`}${durationMs === undefined ? '' : `, ${(durationMs / 1000).toFixed(1)} s`}`;
        for (const call of this.pending.values()) if (call.name === 'run_check') call.check = { name: event.name, outcome: event.outcome };
        const head = `Check \`${event.name}\` ${passed ? 'passed' : 'failed'} (${how})`;
        this.push(this.clipped(passed ? 'check' : 'error', output.trim() ? `${head}\n${output.replace(/\s+$/, '')}` : head, MAX_RESULT_LINES + 1));
        return;
      }
      case 'state':
        if (event.state === 'running') return;
        this.textEntry = undefined;
        // A call stopped before its result will not get one.
        this.pending.clear();
        this.push({
          kind: event.state === 'failed' ? 'error' : 'info',
          text:
            event.state === 'done'
              ? `Run finished${event.endReason && event.endReason !== 'completed' ? ` (${event.endReason.replace('_', ' ')})` : ''}`
              : event.state === 'cancelled'
                ? 'Run stopped'
                : `Run failed: ${event.error ?? event.endReason ?? 'unknown error'}`,
        });
        return;
      case 'check_not_run':
        this.push(this.clipped('error', `Check \`${event.name}\` ${event.reason}`, MAX_RESULT_LINES));
        return;
      case 'compacted':
        this.push({
          kind: 'info',
          text: `Context compacted: ${event.turns} earlier turns summarized (about ${percent(event.before, event.window)} → ${percent(event.after, event.window)} of the context window)`,
        });
        return;
      case 'usage':
      case 'context':
        return;
      default: {
        const never: never = event;
        void never;
      }
    }
  }

  /** Entries changed since the last flush, or undefined when nothing changed. */
  flush(): LogFlush | undefined {
    if (this.dirtyFrom === undefined) return undefined;
    const from = this.dirtyFrom;
    this.dirtyFrom = undefined;
    return { from, entries: this.entries.slice(from) };
  }

  all(): readonly LogEntry[] {
    return this.entries;
  }

  /** The workspace-relative path behind a path id shown in this log. */
  pathOf(id: string): string | undefined {
    return this.paths.get(id);
  }

  /** The whole text a clip left out (`LogClip.id`), or undefined when its entry gave way. */
  whole(clipId: string): string | undefined {
    return this.wholes.get(clipId)?.();
  }

  /**
   * The entries that will not change any more and were not taken before, each as its whole text
   * (a tool call's line with its whole input and result): text still streaming and a call waiting
   * for its result wait for a later call.
   */
  takeSettled(): string[] {
    let end = this.textEntry ?? this.entries.length;
    for (const call of this.pending.values()) end = Math.min(end, call.index);
    const out: string[] = [];
    for (let i = this.settled; i < end; i++) {
      const entry = this.entries[i];
      if (entry) out.push(this.wholeEntry(entry));
    }
    this.settled = Math.max(this.settled, end);
    return out;
  }

  private wholeEntry(entry: LogEntry): string {
    const whole = entry.clipped === undefined ? undefined : this.whole(entry.clipped.id);
    const text = entry.detail === undefined ? (whole ?? entry.text) : entry.text;
    const detail = entry.detail === undefined ? undefined : (whole ?? entry.detail);
    const pathText = entry.path !== undefined && entry.kind !== 'tool' ? ` ${entry.path.label}` : '';
    return `${entry.kind === 'thinking' ? 'Thinking: ' : ''}${text}${pathText}${detail === undefined ? '' : `\n${detail}`}`;
  }

  private toolEntry(call: PendingCall, result?: { isError: boolean; content: string }): LogEntry {
    const text = toolLine(call.name, call.input, result, call.check);
    const layout = (): string => {
      const parts = layoutInput(call.input);
      if (result !== undefined) parts.push(result.isError ? 'error:' : 'result:', result.content.replace(/\r\n/g, '\n').replace(/\s+$/, ''));
      return parts.join('\n');
    };
    const clip = this.clip(layout, MAX_DETAIL_LINES, MAX_DETAIL_CHARS);
    return {
      kind: 'tool',
      text,
      ...(call.path === undefined ? {} : { path: call.path }),
      ...(clip.shown === '' ? {} : { detail: clip.shown }),
      ...(clip.clipped === undefined ? {} : { clipped: clip.clipped }),
    };
  }

  private clipped(kind: LogEntry['kind'], text: string, maxLines: number): LogEntry {
    const clip = this.clip(() => text, maxLines, MAX_RESULT_CHARS);
    return { kind, text: clip.shown, ...(clip.clipped === undefined ? {} : { clipped: clip.clipped }) };
  }

  /** The first lines of `whole()`; when some are left out, a clip that names the whole. */
  private clip(whole: () => string, maxLines: number, maxChars: number): { shown: string; clipped?: LogClip } {
    const text = whole();
    const lines = text.split('\n');
    let shown = lines.slice(0, maxLines).join('\n');
    let hidden = lines.length - Math.min(lines.length, maxLines);
    let more = `${hidden} more ${hidden === 1 ? 'line' : 'lines'}`;
    if (shown.length > maxChars) {
      shown = `${shown.slice(0, maxChars)}…`;
      hidden = lines.length - shown.split('\n').length;
      more = hidden > 0 ? `${hidden} more ${hidden === 1 ? 'line' : 'lines'}` : `${text.length - maxChars} more characters`;
    } else if (hidden === 0) return { shown };
    const id = `c${++this.clips}`;
    this.wholes.set(id, whole);
    return { shown, clipped: { id, more, ...(text.length <= INLINE_WHOLE ? { full: text } : {}) } };
  }

  private push(entry: LogEntry): number {
    if (this.entries.length >= MAX_LOG_ENTRIES) {
      // Dropping from the front renumbers everything: the view gets the whole log again.
      const drop = Math.floor(MAX_LOG_ENTRIES / 10);
      for (const gone of this.entries.splice(0, drop)) if (gone.clipped) this.wholes.delete(gone.clipped.id);
      if (this.textEntry !== undefined) this.textEntry = this.textEntry >= drop ? this.textEntry - drop : undefined;
      for (const [id, call] of this.pending) {
        if (call.index >= drop) call.index -= drop;
        else this.pending.delete(id);
      }
      this.settled = Math.max(0, this.settled - drop);
      this.dirtyFrom = 0;
    }
    this.entries.push(entry);
    this.mark(this.entries.length - 1);
    return this.entries.length - 1;
  }

  private replace(index: number, entry: LogEntry): void {
    const before = this.entries[index]?.clipped;
    if (before !== undefined && before.id !== entry.clipped?.id) this.wholes.delete(before.id);
    this.entries[index] = entry;
    this.mark(index);
  }

  private mark(index: number): void {
    this.dirtyFrom = this.dirtyFrom === undefined ? index : Math.min(this.dirtyFrom, index);
  }

  private pathRef(path: string): { id: string; label: string } {
    let id = this.idsByPath.get(path);
    if (id === undefined) {
      id = `p${this.paths.size + 1}`;
      this.paths.set(id, path);
      this.idsByPath.set(path, id);
    }
    return { id, label: path };
  }
}

/** The file a tool call is about: its `path` (or `file`, or a move's `from`) argument. */
function pathOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const record = input as Record<string, unknown>;
  const value = record.path ?? record.file ?? record.from;
  return typeof value === 'string' && value.length > 0 && value.length < 1_000 ? value : undefined;
}

function percent(tokens: number, window: number): string {
  return `${Math.round((tokens / window) * 100)}%`;
}
