import * as path from 'node:path';
import * as vscode from 'vscode';
import { assembleReview, followScan, type ScannedFile, type ScannedText, type WorkingTreeReview } from '../../core/git/assemble';
import type { GitReviewWorkspace } from '../../core/git/gitWorkspace';
import type { ReviewBase } from '../../core/git/reviewPlan';
import { fail, ok, type Result } from '../../core/result';
import type { ReviewSession } from '../../core/review/reviewSession';
import { untrusted } from '../../core/trust';
import { languageOf } from '../../core/review/viewModel';
import { readWorktreeFile, statWorktree } from '../../node/git/fsWorktree';
import type { RepositoryIndex } from '../../node/git/repositoryIndex';
import { scanScope, type ScanScope, type WorktreeReader } from '../../node/git/scan';
import type { ReviewFile, ReviewHeader } from '../../shared/reviewProtocol';
import { DisposableBase, DisposableStore, toDisposable } from '../../core/dispose';
import type { Logger } from '../log';
import type { VsCodeReviewWorkspace } from '../review/reviewWorkspace';
import type { WorkspacePaths } from '../workspacePaths';
import type { GitExtensionApi } from './gitExtension';
import { findScopes, inside } from './scopes';

export interface WorkingTreeDeps {
  readonly session: ReviewSession;
  readonly workspace: GitReviewWorkspace;
  readonly index: RepositoryIndex;
  readonly paths: WorkspacePaths;
  readonly worktree: VsCodeReviewWorkspace;
  readonly gitApi: GitExtensionApi;
  readonly log: Logger;
}

export interface OpenRequest {
  readonly base: ReviewBase;
  /** A repository root (from the Source Control view): review that repository only. */
  readonly root?: string;
}

interface Live {
  readonly id: string;
  readonly key: string;
  readonly base: ReviewBase;
  readonly scopes: readonly ScanScope[];
  readonly folderNotes: readonly string[];
  review: WorkingTreeReview;
  /** Its watchers, its git subscription and its rescan timer. */
  readonly disposables: DisposableStore;
  timer?: NodeJS.Timeout;
  /** The first read of the working tree is still running. */
  loading: boolean;
}

/** Refreshes wait this long after the last change, so an agent writing many files costs one scan. */
const SETTLE_MS = 250;

/**
 * The working-tree reviews of this window. Each is a changeset in the git review session that
 * follows the working tree: file watchers, VS Code's git extension and document edits schedule a
 * rescan, which refreshes the changed files' hunks and keeps the decisions on the others.
 */
export class WorkingTreeReviews extends DisposableBase {
  private readonly live = new Map<string, Live>();
  private counter = 0;

  constructor(private readonly deps: WorkingTreeDeps) {
    super();
    this._register(
      toDisposable(() => {
        for (const live of this.live.values()) live.disposables.dispose();
        this.live.clear();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && e.document.uri.scheme === 'file') this.touched(e.document.uri.fsPath);
      }),
    );
  }

  /**
   * Starts the review of the working tree (or refreshes the one already open for the same
   * repositories). `show` is called with the changeset as soon as it exists, before the working
   * tree is read, so the panel boots while git works. Messages say what was left out.
   */
  async open(request: OpenRequest, show: (id: string) => void): Promise<Result<{ id?: string; messages: string[] }>> {
    // Git runs processes in the workspace: the same refusal as every run in Restricted Mode.
    if (!vscode.workspace.isTrusted) return untrusted();
    const found = await findScopes(await this.deps.gitApi.gitPath(), this.deps.paths, request.root);
    if (this.isDisposed) return fail('E_DISPOSED', 'the window is closing.');
    if (!found.ok) return found;
    const { scopes, notes } = found.value;
    if (scopes.length === 0) return ok({ messages: [notes.length > 0 ? `${notes.join('; ')}.` : 'there is no git repository here.'] });
    const key = `${request.base}|${scopes
      .map((s) => `${s.repo.root}\0${s.pathspec}`)
      .sort()
      .join('|')}`;
    let live = [...this.live.values()].find((l) => l.key === key);
    const fresh = live === undefined;
    if (live === undefined) {
      for (const s of scopes) this.deps.index.add(s.repo);
      const id = `git-${request.base === 'HEAD' ? 'head' : 'index'}-${++this.counter}`;
      const review = assembleReview(id, request.base === 'HEAD' ? 'Working tree against HEAD' : 'Working tree', []);
      const disposables = new DisposableStore();
      const created: Live = { id, key, base: request.base, scopes, folderNotes: notes, review, disposables, loading: true };
      disposables.add(toDisposable(() => clearTimeout(created.timer)));
      live = created;
      this.live.set(id, live);
      this.deps.session.add(review.changeset, review.files);
    }
    show(live.id);
    const loaded = await this.refresh(live);
    if (this.isDisposed) return fail('E_DISPOSED', 'the window is closing.');
    if (!loaded.ok) return loaded;
    if (fresh) await this.watch(live);
    const messages: string[] = [];
    if (live.review.changeset.files.length === 0 && live.review.listed.length === 0) {
      messages.push(
        `nothing to review yet: the working tree matches ${request.base === 'HEAD' ? 'HEAD' : 'the index'}. The review follows it as files change.`,
      );
    }
    const conflicts = live.review.listed.filter((l) => /conflict/.test(l.note)).map((l) => l.path);
    if (conflicts.length > 0) messages.push(`not reviewed, resolve the conflicts first: ${conflicts.join(', ')}`);
    return ok({ id: live.id, messages: [...messages, ...(fresh ? notes : [])] });
  }

  /** Files the panel lists without hunks (binary, submodules, conflicts...). */
  listed(id: string): ReviewFile[] {
    return (this.live.get(id)?.review.listed ?? []).map((l) => ({
      path: l.path,
      ...(l.oldPath !== undefined ? { oldPath: l.oldPath } : {}),
      status: l.status,
      language: languageOf(l.path),
      note: l.note,
    }));
  }

  header(id: string): Omit<ReviewHeader, 'readOnlyReason'> {
    const live = this.live.get(id);
    const entry = this.deps.session.get(id);
    const notes = live === undefined ? [] : [...live.folderNotes, ...live.review.notes];
    const against = live?.base === 'HEAD' ? 'HEAD' : 'the index';
    const lead = live?.loading ? 'Reading the working tree…' : `Accept stages into the index, reject reverts the working tree (against ${against}).`;
    const summary = [lead, ...notes].join(' ');
    return { title: entry?.changeset.title ?? 'Working tree', source: 'git', summary, claimMismatches: [] };
  }

  /** Rescans now (the command does this; watchers schedule it). */
  private refresh(live: Live): Promise<Result<void>> {
    return this.deps.session.update(live.id, async (entry) => {
      const also = [...live.review.scanned.values()];
      const scanned = await this.scan(live.scopes, live.base, also);
      const first = live.loading;
      live.loading = false;
      if (!scanned.ok) return scanned;
      const before = live.review;
      const next = followScan({ ...before, changeset: entry.changeset, files: entry.files }, scanned.value, live.base);
      this.track(next);
      live.review = next;
      // A listing that changed alone still has to reach the panel: a new changeset object says so.
      const relisted = first || JSON.stringify(before.listed) !== JSON.stringify(next.listed) || before.notes.join() !== next.notes.join();
      return ok({ changeset: relisted && next.changeset === entry.changeset ? { ...next.changeset } : next.changeset, files: next.files });
    });
  }

  private async scan(scopes: readonly ScanScope[], base: ReviewBase, also: readonly ScannedText[]): Promise<Result<ScannedFile[]>> {
    const out: ScannedFile[] = [];
    const seen = new Set<string>();
    for (const scope of scopes) {
      const mine = also.filter((s) => s.ref.repo === scope.repo.root).map((s) => s.planned);
      const scanned = await scanScope(scope, base, this.reader, mine);
      if (!scanned.ok) return fail(scanned.code, `${scope.repo.root}: ${scanned.message}`);
      for (const s of scanned.value) {
        const p = s.kind === 'text' ? s.texts.path : s.path;
        if (seen.has(p)) continue;
        seen.add(p);
        out.push(s);
      }
    }
    return ok(out);
  }

  /** The working tree as the user sees it: the open document's text when there is one. */
  private readonly reader: WorktreeReader = async (absolute, display) => {
    const open = vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolute && !d.isClosed);
    if (!open) return readWorktreeFile(absolute, display);
    const stat = await statWorktree(absolute);
    if (!stat.ok) return stat;
    const texts = await this.deps.worktree.read({ path: display, handle: absolute });
    if (!texts.ok) return texts;
    return ok({ text: texts.value.current, executable: stat.value.executable });
  };

  private track(review: WorkingTreeReview): void {
    for (const s of review.scanned.values()) this.deps.workspace.track({ path: s.texts.path, handle: s.absolute }, s.ref);
  }

  private async watch(live: Live): Promise<void> {
    const schedule = (): void => this.schedule(live);
    for (const scope of live.scopes) {
      const dir = vscode.Uri.file(path.join(scope.repo.root, scope.pathspec));
      const files = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, '**/*'));
      const onFile = (uri: vscode.Uri): void => {
        if (!uri.fsPath.split(path.sep).includes('.git')) schedule();
      };
      const gitDir = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(scope.repo.gitDir), '{index,HEAD,refs/heads/**}'));
      const own = live.disposables;
      own.add(files);
      own.add(files.onDidChange(onFile));
      own.add(files.onDidCreate(onFile));
      own.add(files.onDidDelete(onFile));
      own.add(gitDir);
      own.add(gitDir.onDidChange(schedule));
      own.add(gitDir.onDidCreate(schedule));
      own.add(gitDir.onDidDelete(schedule));
      // Disposed at once by the store if the reviews were disposed during the await.
      own.add(await this.deps.gitApi.onDidChange(scope.repo.root, schedule));
      if (this.isDisposed) return;
    }
  }

  private touched(fsPath: string): void {
    for (const live of this.live.values()) {
      if (live.scopes.some((s) => inside(fsPath, path.join(s.repo.root, s.pathspec)))) this.schedule(live);
    }
  }

  private schedule(live: Live): void {
    clearTimeout(live.timer);
    live.timer = setTimeout(() => {
      live.timer = undefined;
      void this.refresh(live).then((r) => {
        if (!r.ok) this.deps.log.warn(`working-tree review ${live.id}: ${r.message}`);
      });
    }, SETTLE_MS);
  }
}
