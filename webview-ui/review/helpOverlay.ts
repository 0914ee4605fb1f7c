/**
 * The `?` overlay: a modal dialog listing every key from the key table. Focus goes to its close
 * button and comes back to where it was when it closes.
 */
import { codicon, h } from '../vscodeApi';
import { KEYS, SELECTION_KEYS } from './keymap';

export class HelpOverlay {
  private el: HTMLElement | undefined;
  private returnFocus: Element | null = null;

  get open(): boolean {
    return this.el !== undefined;
  }

  toggle(): void {
    if (this.el) this.close();
    else this.show();
  }

  show(): void {
    if (this.el) return;
    this.returnFocus = document.activeElement;
    const table = (rows: readonly { label: string; description: string }[]) => {
      const body = h('tbody');
      for (const r of rows) body.append(h('tr', {}, h('th', { attrs: { scope: 'row' } }, h('kbd', { text: r.label })), h('td', { text: r.description })));
      return h('table', {}, body);
    };
    const close = h(
      'button',
      { className: 'btn icon', attrs: { type: 'button', 'aria-label': 'Close', title: 'Close (Esc)' }, onClick: () => this.close() },
      codicon('close'),
    );
    const dialog = h(
      'div',
      { className: 'help', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'help-title' } },
      h('div', { className: 'help-head' }, h('h2', { text: 'Keyboard', attrs: { id: 'help-title' } }), h('span', { className: 'grow' }), close),
      table(KEYS),
      h('h3', { text: 'Line selection' }),
      table(SELECTION_KEYS),
      h('p', { className: 'hint', text: 'Keys do nothing while you type in a box. Every action also has a button.' }),
    );
    this.el = h('div', { className: 'help-backdrop' }, dialog);
    this.el.addEventListener('click', (e) => {
      if (e.target === this.el) this.close();
    });
    document.body.append(this.el);
    close.focus();
  }

  close(): void {
    if (!this.el) return;
    this.el.remove();
    this.el = undefined;
    if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus({ preventScroll: true });
  }
}
