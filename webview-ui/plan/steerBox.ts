/**
 * The run card's message box: the user queues messages for the running agent (Enter queues,
 * Shift+Enter starts a new line), each shown "queued" until the agent's next turn boundary sends
 * it, editable in place and withdrawable until then. What the run ended before sending stays here,
 * and *Continue Run* sends it. Built once and updated in place: state arrives many times a second
 * while a run streams, and neither the text being typed nor an edit under way may be lost.
 */
import type { FromPlanWebview, QueuedMessageView, RunView } from '../../src/shared/planProtocol';
import { steerTextProblem } from '../../src/shared/steerText';
import { codicon, h } from '../vscodeApi';
import { button, iconButton } from './widgets';

interface Item {
  readonly element: HTMLLIElement;
  readonly text: HTMLElement;
  readonly badge: HTMLElement;
  readonly editButton: HTMLButtonElement;
  shown: string;
  /** The edit box while the message is being edited in place. */
  editor?: HTMLTextAreaElement;
}

export class SteerBox {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly notice: HTMLElement;
  private readonly compose: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly error: HTMLElement;
  private readonly items = new Map<string, Item>();
  private runId: string | undefined;
  private running = false;

  constructor(private readonly post: (m: FromPlanWebview) => void) {
    this.list = h('ol', { className: 'queued', attrs: { 'aria-label': 'Queued messages' } });
    this.notice = h('div', { className: 'steer-notice' });
    this.input = h('textarea', {
      className: 'steer-input',
      attrs: {
        rows: '2',
        'aria-label': 'Message the agent',
        'aria-describedby': 'steer-hint',
        placeholder: 'Message the agent: sent when its turn ends…',
      },
    });
    this.input.addEventListener('keydown', (e) => {
      if (isSend(e)) {
        e.preventDefault();
        this.queue();
      }
    });
    this.input.addEventListener('input', () => this.say(undefined));
    this.error = h('div', { className: 'steer-error', attrs: { role: 'alert' } });
    const hint = h('div', { className: 'steer-hint', attrs: { id: 'steer-hint' }, text: 'Enter queues it, Shift+Enter starts a new line.' });
    const send = iconButton('send', 'Queue the message', () => this.queue());
    this.compose = h('div', { className: 'steer-compose' }, h('div', { className: 'steer-row' }, this.input, send), hint, this.error);
    this.element = h('section', { className: 'steer', attrs: { 'aria-label': 'Messages for the agent' } }, this.notice, this.list, this.compose);
  }

  update(run: RunView, off: string | undefined): void {
    if (run.id !== this.runId) {
      this.runId = run.id;
      this.items.clear();
      this.list.replaceChildren();
      this.say(undefined);
    }
    this.running = run.state === 'running';
    const queued = run.queued ?? [];
    this.element.hidden = !this.running && queued.length === 0;
    this.compose.hidden = !this.running;
    this.input.disabled = off !== undefined;
    this.input.title = off ?? '';
    this.showNotice(run, queued.length);
    this.showItems(queued);
  }

  private queue(): void {
    const runId = this.runId;
    const text = this.input.value;
    const problem = steerTextProblem(text);
    if (problem !== undefined || runId === undefined) return this.say(problem);
    this.input.value = '';
    this.say(undefined);
    this.post({ type: 'queueMessage', runId, text });
  }

  /** Why the text was not queued; it stays in the box to be fixed. */
  private say(problem: string | undefined): void {
    this.error.textContent = problem ?? '';
    this.error.hidden = problem === undefined;
    this.input.toggleAttribute('aria-invalid', problem !== undefined);
  }

  private showNotice(run: RunView, count: number): void {
    this.notice.hidden = this.running || count === 0;
    if (this.notice.hidden) return this.notice.replaceChildren();
    const text =
      count === 1 ? 'The run ended before this was sent — Continue Run sends it.' : 'The run ended before these were sent — Continue Run sends them.';
    this.notice.replaceChildren(
      h('span', {}, codicon('info'), ` ${text}`),
      button('Continue Run', 'debug-continue', () => this.post({ type: 'continueRun', runId: run.id, message: '' }), {
        label: count === 1 ? 'Continue the run with the queued message' : 'Continue the run with the queued messages',
      }),
    );
  }

  /** Sent and withdrawn messages leave; new ones join at the end; one being edited keeps its box. */
  private showItems(queued: readonly QueuedMessageView[]): void {
    const ids = new Set(queued.map((m) => m.id));
    let hadFocus = false;
    for (const [id, item] of this.items) {
      if (ids.has(id)) continue;
      hadFocus ||= item.element.contains(document.activeElement);
      item.element.remove();
      this.items.delete(id);
    }
    // A keyboard user who withdrew a message (or saw it sent) stays in the box.
    if (hadFocus && this.running) this.input.focus();
    queued.forEach((message, index) => {
      let item = this.items.get(message.id);
      if (item === undefined) {
        item = this.item(message);
        this.items.set(message.id, item);
        this.list.append(item.element);
      }
      if (item.editor === undefined && item.shown !== message.text) {
        item.shown = message.text;
        item.text.textContent = message.text;
      }
      item.badge.textContent = this.running ? 'queued' : 'not sent';
      item.element.setAttribute('aria-label', `Message ${index + 1}, ${this.running ? 'queued' : 'not sent'}`);
    });
  }

  private item(message: QueuedMessageView): Item {
    // The user's words as text, never as markup.
    const text = h('div', { className: 'queued-text', text: message.text });
    const badge = h('span', { className: 'badge queued-badge' });
    const element = h('li', { className: 'queued-message' });
    const editButton = iconButton('edit', 'Edit the queued message', () => this.edit(message.id, item));
    const item: Item = { element, text, badge, editButton, shown: message.text };
    const actions = h(
      'div',
      { className: 'queued-actions' },
      badge,
      editButton,
      iconButton('close', 'Withdraw the queued message', () => this.withdraw(message.id)),
    );
    element.append(text, actions);
    return item;
  }

  private edit(messageId: string, item: Item): void {
    if (item.editor !== undefined) return item.editor.focus();
    const editor = h('textarea', { className: 'queued-editor', attrs: { rows: '2', 'aria-label': 'Edit the queued message' } });
    editor.value = item.shown;
    const problem = h('div', { className: 'steer-error', attrs: { role: 'alert' } });
    problem.hidden = true;
    const done = (): void => {
      item.editor = undefined;
      form.replaceWith(item.text);
      item.editButton.focus();
    };
    const save = (): void => {
      const invalid = steerTextProblem(editor.value);
      problem.hidden = invalid === undefined;
      problem.textContent = invalid ?? '';
      if (invalid !== undefined || this.runId === undefined) return;
      item.shown = editor.value.trim();
      item.text.textContent = item.shown;
      done();
      this.post({ type: 'editQueued', runId: this.runId, messageId, text: editor.value });
    };
    editor.addEventListener('keydown', (e) => {
      if (isSend(e)) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        done();
      }
    });
    const form = h(
      'div',
      { className: 'queued-edit' },
      editor,
      problem,
      h(
        'div',
        { className: 'queued-edit-actions' },
        button('Save', 'check', save, { primary: true, label: 'Save the edited message' }),
        button('Cancel', 'close', done),
      ),
    );
    item.editor = editor;
    item.text.replaceWith(form);
    editor.focus();
  }

  private withdraw(messageId: string): void {
    if (this.runId !== undefined) this.post({ type: 'withdrawQueued', runId: this.runId, messageId });
  }
}

/** Enter sends; Shift+Enter is a new line, and an IME composing text keeps its Enter. */
function isSend(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.isComposing;
}
