import type { PlanViewState } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';

export function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  return h('button', { className: 'icon', attrs: { type: 'button', 'aria-label': label, title: label }, onClick: (e) => {
    e.stopPropagation();
    onClick();
  } }, codicon(icon));
}

export function button(text: string, icon: string, onClick: () => void, opts: { primary?: boolean; disabled?: string; label?: string } = {}): HTMLButtonElement {
  const el = h('button', { className: opts.primary ? 'primary' : 'secondary', attrs: { type: 'button', ...(opts.label ? { 'aria-label': opts.label } : {}) }, onClick }, codicon(icon), ` ${text}`);
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

/** A one-line intent for the agent: Enter sends, the button too. */
export function intentForm(state: PlanViewState, label: string, send: (intent: string) => void): HTMLElement {
  const off = agentOff(state);
  const input = h('input', { className: 'intent', attrs: { type: 'text', 'aria-label': label, placeholder: off ?? `${label}…`, maxlength: '2000' } });
  const go = h('button', { className: 'icon', attrs: { type: 'submit', 'aria-label': 'Draft with agent', title: 'Draft with agent' } }, codicon('sparkle'));
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
