/**
 * Parts of the open plan the user folds to one line (the run card, the run's log), so the plan keeps
 * its room in a short side bar. What is folded is kept in the webview's state: it survives the view
 * being hidden and a reload, and the side bar and the editor tab each keep their own.
 */
import type { LogEntry } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';

export type FoldKey = 'run' | 'log';
/** true: folded to one line. */
export type Folds = Readonly<Partial<Record<FoldKey, boolean>>>;

let folds: Folds = {};
let changed: () => void = () => undefined;

/** `saved` comes from the webview state; `onChange` saves it there again. */
export function initFolds(saved: Folds | undefined, onChange: () => void): void {
  folds = saved ?? {};
  changed = onChange;
}

export function currentFolds(): Folds {
  return folds;
}

/**
 * Until the user folds or opens it, the log is folded in a short view, where it would leave the
 * plan a few lines; everything else starts open.
 */
function isFolded(key: FoldKey): boolean {
  return folds[key] ?? (key === 'log' && window.innerHeight < SHORT_VIEW);
}

const SHORT_VIEW = 480;

/** A chevron that folds `part` (the `folded` class) and says so to a screen reader. */
export function foldToggle(part: HTMLElement, key: FoldKey, label: string): HTMLButtonElement {
  const icon = codicon('chevron-down');
  const toggle = h('button', { className: 'icon fold', attrs: { type: 'button', 'aria-label': label, title: label } }, icon);
  const apply = (folded: boolean): void => {
    part.classList.toggle('folded', folded);
    toggle.setAttribute('aria-expanded', String(!folded));
    icon.className = `codicon codicon-chevron-${folded ? 'right' : 'down'}`;
  };
  apply(isFolded(key));
  toggle.addEventListener('click', (e) => {
    e.stopPropagation();
    const folded = !part.classList.contains('folded');
    folds = { ...folds, [key]: folded };
    apply(folded);
    changed();
  });
  return toggle;
}

/** The run's log under a one-line head that folds it; folded, the head shows the latest entry. */
export class LogSection {
  readonly element: HTMLElement;
  private readonly latest: HTMLElement;

  constructor(log: HTMLElement) {
    this.latest = h('span', { className: 'log-latest' });
    this.element = h('div', { className: 'log-section' });
    const head = h(
      'div',
      { className: 'log-head' },
      foldToggle(this.element, 'log', 'Run log'),
      h('span', { className: 'log-name', text: 'Log' }),
      this.latest,
    );
    this.element.append(head, log);
  }

  /** What the log was just given (from entry `from` on): the last entry's first line is what a folded log shows. */
  note(from: number, entries: readonly LogEntry[]): void {
    const last = entries[entries.length - 1];
    if (last) this.latest.textContent = last.text.split('\n', 1)[0] ?? '';
    else if (from === 0) this.latest.textContent = '';
  }
}
