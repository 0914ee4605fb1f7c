/**
 * A run's log for the Plan panel, built from the agent's events (issue 5, During a build). Streamed
 * text grows its last entry instead of adding one per delta; `flush()` says which entries changed
 * since the last flush, so the view is sent only the tail. File paths get ids: the webview asks to
 * open a path by id, and the host looks the path up here (issue 10: never a path from a webview).
 *
 * Pure: no `vscode` import.
 */
import type { AgentEvent } from '../agent/events';
import type { LogEntry } from '../../shared/planProtocol';

/** Arguments and results are cut here: the log is for following the run, not a transcript. */
const MAX_ARGS = 600;
const MAX_RESULT_LINES = 12;
const MAX_RESULT_CHARS = 1_500;
/** The log of a very long run keeps its tail; the oldest entries give way. */
export const MAX_LOG_ENTRIES = 20_000;

export interface LogFlush {
  readonly from: number;
  readonly entries: readonly LogEntry[];
}

export class RunLog {
  private entries: LogEntry[] = [];
  private dirtyFrom: number | undefined;
  /** The entry streamed text of the current turn goes into, until a tool call or a new turn. */
  private textEntry: number | undefined;
  private readonly paths = new Map<string, string>();
  private readonly idsByPath = new Map<string, string>();

  apply(event: AgentEvent): void {
    switch (event.type) {
      case 'turn_start':
        this.textEntry = undefined;
        return;
      case 'user':
        this.textEntry = undefined;
        this.push({ kind: 'info', text: `Continued: ${clip(event.text, MAX_RESULT_CHARS)}` });
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
        this.push({
          kind: 'tool',
          text: `${event.name} ${clip(compactJson(event.input), MAX_ARGS)}`,
          ...(path === undefined ? {} : { path: this.pathRef(path) }),
        });
        return;
      }
      case 'tool_result':
        // The row's icon shows the kind; the words say it too, for a screen reader.
        this.push({ kind: event.isError ? 'error' : 'result', text: `${event.name}${event.isError ? ' failed' : ''}: ${clipLines(event.content)}` });
        return;
      case 'proposals':
        for (const path of event.paths) this.push({ kind: 'info', text: 'Proposed a change to', path: this.pathRef(path) });
        return;
      case 'step_status':
        this.push({ kind: 'info', text: `Step ${event.step}: ${event.status.replace('_', ' ')}${event.note ? ` — ${event.note}` : ''}` });
        return;
      case 'check': {
        const { exitCode, timedOut, output } = event.outcome;
        const passed = exitCode === 0 && !timedOut;
        const how = timedOut ? 'timed out' : `exit ${exitCode ?? 'signal'}`;
        this.push({
          kind: passed ? 'check' : 'error',
          text: `check ${event.name} ${passed ? 'passed' : 'failed'} (${how})${output.trim() ? `\n${clipLines(output)}` : ''}`,
        });
        return;
      }
      case 'state':
        if (event.state === 'running') return;
        this.textEntry = undefined;
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
        this.push({ kind: 'error', text: `check ${event.name} ${clipLines(event.reason)}` });
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

  private push(entry: LogEntry): number {
    if (this.entries.length >= MAX_LOG_ENTRIES) {
      // Dropping from the front renumbers everything: the view gets the whole log again.
      const drop = Math.floor(MAX_LOG_ENTRIES / 10);
      this.entries.splice(0, drop);
      if (this.textEntry !== undefined) this.textEntry = this.textEntry >= drop ? this.textEntry - drop : undefined;
      this.dirtyFrom = 0;
    }
    this.entries.push(entry);
    this.mark(this.entries.length - 1);
    return this.entries.length - 1;
  }

  private replace(index: number, entry: LogEntry): void {
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

/** The file a tool call is about: its `path` (or `file`) argument. */
function pathOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const record = input as Record<string, unknown>;
  const value = record.path ?? record.file;
  return typeof value === 'string' && value.length > 0 && value.length < 1_000 ? value : undefined;
}

function compactJson(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text === undefined ? '' : text;
}

function percent(tokens: number, window: number): string {
  return `${Math.round((tokens / window) * 100)}%`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

function clipLines(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').trimEnd().split('\n');
  const kept = lines.slice(0, MAX_RESULT_LINES).join('\n');
  const more = lines.length > MAX_RESULT_LINES ? `\n… ${lines.length - MAX_RESULT_LINES} more lines` : '';
  return clip(kept, MAX_RESULT_CHARS) + more;
}
