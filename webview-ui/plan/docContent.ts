/**
 * The rendered plan with comments on its lines and sections. The document is one tab stop; inside
 * it the arrow keys move between blocks and C (or Enter) comments on the current one, so a plan of
 * a hundred lines is not a hundred tab stops.
 */
import type { FromPlanWebview, PlanCommentView, PlanDocView } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { sanitizePlanHtml } from './sanitize';
import { iconButton } from './widgets';

const TARGETS = 'li[data-line], .blk[data-line]:not(:has(li[data-line]))';

export class DocContent {
  readonly element: HTMLElement;
  private current: HTMLElement | undefined;
  private comments: readonly PlanCommentView[] = [];

  /** `currentLine` is the line selected in the plan's previous rendering, kept when its text changes. */
  constructor(
    private readonly doc: PlanDocView,
    private readonly post: (m: FromPlanWebview) => void,
    currentLine?: number,
  ) {
    this.element = h('div', {
      className: 'doc-content markdown-body',
      attrs: { role: 'document', tabindex: '0', 'aria-label': `${doc.title}: arrow keys move between lines, C adds a comment` },
    });
    if (doc.html !== undefined) this.element.append(sanitizePlanHtml(doc.html));
    for (const target of this.targets()) {
      const line = Number(target.dataset.line);
      target.classList.add('target');
      target.append(
        h(
          'button',
          {
            className: 'comment-btn icon',
            attrs: { type: 'button', tabindex: '-1', 'aria-label': `Comment on line ${line + 1}`, title: 'Comment for the agent' },
            onClick: (e) => {
              e.stopPropagation();
              this.openForm(target);
            },
          },
          codicon('comment'),
        ),
      );
    }
    for (const a of this.element.querySelectorAll<HTMLAnchorElement>('a[data-link]')) {
      a.setAttribute('role', 'link');
      a.tabIndex = 0;
      const open = () => this.post({ type: 'openLink', id: doc.id, link: Number(a.dataset.link) });
      a.addEventListener('click', (e) => {
        e.preventDefault();
        open();
      });
      a.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          open();
        }
      });
    }
    const kept = currentLine === undefined ? undefined : this.targetFor(currentLine);
    if (kept) this.select(kept, false);
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('click', (e) => {
      const target = e.target instanceof Element ? e.target.closest<HTMLElement>('.target') : null;
      if (target) this.select(target, false);
    });
  }

  /** Marks steps with what the agent reported during the run (todo, in_progress, done, blocked). */
  setAgentSteps(steps: Readonly<Record<string, string>>, running: boolean): void {
    for (const li of this.element.querySelectorAll<HTMLElement>('li[data-step]')) {
      const agent = steps[li.dataset.step ?? ''];
      if (agent) li.dataset.agent = agent;
      else delete li.dataset.agent;
      li.classList.toggle('running', running);
      const mark = li.querySelector('.step-mark');
      mark?.setAttribute('aria-label', (agent ?? li.dataset.status ?? '').replace('_', ' '));
    }
  }

  setComments(comments: readonly PlanCommentView[]): void {
    this.comments = comments;
    for (const old of this.element.querySelectorAll('.inline-comment')) old.remove();
    for (const comment of comments) {
      const target = this.targetFor(comment.line);
      if (!target) continue;
      target.append(
        h(
          'div',
          { className: 'inline-comment', attrs: { 'data-comment': comment.id } },
          codicon('comment'),
          h('span', { text: comment.text }),
          iconButton('close', 'Remove comment', () => this.post({ type: 'removeComment', id: this.doc.id, commentId: comment.id })),
        ),
      );
    }
  }

  /** The line of the selected block, if any. */
  get currentLine(): number | undefined {
    return this.current ? Number(this.current.dataset.line) : undefined;
  }

  get commentCount(): number {
    return this.comments.length;
  }

  private targets(): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>(TARGETS)];
  }

  private targetFor(line: number): HTMLElement | undefined {
    let best: HTMLElement | undefined;
    for (const t of this.targets()) if (Number(t.dataset.line) <= line) best = t;
    return best;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.element && !(e.target instanceof HTMLElement && e.target.classList.contains('target'))) return;
    const targets = this.targets();
    if (targets.length === 0) return;
    const at = this.current ? targets.indexOf(this.current) : -1;
    const move = (to: number) => {
      e.preventDefault();
      const next = targets[Math.max(0, Math.min(targets.length - 1, to))];
      if (next) this.select(next, true);
    };
    if (e.key === 'ArrowDown' || e.key === 'j') move(at + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(targets.length - 1);
    else if ((e.key === 'c' || e.key === 'Enter') && this.current) {
      e.preventDefault();
      this.openForm(this.current);
    }
  }

  private select(target: HTMLElement, scroll: boolean): void {
    this.current?.classList.remove('current');
    this.current = target;
    target.classList.add('current');
    this.element.setAttribute('aria-activedescendant', '');
    if (scroll) target.scrollIntoView({ block: 'nearest' });
    this.element.setAttribute('aria-label', `${this.doc.title}, line ${Number(target.dataset.line) + 1}: ${target.textContent?.trim().slice(0, 120) ?? ''}`);
  }

  private openForm(target: HTMLElement): void {
    this.element.querySelector('.comment-form')?.remove();
    const line = Number(target.dataset.line);
    const section = target.closest<HTMLElement>('section[data-section]')?.dataset.section;
    const text = h('textarea', {
      attrs: {
        rows: '3',
        'aria-label': `Comment on line ${line + 1}${section ? ` in ${section}` : ''}`,
        placeholder: 'What should the agent change here?',
        maxlength: '4000',
      },
    });
    const close = () => {
      form.remove();
      this.element.focus();
    };
    const add = () => {
      const value = text.value.trim();
      if (!value) return;
      this.post({ type: 'addComment', id: this.doc.id, line, text: value, ...(section ? { section } : {}) });
      close();
    };
    text.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') close();
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add();
    });
    const form = h(
      'div',
      { className: 'comment-form' },
      text,
      h(
        'div',
        { className: 'buttons' },
        h('button', { className: 'primary', attrs: { type: 'button' }, onClick: add }, 'Add comment'),
        h('button', { className: 'secondary', attrs: { type: 'button' }, onClick: close }, 'Cancel'),
      ),
    );
    target.after(form);
    text.focus();
  }
}
