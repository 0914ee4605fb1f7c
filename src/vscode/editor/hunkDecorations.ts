import * as vscode from 'vscode';
import { ghostContent, ghostTexts } from '../../core/review/editorHunks';
import { DisposableBase, toDisposable } from '../../core/dispose';
import type { DocHunk, DocumentHunks } from './documentHunks';
import { markdown, type MarkdownPart } from '../untrustedText';

const TYPING_DELAY_MS = 120;
const HOVER_LINES = 40;

const color = (id: string) => new vscode.ThemeColor(`redline.editor.${id}`);
const stripe = (id: string): vscode.DecorationRenderOptions => ({
  isWholeLine: true,
  borderStyle: 'solid',
  borderColor: color(id),
  borderWidth: '0 0 0 3px',
  overviewRulerColor: color(id),
  overviewRulerLane: vscode.OverviewRulerLane.Left,
});
const ghost = { color: color('ghostTextForeground'), fontStyle: 'italic' };

/** Commands a hover may run (the hover's Markdown is trusted for these only). */
const HOVER_COMMANDS = ['redline.acceptHunk', 'redline.rejectHunk', 'redline.askFix', 'redline.reviewHunk'];

/**
 * Pending hunks drawn in every visible editor. The document holds the decided text, so a hunk's
 * removed lines are there (tinted, with a stripe at the gutter edge) and its added lines are not:
 * they show as ghost text at the end of the line they follow, with a dashed rule where they would
 * go, and in full in the hover. Redrawn when the session changes and shortly after typing (VS Code
 * moves the old decorations with the text in between).
 */
export class HunkDecorations extends DisposableBase {
  private readonly removed = this._register(
    vscode.window.createTextEditorDecorationType({ ...stripe('removedGutterForeground'), backgroundColor: color('removedLineBackground') }),
  );
  private readonly stale = this._register(
    vscode.window.createTextEditorDecorationType({ ...stripe('staleGutterForeground'), backgroundColor: color('staleLineBackground') }),
  );
  private readonly insertAfter = this._register(
    vscode.window.createTextEditorDecorationType({ ...stripe('addedGutterForeground'), borderWidth: '0 0 1px 3px', borderStyle: 'none none dashed solid' }),
  );
  private readonly insertBefore = this._register(
    vscode.window.createTextEditorDecorationType({ ...stripe('addedGutterForeground'), borderWidth: '1px 0 0 3px', borderStyle: 'dashed none none solid' }),
  );
  private readonly ghostAfter = this._register(vscode.window.createTextEditorDecorationType({ after: { ...ghost, margin: '0 0 0 2em' } }));
  private readonly ghostBefore = this._register(vscode.window.createTextEditorDecorationType({ before: { ...ghost, margin: '0 2em 0 0' } }));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents that have decorations now, so that clearing them is not forgotten. */
  private readonly drawn = new Set<string>();

  constructor(private readonly hunks: DocumentHunks) {
    super();
    this._register(
      toDisposable(() => {
        for (const t of this.timers.values()) clearTimeout(t);
      }),
    );
    this._register(hunks.onDidChange(() => this.drawAll()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.drawAll()));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.drawSoon(e.document)));
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.drawn.delete(d.uri.toString());
        hunks.forget(d.uri);
      }),
    );
    this.drawAll();
  }

  private drawSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.drawn.has(key) && this.hunks.filesAt(document.uri).length === 0) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.draw(editor);
      }, TYPING_DELAY_MS),
    );
  }

  private drawAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.draw(editor);
  }

  private draw(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    const hunks = this.hunks.hunks(editor.document);
    if (hunks.length === 0 && !this.drawn.has(key)) return;
    const sets = {
      removed: [] as vscode.DecorationOptions[],
      stale: [] as vscode.DecorationOptions[],
      insertAfter: [] as vscode.Range[],
      insertBefore: [] as vscode.Range[],
      ghostAfter: [] as vscode.DecorationOptions[],
      ghostBefore: [] as vscode.DecorationOptions[],
    };
    const lastLine = editor.document.lineCount - 1;
    // Two changesets on one file: each ghost says whose it is, as each lens row does.
    const labels = this.hunks.labels(hunks);
    for (const h of hunks) {
      const label = labels?.get(h.changesetId);
      const hoverMessage = hover(h, editor.document);
      const tint = h.state === 'stale' ? sets.stale : sets.removed;
      // The whole text of the line, so the hover answers anywhere on it.
      for (const line of h.removed) if (line <= lastLine) tint.push({ range: editor.document.lineAt(line).range, hoverMessage });
      for (const block of h.added) {
        if (block.at === 0) sets.insertBefore.push(lineRange(0));
        else if (!h.removed.includes(block.at - 1)) sets.insertAfter.push(lineRange(Math.min(block.at - 1, lastLine)));
      }
      for (const g of ghostTexts(h)) {
        const line = Math.min(g.line, lastLine);
        const end = editor.document.lineAt(line).range.end;
        const option: vscode.DecorationOptions = {
          range: new vscode.Range(end, end),
          hoverMessage,
          renderOptions: { [g.before ? 'before' : 'after']: { contentText: ghostContent(g, h.state === 'stale', label) } },
        };
        (g.before ? sets.ghostBefore : sets.ghostAfter).push(g.before ? { ...option, range: new vscode.Range(line, 0, line, 0) } : option);
      }
    }
    editor.setDecorations(this.removed, sets.removed);
    editor.setDecorations(this.stale, sets.stale);
    editor.setDecorations(this.insertAfter, sets.insertAfter);
    editor.setDecorations(this.insertBefore, sets.insertBefore);
    editor.setDecorations(this.ghostAfter, sets.ghostAfter);
    editor.setDecorations(this.ghostBefore, sets.ghostBefore);
    if (hunks.length > 0) this.drawn.add(key);
    else this.drawn.delete(key);
  }
}

function lineRange(line: number): vscode.Range {
  return new vscode.Range(line, 0, line, 0);
}

/** The whole hunk as a diff, with the lens actions as links. */
function hover(h: DocHunk, document: vscode.TextDocument): vscode.MarkdownString {
  const args = encodeURIComponent(JSON.stringify([h.changesetId, h.id]));
  const link = (title: string, command: string) => `[${title}](command:${command}?${args})`;
  const actions = [
    ...(h.state === 'pending' ? [link('Accept', 'redline.acceptHunk')] : []),
    link('Reject', 'redline.rejectHunk'),
    link('Ask fix', 'redline.askFix'),
    link('Review', 'redline.reviewHunk'),
  ].join(' · ');
  const head: MarkdownPart[] =
    h.state === 'stale'
      ? ['**Redline** · stale hunk (', { text: h.staleReason ?? 'the file changed under it' }, '): it cannot be accepted']
      : ['**Redline** · pending hunk'];
  const diff: string[] = [];
  const addedAt = new Map(h.added.map((b) => [b.at, b.lines]));
  for (let line = h.first; line <= h.last + 1 && diff.length < HOVER_LINES; line++) {
    for (const text of addedAt.get(line) ?? []) diff.push(`+ ${text}`);
    if (line <= h.last && line < document.lineCount) diff.push(`${h.removed.includes(line) ? '-' : ' '} ${document.lineAt(line).text}`);
  }
  // The proposal's lines are the agent's: fenced so that no line of them (a ``` line, an image) is Markdown.
  return markdown(
    [
      ...head,
      `\n\n${actions}`,
      ...(h.flags.length > 0 ? ['\n\nFlags: ', { text: h.flags.join(', ') }] : []),
      { code: diff.slice(0, HOVER_LINES).join('\n'), language: 'diff' },
    ],
    { commands: HOVER_COMMANDS },
  );
}
