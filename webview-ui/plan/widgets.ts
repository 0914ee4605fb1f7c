import type { PlanViewState } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';

export function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  return h(
    'button',
    {
      className: 'icon',
      attrs: { type: 'button', 'aria-label': label, title: label },
      onClick: (e) => {
        e.stopPropagation();
        onClick();
      },
    },
    codicon(icon),
  );
}

export function button(
  text: string,
  icon: string,
  onClick: () => void,
  opts: { primary?: boolean; disabled?: string; label?: string } = {},
): HTMLButtonElement {
  const el = h(
    'button',
    { className: opts.primary ? 'primary' : 'secondary', attrs: { type: 'button', ...(opts.label ? { 'aria-label': opts.label } : {}) }, onClick },
    codicon(icon),
    ` ${text}`,
  );
  if (opts.disabled) {
    el.disabled = true;
    el.title = opts.disabled;
  }
  return el;
}

/** Why the agent's buttons are off, or undefined when they work. */
export function agentOff(state: PlanViewState): string | undefined {
  if (!state.trusted) return 'The agent is off in Restricted Mode: trust the workspace to use it.';
  if (!state.agentAvailable) return 'The agent is not available in this window.';
  return undefined;
}

/** What a one-line message box sends with (the draft's intent by default). */
export interface SendAction {
  readonly label: string;
  readonly icon: string;
  readonly maxLength: number;
}

const DRAFT_ACTION: SendAction = { label: 'Draft with agent', icon: 'sparkle', maxLength: 2000 };

/** A one-line message for the agent: Enter sends, the button too. `off` says why it cannot be used. */
export function intentForm(off: string | undefined, label: string, send: (intent: string) => void, action: SendAction = DRAFT_ACTION): HTMLElement {
  const input = h('input', {
    className: 'intent',
    attrs: { type: 'text', 'aria-label': label, placeholder: off ?? `${label}…`, maxlength: String(action.maxLength) },
  });
  const go = h('button', { className: 'icon', attrs: { type: 'submit', 'aria-label': action.label, title: action.label } }, codicon(action.icon));
  if (off) {
    input.disabled = true;
    go.disabled = true;
    input.title = off;
  }
  const submit = () => {
    const intent = input.value.trim();
    if (!intent) return;
    input.value = '';
    send(intent);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  });
  go.addEventListener('click', (e) => {
    e.preventDefault();
    submit();
  });
  return h('div', { className: 'intent-form' }, input, go);
}

/**
 * Replaces a container's children and gives the focus (and the text of a text box being typed
 * in) to the same control in the new children: state arrives many times a second while a run
 * streams, and a rebuilt toolbar must not drop the keyboard user or their half-typed intent.
 */
export function replaceKeepingFocus(container: HTMLElement, children: readonly HTMLElement[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? controlKey(active) : undefined;
  const input = active instanceof HTMLInputElement ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : undefined;
  container.replaceChildren(...children);
  if (key === undefined) return;
  const next = [...container.querySelectorAll<HTMLElement>('button, input, select, a, [tabindex]')].find((el) => controlKey(el) === key);
  if (!next) return;
  if (input && next instanceof HTMLInputElement) {
    next.value = input.value;
    next.setSelectionRange(input.start, input.end);
  }
  next.focus();
}

function controlKey(el: HTMLElement): string {
  return `${el.tagName}|${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`;
}
