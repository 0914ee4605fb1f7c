import * as vscode from 'vscode';
import { LARGE_PLAN_CHARS, parsePlan } from '../../core/plan/parsePlan';
import type { ParsedPlan } from '../../core/plan/types';
import type { PlanDocView } from '../../shared/planProtocol';
import { DisposableBase, toDisposable } from '../../core/dispose';
import { readPlanText, type PlanStore } from './planStore';
import type { RenderBundle } from './renderEntry';
import { hasUnsavedTyping } from '../agent/planWriter';

export interface OpenedPlan {
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly plan: ParsedPlan;
  readonly version: number;
  readonly links: readonly string[];
  readonly view: PlanDocView;
}

/**
 * The plan open in the panel. It follows the plan's document: typing in the ordinary editor, a
 * save, a change on disk or an edit from the panel all reload it and fire `onDidChange`, so the
 * panel never shows other text than the file's (the file is the source of truth, issue 5).
 */
export class OpenPlan extends DisposableBase {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private loaded: OpenedPlan | undefined;
  private versions = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `render` loads the plan renderer (`marked`, a bundle of its own) with the first plan shown. */
  constructor(
    private readonly store: PlanStore,
    private readonly render: () => RenderBundle,
  ) {
    super();
    this._register(toDisposable(() => clearTimeout(this.timer)));
    // The size is asked only of the plan's own document: every other keystroke in the window passes here too.
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.touched(e.document.uri, () => e.document.getText().length)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.touched(d.uri, () => 0)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.touched(d.uri, () => 0)));
    this._register(
      store.onDidChange(() => {
        if (this.loaded) this.schedule(50);
      }),
    );
  }

  get current(): OpenedPlan | undefined {
    return this.loaded;
  }

  /** Loads a plan by id; false when the id names no plan (the list changed under the webview). */
  async open(id: string): Promise<boolean> {
    if (!this.store.uriOf(id)) await this.store.list();
    const uri = this.store.uriOf(id);
    if (!uri || this.isDisposed) return false;
    const next = await this.load(id, uri);
    if (!next || this.isDisposed) return false;
    this.loaded = next;
    this.changed.fire();
    return true;
  }

  close(): void {
    this.loaded = undefined;
    this.changed.fire();
  }

  /** Reads the plan again now (after an edit from the panel), not after the debounce. */
  async reload(): Promise<void> {
    const current = this.loaded;
    if (!current) return;
    const next = await this.load(current.id, current.uri);
    if (this.isDisposed || this.loaded?.id !== current.id) return;
    this.loaded = next;
    this.changed.fire();
  }

  private touched(uri: vscode.Uri, size: () => number): void {
    if (this.loaded?.uri.toString() !== uri.toString()) return;
    // A 5 MB plan is rendered as text only, but parsing it on every keystroke is still work.
    this.schedule(size() > LARGE_PLAN_CHARS ? 1_000 : 150);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, ms);
  }

  private async load(id: string, uri: vscode.Uri): Promise<OpenedPlan | undefined> {
    let text: string;
    try {
      text = await readPlanText(uri);
    } catch {
      return undefined; // Deleted meanwhile: the panel goes back to the list.
    }
    if (this.loaded?.id === id && this.loaded.text === text) {
      const dirty = hasUnsavedTyping(uri);
      return dirty === this.loaded.view.dirty ? this.loaded : { ...this.loaded, view: { ...this.loaded.view, dirty } };
    }
    const plan = parsePlan(text);
    const rendered = this.render().renderPlan(plan);
    const version = ++this.versions;
    const view: PlanDocView = {
      id,
      fileName: vscode.workspace.asRelativePath(uri, false),
      title: plan.title ?? id.replace(/\.md$/, ''),
      status: plan.status,
      version,
      text,
      dirty: hasUnsavedTyping(uri),
      warnings: plan.warnings.map((w) => (w.line === undefined ? { message: w.message } : { message: w.message, line: w.line })),
      ...(rendered.html === undefined ? {} : { html: rendered.html }),
      steps: plan.steps.map((s) => ({ id: s.id, ordinal: s.ordinal, text: s.text, status: s.status, line: s.line })),
    };
    return { id, uri, text, plan, version, links: rendered.links, view };
  }
}
