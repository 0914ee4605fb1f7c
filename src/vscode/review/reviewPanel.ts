import * as vscode from 'vscode';
import type { Result } from '../../core/result';
import type { ChangesetEntry } from '../../core/review/changesetEntry';
import type { ReviewSession } from '../../core/review/reviewSession';
import { failureNotice, UNTRUSTED_MESSAGE } from '../../core/trust';
import { contextLines, ReviewViewModel } from '../../core/review/viewModel';
import { stateParts } from '../../core/review/stateParts';
import {
  isFromReviewWebview,
  type FromReviewWebview,
  type ReviewFile,
  type ReviewHeader,
  type ReviewHunk,
  type ReviewLayout,
  type RequestId,
  type ReviewAction,
  type ToReviewWebview,
} from '../../shared/reviewProtocol';
import { DisposableBase } from '../../core/dispose';
import { inThreadMovedCode, type MovedCodePort } from '../../core/diff/movedCodePort';
import { MovedCodeTracker } from '../../core/review/movedTracker';
import type { Logger } from '../log';
import { WebviewChannel } from '../webview/channel';
import { webviewHtml, webviewOptions } from '../webview/html';

export const REVIEW_VIEW_TYPE = 'redline.review';
const LAYOUT_KEY = 'redline.review.layout';
/** Workspace-state key of the hunk last in focus in a changeset's review. */
export const focusKey = (changesetId: string): string => `redline.review.focus.${changesetId}`;

export interface ReviewPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly session: ReviewSession;
  readonly log: Logger;
  readonly memento: vscode.Memento;
  readonly header: (changesetId: string) => Omit<ReviewHeader, 'readOnlyReason'>;
  readonly requestFix: (changesetId: string, hunkId: string, comment: string) => Promise<Result<void>>;
  readonly openHunk: (changesetId: string, hunkId: string) => Promise<void>;
  /** Files shown without hunks after the changeset's own (binary, submodules, conflicts). */
  readonly listed?: (changesetId: string) => readonly ReviewFile[];
  /** Finds moved blocks (off the host's thread for a large changeset); in this thread when absent. */
  readonly movedCode?: MovedCodePort;
}

/**
 * The Review panel of one changeset. It routes the webview's messages to the review session and
 * posts back only the hunks that changed; it holds no domain rules.
 */
export class ReviewPanel extends DisposableBase {
  private readonly channel: WebviewChannel<FromReviewWebview, ToReviewWebview>;
  private readonly model = new ReviewViewModel();
  private posted = new Map<string, ReviewHunk>();
  private postedFiles = '';
  private readonly fixing = new Set<string>();
  private readonly moved: MovedCodeTracker;
  /** A hunk to focus that the webview has not been told of with its state yet. */
  private requestedFocus: string | undefined;

  constructor(
    readonly changesetId: string,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: ReviewPanelDeps,
  ) {
    super();
    // Registered first, so disposed last: closing the panel object closes the panel too.
    this._register(panel);
    panel.webview.options = webviewOptions(deps.extensionUri);
    this.channel = this._register(new WebviewChannel(panel.webview, isFromReviewWebview, (m) => void this.onMessage(m), deps.log, 'review'));
    panel.webview.html = webviewHtml({ webview: panel.webview, extensionUri: deps.extensionUri, bundle: 'review', title: panel.title, initialState: null });
    this.moved = this._register(
      new MovedCodeTracker(
        deps.movedCode ?? inThreadMovedCode,
        (moves) => this.channel.post({ type: 'moves', moves }),
        (m) => deps.log.warn(m),
      ),
    );
    this._register(deps.session.onDidChange((id) => id === changesetId && this.postChanges()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.postState()));
    this._register(panel.onDidDispose(() => this.dispose()));
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Puts a hunk in focus: now in a loaded webview, or with the state when it (re)loads. */
  focus(hunkId: string): void {
    this.requestedFocus = hunkId;
    this.channel.post({ type: 'focus', hunkId });
  }

  /** The header depends on the run too (its summary and checks): re-sent when the run changes. */
  refreshHeader(): void {
    this.postChanges();
  }

  private header(): ReviewHeader {
    const base = this.deps.header(this.changesetId);
    // A hint for the webview, not a gate: the session's write port and the run service refuse.
    return vscode.workspace.isTrusted ? base : { ...base, readOnlyReason: UNTRUSTED_MESSAGE };
  }

  private layout(): ReviewLayout {
    return this.deps.memento.get<ReviewLayout>(LAYOUT_KEY, 'unified');
  }

  private postState(): void {
    const entry = this.deps.session.get(this.changesetId);
    if (!entry || this.isDisposed) return;
    const focus = this.requestedFocus ?? this.deps.memento.get<string>(focusKey(this.changesetId));
    this.requestedFocus = undefined;
    const state = this.model.state(entry, this.header(), this.layout(), focus);
    const hunks = state.hunks.map((h) => this.withFixing(h));
    const listed = this.deps.listed?.(this.changesetId) ?? [];
    this.posted = new Map(hunks.map((h) => [h.id, h]));
    this.postedFiles = filesKey(entry, listed);
    const [first = [], ...rest] = stateParts(hunks);
    let more = hunks.length - first.length;
    this.channel.post({ type: 'state', state: { ...state, files: [...state.files, ...listed], hunks: first, ...(more > 0 ? { more } : {}) } });
    // Posted now, in order: a `hunks` update posted later reaches the panel after every part.
    for (const part of rest) {
      more -= part.length;
      this.channel.post({ type: 'moreHunks', changesetId: this.changesetId, hunks: part, more });
    }
    // The page paints first; the moves follow when found.
    this.moved.update(hunks, true);
  }

  /** Posts the hunks whose view changed (cached views keep their identity when unchanged). */
  private postChanges(): void {
    const entry = this.deps.session.get(this.changesetId);
    if (!entry || this.isDisposed) return;
    // Files came or went (the working tree changed): hunks index files, so the whole state goes.
    if (filesKey(entry, this.deps.listed?.(this.changesetId) ?? []) !== this.postedFiles) return this.postState();
    const next = new Map(this.model.hunks(entry).map((h) => [h.id, this.withFixing(h)]));
    const changed = [...next.values()].filter((h) => this.posted.get(h.id) !== h);
    const removed = [...this.posted.keys()].filter((id) => !next.has(id));
    this.posted = next;
    this.channel.post({ type: 'hunks', hunks: changed, removed, header: this.header() });
    this.moved.update([...next.values()]);
  }

  private withFixing(h: ReviewHunk): ReviewHunk {
    return this.fixing.has(h.id) ? { ...h, fixing: true } : h;
  }

  private async onMessage(m: FromReviewWebview): Promise<void> {
    const { session } = this.deps;
    const id = this.changesetId;
    switch (m.type) {
      case 'ready':
        this.postState();
        return;
      case 'decide':
        return this.report(m, await session.decide(id, m.hunkId, m.decision, m.reason));
      case 'decideMoved': {
        // The host's own moves decide what goes together: the webview only names the item.
        const move = this.moved.wholeMoveTo(m.hunkId);
        if (!move) return this.notice('error', 'That hunk is no longer a moved block: decide it on its own.', m.requestId);
        return this.report(m, await session.decideTogether(id, [move.to, move.from], m.decision, m.reason));
      }
      case 'decideLines': {
        const ordinals = this.changedOrdinals(m.hunkId, m.lines);
        if (!ordinals.ok) return this.report(m, ordinals);
        return this.report(m, await session.decideLines(id, m.hunkId, ordinals.value, m.decision));
      }
      case 'decideFile': {
        const path = session.get(id)?.changeset.files[m.file]?.path;
        if (path === undefined) return this.notice('error', 'That file is no longer part of this changeset.', m.requestId);
        return this.report(m, await session.decideFile(id, path, m.decision));
      }
      case 'decideAll':
        return this.report(m, await session.decideAll(id, m.decision));
      case 'split':
        return this.report(m, await session.split(id, m.hunkId));
      case 'refresh':
        return this.report(m, await session.refresh(id, m.hunkId));
      case 'acceptEdited':
        return this.report(m, await session.acceptEdited(id, m.hunkId, m.text, m.revision));
      case 'undo':
        return this.report(m, await session.undo(id));
      case 'requestFix':
        return this.fix(m);
      case 'openInEditor':
        return this.deps.openHunk(id, m.hunkId);
      case 'expandContext':
        return this.expand(m.hunkId, m.direction, m.count);
      case 'setLayout':
        await this.deps.memento.update(LAYOUT_KEY, m.layout);
        return;
      case 'focus':
        for (const passed of m.seen ?? []) session.markSeen(id, passed);
        session.markSeen(id, m.hunkId);
        await this.deps.memento.update(focusKey(id), m.hunkId);
        return;
      default: {
        const never: never = m;
        this.deps.log.warn(`review webview: unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  /** The webview counts lines of the hunk as shown; the core counts changed lines only. */
  private changedOrdinals(hunkId: string, indexes: readonly number[]): Result<number[]> {
    const hunk = this.posted.get(hunkId);
    if (!hunk) return { ok: false, code: 'E_UNKNOWN_HUNK', message: 'That hunk is no longer part of this changeset.' };
    const ordinals: number[] = [];
    for (const index of indexes) {
      const line = hunk.lines[index];
      if (!line || line[0] === 0) return { ok: false, code: 'E_SELECTION', message: 'Only added or removed lines can be selected.' };
      ordinals.push(hunk.lines.slice(0, index).filter((l) => l[0] !== 0).length);
    }
    return { ok: true, value: ordinals };
  }

  private async fix({ hunkId, comment, requestId }: Extract<ReviewAction, { type: 'requestFix' }>): Promise<void> {
    if (this.fixing.has(hunkId)) return this.notice('info', 'A fix for this hunk is already running.', requestId);
    this.fixing.add(hunkId);
    this.postChanges();
    const result = await this.deps.requestFix(this.changesetId, hunkId, comment);
    this.fixing.delete(hunkId);
    this.postChanges();
    if (!result.ok) this.notice('error', failureNotice(result, 'The fix did not arrive'), requestId);
  }

  private expand(hunkId: string, direction: 'above' | 'below', count: number): void {
    const hunk = this.posted.get(hunkId);
    const file = hunk && this.deps.session.get(this.changesetId)?.changeset.files[hunk.file];
    if (!hunk || !file) return;
    const { lines, startLine } = contextLines(file, hunk.oldStart, hunk.oldLines, direction, count);
    this.channel.post({ type: 'context', hunkId, direction, lines, startLine });
  }

  /** A refused action's notice names its request, so the webview drops that action's guesses only. */
  private report(action: ReviewAction, result: Result<void>): void {
    if (!result.ok) this.notice('error', result.message, action.requestId);
  }

  private notice(level: 'info' | 'error', message: string, requestId?: RequestId): void {
    this.channel.post(requestId === undefined ? { type: 'notice', level, message } : { type: 'notice', level, message, requestId });
  }
}

function filesKey(entry: ChangesetEntry, listed: readonly ReviewFile[]): string {
  return [...entry.changeset.files.map((f) => f.path), ...listed.map((l) => `${l.path}\0${l.note ?? ''}`)].join('\n');
}
