/** The open plan: toolbar, warnings, the rendered document or the editor, comments, and the run. */
import type { FromPlanWebview, LogEntry, PlanDocView, PlanViewState } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { DocContent } from './docContent';
import { ProposalCard } from './proposalCard';
import { RunPanel } from './runView';
import { agentOff, button, iconButton, intentForm, replaceKeepingFocus } from './widgets';

export interface EditDraft {
  readonly id: string;
  readonly version: number;
  readonly text: string;
}

export class DocView {
  readonly element: HTMLElement;
  private readonly top: HTMLElement;
  /** The rendered plan or its text, under the agent's draft. */
  private readonly main: HTMLElement;
  private readonly run: RunPanel;
  private readonly proposal: ProposalCard;
  private content: DocContent | undefined;
  private editor: HTMLTextAreaElement | undefined;
  private shown: { id: string; version: number; text: boolean; html: string | undefined; title: string } | undefined;
  private state: PlanViewState | undefined;
  private doc: PlanDocView | undefined;
  /** The version the text being edited started from; a save names it so a clash is noticed. */
  private draftVersion: number | undefined;

  constructor(
    private readonly post: (m: FromPlanWebview) => void,
    private readonly onDraft: (draft: EditDraft | undefined) => void,
  ) {
    this.top = h('div', { className: 'doc-top' });
    this.main = h('div', { className: 'doc-main' });
    this.run = new RunPanel(post);
    this.proposal = new ProposalCard(post);
    // The draft scrolls with the plan it changes, so the run's log keeps its height.
    const body = h('div', { className: 'doc-body' }, this.proposal.element, this.main);
    this.element = h('div', { className: 'doc-view' }, this.top, body, this.run.element);
  }

  /** Shows `doc`; `draft` is an edit in progress (kept across hide and reload by the webview state). */
  update(state: PlanViewState, doc: PlanDocView, draft: EditDraft | undefined): void {
    this.state = state;
    this.doc = doc;
    const editing = draft !== undefined && draft.id === doc.id;
    // A plan too large to render is always shown as text, so starting to type does not rebuild it.
    const text = editing || doc.html === undefined;
    // A new version that renders the same (a save, a status line the host rewrote to the same
    // text) keeps the elements, so the pointer, the selected line and an open comment stay put.
    const sameContent = this.shown?.version === doc.version || editing || (!text && this.shown?.html === doc.html && this.shown.title === doc.title);
    const same = this.shown?.id === doc.id && this.shown.text === text && sameContent && !(draft === undefined && this.draftVersion !== undefined);
    if (!same) this.renderBody(doc, editing ? draft : undefined, this.shown?.id === doc.id ? this.content?.currentLine : undefined);
    this.shown = { id: doc.id, version: doc.version, text, html: doc.html, title: doc.title };
    this.renderTop(state, doc, editing);
    this.content?.setComments(state.comments);
    this.content?.setAgentSteps(state.run?.steps ?? {}, state.run?.state === 'running');
    this.proposal.set(state.run);
    this.run.setRun(state.run, agentOff(state));
  }

  appendLog(runId: string, from: number, entries: readonly LogEntry[]): void {
    this.run.appendLog(runId, from, entries);
  }

  /** Puts the focus on the plan's first control (Back), for a keyboard user who just opened it. */
  focusStart(): void {
    this.top.querySelector<HTMLElement>('button')?.focus();
  }

  /** The editor's text, for saving the draft into the webview state. */
  editorText(): string | undefined {
    return this.editor?.value;
  }

  private renderTop(state: PlanViewState, doc: PlanDocView, editing: boolean): void {
    // While the agent's draft waits, building or drafting again would start from the plan without it.
    const waiting = state.run?.proposal ? 'Keep or discard the draft first' : undefined;
    const off = agentOff(state) ?? waiting;
    const toolbar = h(
      'div',
      { className: 'toolbar' },
      iconButton('arrow-left', 'Back to plans', () => this.post({ type: 'closePlan' })),
      h('h1', { className: 'doc-title', text: doc.title, attrs: { title: `${doc.title}\n${doc.fileName}` } }),
      h('span', { className: `badge status-${doc.status.replace(' ', '-')}`, text: doc.status }),
      iconButton('go-to-file', 'Open in editor', () => this.post({ type: 'openInEditor', id: doc.id })),
      editing ? iconButton('preview', 'Show rendered plan', () => this.onDraft(undefined)) : iconButton('edit', 'Edit plan', () => this.startEdit()),
    );
    const parts: HTMLElement[] = [toolbar];
    if (doc.dirty) parts.push(h('p', { className: 'note', text: 'Unsaved changes in the editor are shown here; save the file to keep them.' }));
    if (doc.warnings.length) parts.push(this.warnings(doc));
    if (!editing) {
      const actions = h('div', { className: 'actions' });
      const running = state.run?.state === 'running';
      // While the build's hunks wait, the review is the next step; building again comes second.
      const run = state.run;
      const reviewing = doc.status === 'in review' && !running && run !== undefined && (run.hunksWaiting ?? 0) > 0;
      if (reviewing) {
        const n = run.hunksWaiting ?? 0;
        actions.append(button(`Review ${n} hunk${n === 1 ? '' : 's'}`, 'diff', () => this.post({ type: 'openReview', runId: run.id }), { primary: true }));
      }
      if (doc.status === 'draft' || doc.status === 'approved' || doc.status === 'in review' || doc.status === 'done') {
        const label = doc.status === 'draft' ? 'Approve & build' : doc.status === 'approved' ? 'Build' : 'Build again';
        actions.append(
          button(label, 'play', () => this.post({ type: 'approve', id: doc.id, build: true }), {
            primary: !reviewing,
            ...(off || running ? { disabled: off ?? 'A run is in progress' } : {}),
          }),
        );
      }
      if (doc.status === 'draft')
        actions.append(
          button('Save plan only', 'check', () => this.post({ type: 'approve', id: doc.id, build: false }), {
            label: 'Save plan only: approve without building',
            ...(waiting ? { disabled: waiting } : {}),
          }),
        );
      parts.push(actions);
      parts.push(intentForm(off, 'Draft this plan with the agent', (intent) => this.post({ type: 'draft', intent, id: doc.id })));
      if (state.comments.length) {
        parts.push(
          h(
            'div',
            { className: 'comments-bar' },
            codicon('comment-discussion'),
            h('span', { text: `${state.comments.length} comment${state.comments.length === 1 ? '' : 's'} for the agent` }),
            button(
              'Send to agent',
              'send',
              () => this.post({ type: 'sendComments', id: doc.id }),
              off || running ? { disabled: off ?? 'A run is in progress' } : {},
            ),
          ),
        );
      }
    }
    replaceKeepingFocus(this.top, parts);
  }

  private warnings(doc: PlanDocView): HTMLElement {
    const list = h('ul', {});
    for (const w of doc.warnings.slice(0, 8)) list.append(h('li', { text: w.message }));
    if (doc.warnings.length > 8) list.append(h('li', { text: `and ${doc.warnings.length - 8} more` }));
    return h(
      'div',
      { className: 'warnings', attrs: { role: 'alert' } },
      h(
        'p',
        {},
        codicon('warning'),
        h('strong', { text: ' This plan has problems. ' }),
        h('span', { text: 'It is shown as written; nothing is changed until you save. Fix it here with Edit, or in the editor.' }),
      ),
      list,
    );
  }

  private startEdit(): void {
    const doc = this.doc;
    if (doc) this.onDraft({ id: doc.id, version: doc.version, text: doc.text });
  }

  private renderBody(doc: PlanDocView, draft: EditDraft | undefined, currentLine: number | undefined): void {
    this.content = undefined;
    this.editor = undefined;
    this.draftVersion = undefined;
    if (draft === undefined && doc.html !== undefined) {
      this.content = new DocContent(doc, this.post, currentLine);
      this.main.replaceChildren(this.content.element);
      return;
    }
    // Too large to render, or being edited: the text itself, editable.
    const editor = h('textarea', { className: 'editor', attrs: { 'aria-label': `Text of ${doc.fileName}`, spellcheck: 'false' } });
    editor.value = draft?.text ?? doc.text;
    this.editor = editor;
    const save = () => this.post({ type: 'saveText', id: doc.id, version: this.draftVersion ?? doc.version, text: editor.value });
    editor.addEventListener('keydown', (e) => {
      if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        save();
      }
      if (e.key === 'Escape' && draft) this.onDraft(undefined);
    });
    this.draftVersion = draft?.version;
    editor.addEventListener('input', () => {
      this.draftVersion ??= doc.version;
      this.onDraft({ id: doc.id, version: this.draftVersion, text: editor.value });
    });
    const parts: HTMLElement[] = [];
    if (doc.html === undefined) parts.push(h('p', { className: 'note', text: 'This plan is too large to render; its text is shown instead.' }));
    parts.push(
      editor,
      h(
        'div',
        { className: 'buttons' },
        button('Save', 'save', save, { primary: true, label: 'Save plan' }),
        ...(draft || doc.html === undefined ? [button('Cancel', 'discard', () => this.onDraft(undefined), { label: 'Cancel editing' })] : []),
      ),
    );
    this.main.replaceChildren(...parts);
    if (draft) editor.focus();
  }

  /** Called by main when the host confirmed a save. */
  saved(ok: boolean, message: string | undefined): void {
    if (ok) this.onDraft(undefined);
    else if (message) this.top.append(h('p', { className: 'note error', attrs: { role: 'alert' }, text: message }));
  }

  get currentState(): PlanViewState | undefined {
    return this.state;
  }
}
